#!/usr/bin/env python3
"""Print side-by-side benchmark ratios against their targets.

Usage: bench_ratios.py BENCHMARK_JSON [TARGETS_DIR]

Reads a Google Benchmark JSON file and every TARGETS_DIR/*.json (default:
benchmarks/targets next to this script's parent), each a JSON list of
{"label", "numerator", "denominator", "max"} where numerator and denominator
are run names (e.g. "counter_inc/gauntlet/real_time/threads:1"). For each
run the median aggregate is used when the file has repetitions, else the mean
of its iterations' real_time. Prints one aligned row per target:
label, numerator ns, denominator ns, ratio, target, ok/MISS.

This reports; it is not a gate: exit 0 whatever the ratios (a run missing
from the file shows as "n/a"), exit 2 with one line on bad input.
"""
import json
import os
import sys

TIME_UNIT_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def fail(message):
    print(f"bench_ratios: {message}", file=sys.stderr)
    sys.exit(2)


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except OSError as e:
        fail(f"{path}: cannot read: {e.strerror}")
    except json.JSONDecodeError as e:
        fail(f"{path}:{e.lineno}:{e.colno}: invalid JSON: {e.msg}")


def run_times_ns(path):
    """Map run name -> real time per iteration in ns (median if present)."""
    doc = load_json(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("benchmarks"), list):
        fail(f"{path}: not a Google Benchmark JSON file (no \"benchmarks\" list)")
    medians, samples = {}, {}
    for i, b in enumerate(doc["benchmarks"]):
        if not isinstance(b, dict) or "real_time" not in b:
            fail(f"{path}: benchmarks[{i}]: missing real_time")
        name = b.get("run_name", b.get("name"))
        unit = TIME_UNIT_NS.get(b.get("time_unit", "ns"))
        if not isinstance(name, str) or unit is None or not isinstance(b["real_time"], (int, float)):
            fail(f"{path}: benchmarks[{i}]: bad run_name, time_unit or real_time")
        ns = b["real_time"] * unit
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                medians[name] = ns
        else:
            samples.setdefault(name, []).append(ns)
    times = {name: sum(v) / len(v) for name, v in samples.items()}
    times.update(medians)
    return times


def load_targets(targets_dir):
    if not os.path.isdir(targets_dir):
        fail(f"{targets_dir}: targets directory not found")
    targets = []
    for file in sorted(os.listdir(targets_dir)):
        if not file.endswith(".json"):
            continue
        path = os.path.join(targets_dir, file)
        doc = load_json(path)
        if not isinstance(doc, list):
            fail(f"{path}: expected a JSON list of targets")
        for i, t in enumerate(doc):
            if not isinstance(t, dict):
                fail(f"{path}: [{i}]: expected an object")
            for key, kind in (("label", str), ("numerator", str), ("denominator", str), ("max", (int, float))):
                if not isinstance(t.get(key), kind) or isinstance(t.get(key), bool):
                    fail(f"{path}: [{i}]: \"{key}\" missing or of the wrong type")
            targets.append(t)
    return targets


def fmt_ns(v):
    return "n/a" if v is None else f"{v:.2f}"


def main(argv):
    if len(argv) not in (2, 3):
        fail("usage: bench_ratios.py BENCHMARK_JSON [TARGETS_DIR]")
    default_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "benchmarks", "targets")
    times = run_times_ns(argv[1])
    targets = load_targets(argv[2] if len(argv) == 3 else default_dir)
    header = ("target", "numerator ns", "denominator ns", "ratio", "max", "status")
    rows = []
    for t in targets:
        num, den = times.get(t["numerator"]), times.get(t["denominator"])
        if num is None or den is None or den <= 0:
            ratio, status = None, "n/a"
        else:
            ratio = num / den
            status = "ok" if ratio <= t["max"] else "MISS"
        rows.append((t["label"], fmt_ns(num), fmt_ns(den), "n/a" if ratio is None else f"{ratio:.3f}",
                     f"{t['max']:.3g}", status))
    widths = [max(len(str(r[c])) for r in [header] + rows) for c in range(len(header))]
    for r in [header] + rows:
        cells = [str(r[0]).ljust(widths[0])] + [str(v).rjust(w) for v, w in zip(r[1:], widths[1:])]
        print("  ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
