#!/bin/sh
# Stands in for a Google Benchmark binary in runner tests: writes JSON to
# --benchmark_out with 2 repetitions whose time is FAKE_BENCH_NS (default 100).
out=""
for a in "$@"; do
  case "$a" in
    --benchmark_out=*) out="${a#--benchmark_out=}" ;;
    --fail) exit 3 ;;
  esac
done
t="${FAKE_BENCH_NS:-100}"
cat > "$out" <<JSON
{"context": {"host_name": "fake", "num_cpus": 1, "library_build_type": "release"},
 "benchmarks": [
  {"name": "BM_F", "run_name": "BM_F", "run_type": "iteration", "repetitions": 2, "repetition_index": 0,
   "iterations": 10, "real_time": $t, "cpu_time": $t, "time_unit": "ns", "odd": NaN},
  {"name": "BM_F", "run_name": "BM_F", "run_type": "iteration", "repetitions": 2, "repetition_index": 1,
   "iterations": 10, "real_time": $t, "cpu_time": $t, "time_unit": "ns", "odd": NaN},
  {"name": "BM_F_mean", "run_name": "BM_F", "run_type": "aggregate", "aggregate_name": "mean",
   "repetitions": 2, "iterations": 2, "real_time": $t, "cpu_time": $t, "time_unit": "ns"}
 ]}
JSON
echo "human-readable console output that the runner must discard"
