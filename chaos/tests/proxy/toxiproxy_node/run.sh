#!/usr/bin/env bash
# ctest runner for the Toxiproxy peer test: starts `gauntlet proxy` on a free
# loopback port (bounded by --duration, stopped on every exit path), then runs
# the real toxiproxy-node-client against it (client_calls.js) and, when
# GAUNTLET_TOXIPROXY_CLIENT_TESTS names the client's own src/tests folder (from a
# checkout of the client), the client's test suite too (client_suite.js).
# Without node or the client: skipped (exit 77), or failed when CI is set.
#
# Usage: run.sh <gauntlet-executable> <node-folder (holds node_modules/)>
set -uo pipefail
gauntlet=$1
node_dir=$2
here=$(cd "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
modules=$node_dir/node_modules

unavailable() {
  if [[ -n "${CI:-}" ]]; then
    echo "FAILED: $1 (CI is set, so the peer test must run: ci/install-deps.sh installs it)"
    exit 1
  fi
  echo "SKIPPED: $1; run ci/install-deps.sh to install it"
  exit 77
}
command -v node >/dev/null || unavailable "node not found"
[[ -f $modules/toxiproxy-node-client/package.json ]] ||
  unavailable "toxiproxy-node-client not installed in $node_dir"

work=$(mktemp -d)
"$gauntlet" proxy --host 127.0.0.1 --port 0 --seed 7 --duration 55 >"$work/proxy.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' INT TERM  # exit runs cleanup

url=
for _ in $(seq 200); do
  url=$(grep -o 'http://[0-9.]*:[0-9]*' "$work/proxy.log" | head -n 1)
  [[ -n $url ]] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
if [[ -z $url ]]; then
  echo "gauntlet proxy did not start:"
  cat "$work/proxy.log"
  exit 1
fi
echo "gauntlet proxy: $url ($(node --version), toxiproxy-node-client" \
  "$(node -p "require('$modules/toxiproxy-node-client/package.json').version"))"

node "$here/client_calls.js" "$url" "$modules"
rc=$?
if [[ -n "${GAUNTLET_TOXIPROXY_CLIENT_TESTS:-}" ]]; then
  node "$here/client_suite.js" "$url" "$modules" "$GAUNTLET_TOXIPROXY_CLIENT_TESTS" || rc=1
fi
if ! kill -0 "$pid" 2>/dev/null; then
  echo "gauntlet proxy exited during the test:"
  cat "$work/proxy.log"
  rc=1
fi
exit "$rc"
