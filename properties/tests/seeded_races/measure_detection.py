#!/usr/bin/env python3
"""How often each concurrent property detects its seeded race.

Runs every (instantiation, property) pair of the seeded-race executable N
times with the default property settings (or --stress-ms) and reports the
detection rate of each: a run detects the race when the property fails.

  measure_detection.py --binary build/dev/properties/gauntlet_properties_seeded_races --runs 50
  measure_detection.py --binary ... --runs 1 --attempts 5 --require 1.0   # the default ctest check

Exit status: 0 when every rate is at least --require, 1 otherwise, 2 on usage
errors. Each run's seed is printed on failure to detect, so it can be re-run.
"""
import argparse
import os
import subprocess
import sys
import time

# Each concurrent property and the seeded race it must detect.
PAIRS = [
    ("RacyCounter", "MetricsProperties", "CounterConcurrentIncrementsLinearizable", "lost update in counter_add"),
    ("RacyGauge", "MetricsProperties", "GaugeConcurrentUpdatesLinearizable", "lost update in gauge_add"),
    ("TornHistogram", "MetricsProperties", "HistogramSnapshotsConsistentDuringWrites", "torn histogram snapshot"),
    ("RacyMerge", "MetricsProperties", "ConcurrentMergesEqualTheUnion", "unlocked read-modify-write in merge"),
    ("CheckThenActHalfOpen", "BreakerProperties", "HalfOpenPermitsUnderConcurrency", "check-then-act half-open admission"),
    ("LostFailureRun", "BreakerProperties", "ConcurrentFailuresOpen", "lost update of the failure run"),
    ("LostPermitCount", "BreakerProperties", "ConcurrentCallsAccounted", "lost update of the permitted count"),
    ("RacyExporterAppend", "TracingProperties", "ConcurrentSpansExportedOnce", "racy exporter append"),
    ("SharedScope", "TracingProperties", "ScopesDoNotLeakAcrossThreads", "scope shared across threads"),
]


def run_once(binary, inst, suite, prop, env, timeout):
    """True when the property failed (the race was detected)."""
    cmd = [binary, f"--gtest_filter={inst}/{suite}/0.{prop}"]
    try:
        done = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)
    except subprocess.TimeoutExpired:
        return False, "timed out"
    out = done.stdout.decode(errors="replace")
    if "[==========] 0 tests from 0 test suites ran" in out:
        raise SystemExit(f"no test matched {inst}/{suite}/0.{prop}")
    return done.returncode != 0, out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--attempts", type=int, default=1, help="tries per run; detected if any try fails")
    parser.add_argument("--stress-ms", type=int, help="GAUNTLET_STRESS_MS for the runs (default: the suites' default)")
    parser.add_argument("--require", type=float, default=0.0, help="minimum detection rate (0..1) for exit status 0")
    parser.add_argument("--only", help="run only pairs whose instantiation contains this")
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        print(f"no such executable: {args.binary}", file=sys.stderr)
        return 2
    env = dict(os.environ)
    for key in ("GAUNTLET_STRESS_MS", "GAUNTLET_THOROUGH", "GAUNTLET_PROPERTY_CASES", "RC_PARAMS", "GAUNTLET_STRICT"):
        env.pop(key, None)
    if args.stress_ms:
        env["GAUNTLET_STRESS_MS"] = str(args.stress_ms)
    ok = True
    print(f"{'seeded race':<40} {'property':<45} {'detected':>10} {'rate':>7} {'mean s':>7}")
    for inst, suite, prop, what in PAIRS:
        if args.only and args.only not in inst:
            continue
        detected = 0
        seconds = 0.0
        for run in range(args.runs):
            began = time.monotonic()
            for _ in range(args.attempts):
                failed, out = run_once(args.binary, inst, suite, prop, env, args.timeout)
                if failed:
                    break
            seconds += time.monotonic() - began
            if failed:
                detected += 1
            else:
                print(f"  run {run}: {what} not detected by {prop}", file=sys.stderr)
        rate = detected / args.runs if args.runs else 0.0
        ok = ok and rate >= args.require
        print(f"{what:<40} {prop:<45} {detected:>4}/{args.runs:<5} {100 * rate:>6.1f}% {seconds / max(args.runs, 1):>7.2f}",
              flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
