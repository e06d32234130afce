#!/usr/bin/env bash
# On a built tree: runs the side-by-side primitives benchmark and
# prints each ratio against its target.
set -euo pipefail
build_dir=${1:-build/release}
bench="$build_dir/benchmarks/gauntlet_bench_harness"
if [[ ! -x "$bench" ]]; then
  echo "primitives-table: $bench not built (run: cmake --workflow --preset release)" >&2
  exit 2
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bench" --benchmark_out="$out/bench.json" --benchmark_out_format=json --benchmark_min_time=0.2
"$(dirname "$0")/bench_ratios.py" "$out/bench.json"
