#!/usr/bin/env python3
"""Reads judge_corpus.py records and prints the gate's accuracy against its targets.

Per mode (sep, sep_hist, multi, int, int_seq, confirm) and per tool: identical
code (+0%) read regressed, improved, unchanged and inconclusive, all runs and
the runs next to a busy neighbour; detection at each level. Then the targets:
  * identical code regressed <= 1% in every gauntlet mode (all, and busy);
  * interleaved (int at the first look, int_seq with --until-decided):
    +5% >= 90%, +2% >= 60%, identical code unchanged >= 80%;
  * separate runs with history: +20% >= 90% on benchmarks whose learned
    noise (the ratio's sigma, noise_sigma) is under 5%;
  * --confirm-with: +10% suspicions decided regressed >= 90%.
"""
import argparse
import collections
import json


def rate(hits, n):
    return "{}/{} ({:.1f}%)".format(hits, n, 100.0 * hits / n) if n else "-"


def frac(hits, n):
    return hits / n if n else float("nan")


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("records", nargs="+", help="judge_corpus.py --out files")
    p.add_argument("--noise-below", type=float, default=0.05)
    args = p.parse_args()
    recs = [json.loads(l) for path in args.records for l in open(path)]
    cells = collections.defaultdict(collections.Counter)
    for r in recs:
        cells[(r["mode"], r["tool"], r["level"], False)][r["verdict"]] += 1
        if r["busy"]:
            cells[(r["mode"], r["tool"], r["level"], True)][r["verdict"]] += 1
    levels = sorted({r["level"] for r in recs})
    print("| mode | tool | +0% regressed | +0% regressed, busy | +0% unchanged | +0% inconcl. | " +
          " | ".join("+{}% detected".format(l) for l in levels if l) + " |")
    print("|---|---|---:|---:|---:|---:|" + "---:|" * (len(levels) - 1))
    for mode, tool in sorted({(r["mode"], r["tool"]) for r in recs}):
        aa, busy = cells[(mode, tool, 0, False)], cells[(mode, tool, 0, True)]
        n, nb = sum(aa.values()), sum(busy.values())
        row = [rate(aa["regressed"], n), rate(busy["regressed"], nb), rate(aa["same"] + aa["unchanged"], n),
               rate(aa["inconclusive"], n)]
        for level in levels:
            if level:
                c = cells[(mode, tool, level, False)]
                row.append(rate(c["regressed"], sum(c.values())))
        print("| {} | {} | {} |".format(mode, tool, " | ".join(row)))

    print("\ntargets:")
    checks = []
    for mode in ("sep", "sep_hist", "multi", "int", "int_seq", "confirm"):
        for busy in (False, True):
            c = cells[(mode, "gauntlet", 0, busy)]
            n = sum(c.values())
            if n:
                checks.append(("{} identical code regressed{} <= 1%".format(mode, " (busy)" if busy else ""),
                               frac(c["regressed"], n) <= 0.01, rate(c["regressed"], n)))
    for mode in ("int", "int_seq"):
        for level, need in ((5, 0.90), (2, 0.60)):
            c = cells[(mode, "gauntlet", level, False)]
            checks.append(("{} +{}% detected >= {:.0f}%".format(mode, level, need * 100),
                           frac(c["regressed"], sum(c.values())) >= need, rate(c["regressed"], sum(c.values()))))
        c = cells[(mode, "gauntlet", 0, False)]
        checks.append(("{} identical code unchanged >= 80%".format(mode), frac(c["unchanged"], sum(c.values())) >= 0.8,
                       rate(c["unchanged"], sum(c.values()))))
    quiet = [r for r in recs if r["mode"] == "sep_hist" and r["tool"] == "gauntlet" and r["level"] == 20
             and r.get("noise_source") == "history" and r.get("noise_sigma") is not None
             and r["noise_sigma"] < args.noise_below]
    hits = sum(r["verdict"] == "regressed" for r in quiet)
    checks.append(("sep_hist +20% detected >= 90% where noise_sigma < {:.0%}".format(args.noise_below),
                   frac(hits, len(quiet)) >= 0.9, rate(hits, len(quiet))))
    c = cells[("confirm", "gauntlet", 10, False)]
    checks.append(("confirm +10% decided regressed >= 90%", frac(c["regressed"], sum(c.values())) >= 0.9,
                   rate(c["regressed"], sum(c.values()))))
    for name, ok, figure in checks:
        print("- [{}] {}: {}".format("x" if ok else " ", name, figure))


if __name__ == "__main__":
    main()
