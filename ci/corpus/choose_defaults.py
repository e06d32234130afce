#!/usr/bin/env python3
"""Chooses the gate's noise defaults on one corpus part (never the reported one).

Input: records of judge_corpus.py run with a config whose priors are zero
(`process_noise_pct: 0`, `run_noise_pct: 0`), so each record holds the
interval from the repetitions alone ("within"), the contention stretch and
the adjusted p-value. The gate's widening (stats::widen_ratio_interval) and
verdict rule are then replayed here for every candidate setting:
  separate runs without history: process_noise x run_noise x noise_tail_df;
  separate runs with history: history_quantile x history_min_runs (sigma
  recomputed from the part's level-0 single-process runs, as the history
  would hold them).
Prints, per setting, the A/A regressed rate and detection at each level.
"""
import argparse
import collections
import functools
import json
import math
import os
import statistics


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("records", help="judge_corpus.py output with zero priors")
    p.add_argument("--work", required=True, help="the corpus part the records come from")
    p.add_argument("--metric", default="cpu_time")
    p.add_argument("--alpha", type=float, default=0.05)
    p.add_argument("--confidence", type=float, default=0.95)
    args = p.parse_args()
    recs = [json.loads(l) for l in open(args.records)]
    # As the gate: real-time noise is learned from the same runs' cpu time.
    history = learned_history(args.work, "cpu_time" if args.metric == "real_time" else args.metric)

    print("## separate runs without history (sep, multi)")
    print("| process % | run % | df | mode | +0% regressed | +0% improved | +2% | +5% | +10% | +20% |")
    print("|---|---|---|---|---:|---:|---:|---:|---:|---:|")
    for proc in (1.0, 1.5, 2.0, 2.5, 3.0):
        for run in (1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0):
            for df in (3.0, 5.0, math.inf):
                for mode in ("sep", "multi"):
                    rows = [r for r in recs if r["mode"] == mode and r["tool"] == "gauntlet"]
                    report(rows, lambda r: prior_sigma(r, proc / 100, run / 100), df, args,
                           "| {} | {} | {} | {} |".format(proc, run, df, mode))
    print("\n## separate runs with history (sep; priors 2/2, df 3 where history is short)")
    print("| quantile | min runs | df | +0% regressed | +0% improved | +2% | +5% | +10% | +20% |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|")
    rows = [r for r in recs if r["mode"] == "sep" and r["tool"] == "gauntlet"]
    for quantile in (0.5, 0.75, 0.9):
        for min_runs in (5, 8, 12):
            for df in (3.0, 5.0):
                def sigma(r, quantile=quantile, min_runs=min_runs):
                    s = history.sigma(r["name"], slot_of(r["cur"]), quantile, min_runs)
                    return math.sqrt(2) * s if s is not None else prior_sigma(r, 0.02, 0.02)
                report(rows, sigma, df, args, "| {} | {} | {} |".format(quantile, min_runs, df))
    print("\n## with history (quantile 0.75, 8 runs, df 3), by the learned sigma of one run")
    print("| learned sigma | comparisons at +0% | +0% regressed | +2% | +5% | +10% | +20% |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for lo, hi in ((0, 0.02), (0.02, 0.035), (0.035, 0.05), (0.05, 1.0)):
        sub = [r for r in rows if lo <= (history.sigma(r["name"], slot_of(r["cur"]), 0.75, 8) or -1) < hi]
        n0 = sum(1 for r in sub if r["level"] == 0)
        report(sub, lambda r: math.sqrt(2) * history.sigma(r["name"], slot_of(r["cur"]), 0.75, 8), 3.0, args,
               "| {:.1f}-{:.1f}% | {} |".format(100 * lo, 100 * hi, n0))


def slot_of(name):
    return int(name.rsplit("_s", 1)[1].split(".")[0])


def prior_sigma(r, proc, run):
    var = 2 * run * run
    for p in r["rounds"]:
        if p < 3:
            var += proc * proc / p
    return math.sqrt(var)


@functools.lru_cache(maxsize=None)
def noise_quantile(p, df):
    """t quantile rescaled to the normal's MAD, as stats::noise_quantile."""
    if math.isinf(df):
        return normal_quantile(p)
    return t_quantile(p, df) * normal_quantile(0.75) / t_quantile(0.75, df)


def normal_quantile(p):
    return statistics.NormalDist().inv_cdf(p)


def t_quantile(p, df):
    lo, hi = -1e3, 1e3
    for _ in range(60):
        mid = (lo + hi) / 2
        if t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def t_cdf(x, df):
    # Numerical integration of the t density (Simpson), enough for choosing defaults.
    def pdf(u):
        return math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi) * \
            (1 + u * u / df) ** (-(df + 1) / 2)
    a, n = 0.0, 2000
    h = (x - a) / n
    s = pdf(a) + pdf(x) + sum((4 if k % 2 else 2) * pdf(a + k * h) for k in range(1, n))
    return 0.5 + s * h / 3


def verdict(r, sigma, df, args):
    ratio = r["ratio"]
    lo, hi = r["within"]
    if ratio is None or lo is None or hi is None or ratio <= 0:
        return r["verdict"]
    if r["verdict"] in ("new", "missing", "errored") or r.get("method") == "paired rounds":
        return r["verdict"]
    c = math.log(ratio)
    spread = noise_quantile((1 + args.confidence) / 2, df) * sigma
    wl = c - math.log(lo) if lo > 0 else math.inf
    wh = math.log(hi) - c
    low = math.exp(c - math.sqrt(wl * wl + spread * spread)) if math.isfinite(wl) else 0.0
    high = math.exp(c + math.sqrt(wh * wh + spread * spread))
    cont = r.get("contention") or 0.0
    if cont > 0:
        low /= math.exp(cont)
    elif cont < 0:
        high *= math.exp(-cont)
    t = r["threshold"]
    q = r["q"] if r["q"] is not None else 1.0
    if q < args.alpha and low > 1 + t:
        return "regressed"
    if q < args.alpha and high < 1 - t:
        return "improved"
    if low >= 1 - t and high <= 1 + t:
        return "unchanged"
    return "inconclusive"


def report(rows, sigma_of, df, args, head):
    cells = collections.defaultdict(collections.Counter)
    for r in rows:
        cells[r["level"]][verdict(r, sigma_of(r), df, args)] += 1
    out = []
    c0 = cells[0]
    n0 = max(1, sum(c0.values()))
    out.append("{:.2f}% ({}/{})".format(100.0 * c0["regressed"] / n0, c0["regressed"], n0))
    out.append("{:.2f}%".format(100.0 * c0["improved"] / n0))
    for level in (2, 5, 10, 20):
        c = cells[level]
        n = max(1, sum(c.values()))
        out.append("{:.0f}%".format(100.0 * c["regressed"] / n))
    print(head + " " + " | ".join(out) + " |")


class learned_history:
    """Per benchmark, the level-0 single-process run medians in slot order."""

    def __init__(self, work, metric):
        runs = [json.loads(l) for l in open(os.path.join(work, "runs.jsonl"))]
        self.series = collections.defaultdict(list)  # name -> [(slot, median)]
        for e in sorted(runs, key=lambda e: e["start"]):
            if e["kind"] != "sep" or e["level"] != 0:
                continue
            by = collections.defaultdict(list)
            for row in json.load(open(e["files"][0]))["benchmarks"]:
                if row["run_type"] == "iteration":
                    by[row["run_name"]].append(row[metric])
            for name, values in by.items():
                self.series[name].append((e["slot"], statistics.median(values)))

    def sigma(self, name, slot, quantile, min_runs, window=60):
        meds = [m for s, m in self.series[name] if s < slot][-window:]
        if len(meds) < min_runs:
            return None
        steps = sorted(abs(math.log(meds[i]) - math.log(meds[i - 1])) for i in range(1, len(meds)))
        pos = quantile * (len(steps) - 1)
        lo = int(math.floor(pos))
        hi = min(lo + 1, len(steps) - 1)
        q = steps[lo] + (pos - lo) * (steps[hi] - steps[lo])
        return q / (math.sqrt(2) * normal_quantile((1 + quantile) / 2))


if __name__ == "__main__":
    main()
