#!/usr/bin/env python3
"""Gate accuracy study: false alarms and detection of injected slowdowns.

Runs the corpus benchmark (work_bench.cpp, work scaled by
GAUNTLET_CORPUS_SLOWDOWN_PCT) as separate runs and as interleaved A/B runs,
some with a busy neighbour process, and judges every baseline/current pair
with `gauntlet gate` and with Google Benchmark's compare.py U-test.
Writes results.json and prints a Markdown table. Data stays in --work.
"""
import argparse
import itertools
import json
import os
import sqlite3
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
COMPARE = "/usr/share/benchmark/compare.py"


def sh(cmd, env=None, check=True):
    r = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if check and r.returncode not in (0, 1):
        sys.exit("failed ({}): {}\n{}".format(r.returncode, " ".join(cmd), r.stderr))
    return r


class Neighbour:
    """A busy process competing for the CPU while a run is measured."""

    def __init__(self, on):
        self.on, self.proc = on, None

    def __enter__(self):
        if self.on:
            self.proc = subprocess.Popen([sys.executable, "-c", "while True: pass"])
        return self

    def __exit__(self, *exc):
        if self.proc:
            self.proc.kill()
            self.proc.wait()


def bench_run(args, out, level, neighbour, candidate_out=None, cand_level=None):
    """Produces `out` (and `candidate_out`); runs already in --work are reused."""
    if os.path.exists(out) and (candidate_out is None or os.path.exists(candidate_out)):
        return False
    cmd = [args.gauntlet, "bench", "run", "--binary", args.bench, "--out", out,
           "--env", "GAUNTLET_CORPUS_SLOWDOWN_PCT={}".format(level),
           "--min-time", args.min_time]
    # Both modes: --rounds processes per side, the repetitions split between them.
    cmd += ["--rounds", str(args.rounds), "--repetitions", str(args.repetitions // args.rounds)]
    if candidate_out:
        cmd += ["--candidate-env", "GAUNTLET_CORPUS_SLOWDOWN_PCT={}".format(cand_level),
                "--candidate-out", candidate_out]
    with Neighbour(neighbour):
        r = sh(cmd)
    if r.returncode != 0:
        sys.exit("bench run failed: " + r.stderr)
    return True


def record(args, history, run, revision):
    sh([args.gauntlet, "history", "--db", history, "record", run, "--revision", revision])


def snapshot(history, copy):
    """A consistent copy of the history database (WAL included)."""
    if os.path.exists(copy):
        os.remove(copy)
    with sqlite3.connect(history) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)


def gauntlet_verdicts(args, base, cur, history=None):
    out = cur + (".hist" if history else "") + ".gate.json"
    cmd = [args.gauntlet, "gate", "--baseline", base, "--current", cur, "--json", out, "--seed", "1",
           "--metric", args.metric]
    if history:
        cmd += ["--history", history]
    sh(cmd)
    with open(out) as f:
        doc = json.load(f)
    return {b["name"]: b["verdict"] for b in doc["benchmarks"]}


def compare_verdicts(args, base, cur):
    """compare.py's U-test: 'slower'/'faster' when p < 0.05, else 'same'."""
    env = dict(os.environ)
    try:
        import scipy  # noqa: F401
    except ImportError:
        env["PYTHONPATH"] = os.path.join(HERE, "scipy_stand_in")
    out = cur + ".compare.json"
    sh([sys.executable, COMPARE, "--no-color", "-d", out, "benchmarks", base, cur], env=env, check=True)
    with open(out) as f:
        rows = json.load(f)
    verdicts = {}
    for row in rows:
        u = row.get("utest") or {}
        key = "time" if args.metric == "real_time" else "cpu"
        if key + "_pvalue" not in u:
            continue
        ms = row["measurements"]
        change = sum(m[key] for m in ms) / len(ms)
        if u[key + "_pvalue"] < 0.05:
            verdicts[row["name"]] = "slower" if change > 0 else "faster"
        else:
            verdicts[row["name"]] = "same"
    return verdicts


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--gauntlet", required=True, help="gauntlet (or gauntlet-gate) executable")
    p.add_argument("--bench", required=True, help="gauntlet_corpus_bench executable")
    p.add_argument("--work", required=True, help="directory for runs and results")
    p.add_argument("--pairs", type=int, default=6, help="pairs per slowdown level and mode")
    p.add_argument("--levels", default="0,2,5,10,20")
    p.add_argument("--repetitions", type=int, default=10, help="repetitions per side")
    p.add_argument("--rounds", type=int, default=5, help="processes per side, both modes")
    p.add_argument("--min-time", default="0.02")
    p.add_argument("--metric", default="cpu_time", choices=["cpu_time", "real_time"],
                   help="judged metric (both tools); real time is meaningless on an oversubscribed machine")
    args = p.parse_args()
    levels = [int(x) for x in args.levels.split(",")]
    os.makedirs(args.work, exist_ok=True)
    w = lambda name: os.path.join(args.work, name)  # noqa: E731
    busy = lambda k: k % 3 == 2  # noqa: E731  every third pair has a busy neighbour

    records = []  # (mode, level, tool, benchmark, verdict)
    # Separate runs: baselines first, then the current runs later, as two CI
    # jobs would produce them. Pair k's current runs (every level, so that no
    # level is confounded with the machine's mood at one time) follow one more
    # run of unchanged code: main keeps being measured while branches are.
    for k in range(args.pairs):
        bench_run(args, w("sep_base_{}.json".format(k)), 0, k % 3 == 1)
    for k in range(args.pairs):
        bench_run(args, w("sep_main_{}.json".format(k)), 0, k % 3 == 0)
        for level in levels:
            bench_run(args, w("sep_cur_{}_{}.json".format(level, k)), level, busy(k))
    # History in the order the runs were taken; pair k is judged with the
    # history as it stood when its current runs were taken.
    history = w("history.sqlite")
    if os.path.exists(history):
        os.remove(history)
    for k in range(args.pairs):
        record(args, history, w("sep_base_{}.json".format(k)), "base-{}".format(k))
    for k in range(args.pairs):
        record(args, history, w("sep_main_{}.json".format(k)), "main-{}".format(k))
        snapshot(history, w("history_at_{}.sqlite".format(k)))
    for level, k in itertools.product(levels, range(args.pairs)):
        base, cur = w("sep_base_{}.json".format(k)), w("sep_cur_{}_{}.json".format(level, k))
        for name, v in gauntlet_verdicts(args, base, cur).items():
            records.append(("separate", level, "gauntlet", name, v))
        for name, v in gauntlet_verdicts(args, base, cur, w("history_at_{}.sqlite".format(k))).items():
            records.append(("separate", level, "gauntlet+history", name, v))
        for name, v in compare_verdicts(args, base, cur).items():
            records.append(("separate", level, "compare.py", name, v))
    # Interleaved A B A B runs of the same binary, B with the slowdown.
    for k, level in itertools.product(range(args.pairs), levels):
        a, b = w("int_a_{}_{}.json".format(level, k)), w("int_b_{}_{}.json".format(level, k))
        bench_run(args, a, 0, busy(k), candidate_out=b, cand_level=level)
        for name, v in gauntlet_verdicts(args, a, b).items():
            records.append(("interleaved", level, "gauntlet", name, v))
        for name, v in compare_verdicts(args, a, b).items():
            records.append(("interleaved", level, "compare.py", name, v))

    with open(w("results.json"), "w") as f:
        json.dump(records, f)
    print_table(records, levels, args)


def print_table(records, levels, args):
    print("Corpus: {} pairs per level and mode, {} repetitions per side from {} processes, 4 benchmarks, "
          "metric {}, busy neighbour on every third pair.\n".format(args.pairs, args.repetitions, args.rounds,
                                                                    args.metric))
    print("| mode | tool | " + " | ".join("+{}%".format(l) for l in levels) + " |")
    print("|---|---|" + "---:|" * len(levels))
    for mode in ("separate", "interleaved"):
        for tool in ("compare.py", "gauntlet", "gauntlet+history"):
            cells = []
            for level in levels:
                vs = [r[4] for r in records if r[0] == mode and r[1] == level and r[2] == tool]
                if not vs:
                    cells = None
                    break
                if level == 0:
                    alarms = sum(v in ("regressed", "improved", "slower", "faster") for v in vs)
                    cells.append("{}/{} false alarms ({:.0f}%)".format(alarms, len(vs), 100.0 * alarms / len(vs)))
                else:
                    hit = sum(v in ("regressed", "slower") for v in vs)
                    inc = sum(v == "inconclusive" for v in vs)
                    cell = "{}/{} detected ({:.0f}%)".format(hit, len(vs), 100.0 * hit / len(vs))
                    if tool != "compare.py":
                        cell += ", {} inconclusive".format(inc)
                    cells.append(cell)
            if cells:
                print("| {} | {} | {} |".format(mode, tool, " | ".join(cells)))


if __name__ == "__main__":
    main()
