#!/bin/sh
# Runs one scenario file with `gauntlet chaos run FILE --seed 1` and checks
# the exit code: 0 for a healthy configuration, exactly 1 for a fragile one
# (2, a refused file or a run that could not start, never counts as either).
#
#   run_scenario.sh GAUNTLET FILE EXPECTED_EXIT LOG_DIR "PROGRAMS" [REGEX...]
#
# PROGRAMS: the commands the scenario needs (e.g. "python3 nginx"); when one
# is missing the test is skipped (exit 77), or fails when CI is set.
# REGEX: extended regular expressions the output must match (for a fragile
# file, the verdicts that must fail), each checked with grep -E.
# The whole output is printed when the result is not the expected one.
set -u
if [ $# -lt 5 ]; then
  echo "usage: $0 GAUNTLET FILE EXPECTED_EXIT LOG_DIR PROGRAMS [REGEX...]" >&2
  exit 2
fi
gauntlet=$1 file=$2 expected=$3 logs=$4 programs=$5
shift 5

PATH=$PATH:/usr/sbin:/usr/local/sbin  # Debian's nginx lives in /usr/sbin
export PATH
for program in $programs; do
  if ! command -v "$program" >/dev/null 2>&1; then
    if [ -n "${CI:-}" ]; then
      echo "FAIL: $program not found (required when CI is set; ci/install-deps.sh installs it)"
      exit 1
    fi
    echo "SKIP: $program not found; install it (ci/install-deps.sh) to run $(basename "$file")"
    exit 77
  fi
done

mkdir -p "$logs"
output=$logs/output.txt
"$gauntlet" chaos run "$file" --seed 1 --logs "$logs" --journal "$logs/journal.json" >"$output" 2>&1
code=$?

ok=1
if [ "$code" -ne "$expected" ]; then
  echo "FAIL: $(basename "$file") exited $code, expected $expected"
  ok=0
fi
for regex in "$@"; do
  if ! grep -Eq -- "$regex" "$output"; then
    echo "FAIL: the output of $(basename "$file") does not match: $regex"
    ok=0
  fi
done
if [ "$ok" -eq 0 ]; then
  echo "---- output of: $gauntlet chaos run $file --seed 1 (logs in $logs)"
  cat "$output"
  exit 1
fi
echo "ok: $(basename "$file") exited $code as expected"
cat "$output"
exit 0
