#!/usr/bin/env python3
"""Stands in for a Google Benchmark binary in sequential-run tests.

Two benchmarks: BM_Clear (100 ns, FAKE_CLEAR_PCT percent slower) and
BM_Noisy (100 ns, FAKE_NOISY_PCT percent slower, 4% uniform noise per
process). Honours --benchmark_filter (a regex over the names) and
--benchmark_repetitions. Noise is seeded by an invocation counter kept in
FAKE_STATE, so a test sees the same numbers on every run. Each invocation
appends FAKE_SIDE and the names it ran to FAKE_LOG."""
import json
import os
import random
import re
import sys

out, flt, reps = None, ".*", 1
for a in sys.argv[1:]:
    if a.startswith("--benchmark_out="):
        out = a.split("=", 1)[1]
    elif a.startswith("--benchmark_filter="):
        flt = a.split("=", 1)[1]
    elif a.startswith("--benchmark_repetitions="):
        reps = int(a.split("=", 1)[1])
state = os.environ["FAKE_STATE"]
count = int(open(state).read()) if os.path.exists(state) else 0
with open(state, "w") as f:
    f.write(str(count + 1))
rng = random.Random(count)
rows, ran = [], []
for name, pct, noise in (("BM_Clear", "FAKE_CLEAR_PCT", 0.002), ("BM_Noisy", "FAKE_NOISY_PCT", 0.04)):
    if not re.search(flt, name):
        continue
    ran.append(name)
    level = 100 * (1 + float(os.environ.get(pct, "0")) / 100) * (1 + noise * (rng.random() - 0.5))
    for i in range(reps):
        rows.append({"name": name, "run_name": name, "run_type": "iteration", "repetitions": reps,
                     "repetition_index": i, "iterations": 10, "real_time": level, "cpu_time": level,
                     "time_unit": "ns"})
with open(os.environ["FAKE_LOG"], "a") as f:
    f.write("{} {}\n".format(os.environ.get("FAKE_SIDE", "?"), ",".join(ran)))
with open(out, "w") as f:
    json.dump({"context": {"host_name": "fake", "num_cpus": 1, "library_build_type": "release"},
               "benchmarks": rows}, f)
