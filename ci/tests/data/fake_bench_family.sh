#!/bin/sh
# Stands in for a benchmark binary that starts a process of its own: leaves a
# background `sleep` in its process group, writes "<own pid> <sleep pid>
# <its --benchmark_out argument>" to FAKE_FAMILY, holds FAKE_HOLD seconds
# (default 0), then writes its JSON as fake_bench.sh does; with FAKE_SIGNAL
# set it sends itself that signal instead.
sleep 300 &
out=""
for a in "$@"; do
  case "$a" in
    --benchmark_out=*) out="${a#--benchmark_out=}" ;;
  esac
done
echo "$$ $! $out" > "$FAKE_FAMILY.part" && mv "$FAKE_FAMILY.part" "$FAKE_FAMILY"
if [ -n "${FAKE_SIGNAL:-}" ]; then kill -s "$FAKE_SIGNAL" $$; fi
if [ "${FAKE_HOLD:-0}" -gt 0 ]; then sleep "$FAKE_HOLD"; fi
exec "$(dirname "$0")/fake_bench.sh" "$@"
