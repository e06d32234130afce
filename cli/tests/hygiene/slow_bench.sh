#!/bin/sh
# Stands in for a long Google Benchmark binary in the kill test: runs for 30 s
# (a child `sleep`, so a surviving process tree is visible) before it writes.
sleep 30
exec "$(dirname "$0")/../data/fake_bench.sh" "$@"
