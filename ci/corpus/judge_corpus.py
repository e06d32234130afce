#!/usr/bin/env python3
"""Judges a corpus from collect_runs.py with `gauntlet gate` and compare.py.

Modes (every comparison is one benchmark of one baseline/current pair):
  sep        separate single-process runs, baseline at level 0 in slot i,
             current at a level in slot j = i + lag (runs >= --min-gap s apart)
  sep_hist   the same pairs with --history: level-0 runs of slots before j
  multi      separate `bench run --rounds 10` runs, same pairing
  int        interleaved runs judged on their first --rounds rounds
  int_seq    interleaved, --until-decided emulated from the recorded rounds:
             looks at planned_looks(--rounds, --max-rounds); later looks keep
             the rounds of benchmarks decided earlier, exactly the files the
             runner would have written (only the timing of the re-runs differs)
  confirm    sep pairs whose gate result names suspects, re-judged by an
             interleaved run of the same level (int_seq on the suspects only)
  compare.py compare.py's U-test on the sep, multi and int pairs (p < 0.05)
Writes records to --out (JSON lines) and prints one Markdown table.
"""
import argparse
import collections
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
COMPARE = "/usr/share/benchmark/compare.py"


def load_runs(work):
    runs = {}
    with open(os.path.join(work, "runs.jsonl")) as f:
        for line in f:
            e = json.loads(line)
            for path in e["files"]:
                runs[path] = e
    return runs


def gate(args, base, cur, history=None, extra=()):
    with tempfile.NamedTemporaryFile(suffix=".json", dir=args.tmp, delete=False) as t:
        out = t.name
    cmd = [args.gauntlet, "gate", "--baseline", base, "--current", cur, "--json", out, "--seed", "1",
           "--metric", args.metric] + list(extra)
    if args.config:
        cmd += ["--config", args.config]
    if history:
        cmd += ["--history", history]
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode not in (0, 1):
        sys.exit("gate failed ({}): {}\n{}".format(r.returncode, " ".join(cmd), r.stderr))
    with open(out) as f:
        doc = json.load(f)
    os.remove(out)
    return doc


def compare_py(args, base, cur):
    env = dict(os.environ, PYTHONPATH=os.path.join(HERE, "scipy_stand_in"))
    with tempfile.NamedTemporaryFile(suffix=".json", dir=args.tmp, delete=False) as t:
        out = t.name
    subprocess.run([sys.executable, COMPARE, "--no-color", "-d", out, "benchmarks", base, cur], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    with open(out) as f:
        rows = json.load(f)
    os.remove(out)
    key = "time" if args.metric == "real_time" else "cpu"
    verdicts = {}
    for row in rows:
        u = row.get("utest") or {}
        if key + "_pvalue" not in u:
            continue
        change = sum(m[key] for m in row["measurements"]) / len(row["measurements"])
        verdicts[row["name"]] = ("regressed" if change > 0 else "improved") if u[key + "_pvalue"] < 0.05 else "same"
    return verdicts


def truncated(src, rounds_of, looks, dst):
    """`src` keeping, per benchmark, rows of rounds below rounds_of(name)."""
    with open(src) as f:
        doc = json.load(f)
    doc["benchmarks"] = [r for r in doc["benchmarks"] if r["gauntlet_round"] < rounds_of(r["run_name"])]
    doc["context"]["gauntlet_sequential_looks"] = str(looks)
    with open(dst, "w") as f:
        json.dump(doc, f)


def planned_looks(first, max_rounds):
    out = [first]
    while out[-1] < max_rounds:
        out.append(min(out[-1] * 2, max_rounds))
    return out


def sequential(args, a, b, names=None):
    """Emulated --until-decided on the recorded rounds; returns the last gate doc and rounds used."""
    looks = planned_looks(args.rounds, args.max_rounds)
    with open(a) as f:
        all_names = sorted({r["run_name"] for r in json.load(f)["benchmarks"]})
    open_names = set(names if names is not None else all_names)
    rounds = {n: 0 for n in open_names}
    doc = None
    for target in looks:
        for n in open_names:
            rounds[n] = target
        ta, tb = os.path.join(args.tmp, "seq_a.json"), os.path.join(args.tmp, "seq_b.json")
        truncated(a, lambda n: rounds.get(n, 0), len(looks), ta)
        truncated(b, lambda n: rounds.get(n, 0), len(looks), tb)
        doc = gate(args, ta, tb)
        open_names = {c["name"] for c in doc["benchmarks"] if c["verdict"] == "inconclusive"}
        if not open_names:
            break
    return doc, rounds


def pairs(args, runs, kind, level):
    """(baseline, current, slot j) for slots i < j = i + lag, level 0 vs `level`, at least min_gap apart."""
    by_slot = {}
    for path, e in runs.items():
        if e["kind"] == kind:
            by_slot.setdefault((e["level"], e["slot"]), path)
    slots = sorted({s for (_, s) in by_slot})
    for lag in args.lags:
        for i in slots:
            j = i + lag
            base, cur = by_slot.get((0, i)), by_slot.get((level, j))
            if base and cur and runs[cur]["start"] - runs[base]["start"] >= args.min_gap:
                yield base, cur, j


def histories(args, runs):
    """slot j -> a history database of the level-0 single-process runs of slots < j, recorded in order."""
    firsts = sorted((e["slot"], p) for p, e in runs.items() if e["kind"] == "sep" and e["level"] == 0)
    live = os.path.join(args.tmp, "history.sqlite")
    out = {}
    slots = sorted({e["slot"] for e in runs.values()})
    k = 0
    for j in slots:
        while k < len(firsts) and firsts[k][0] < j:
            subprocess.run([args.gauntlet, "history", "--db", live, "record", firsts[k][1], "--revision",
                            "main-{}".format(firsts[k][0])], stdout=subprocess.DEVNULL, check=True)
            k += 1
        if k == 0:
            continue
        out[j] = os.path.join(args.tmp, "history_before_{}.sqlite".format(j))
        with sqlite3.connect(live) as src, sqlite3.connect(out[j]) as dst:
            src.backup(dst)
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--gauntlet", required=True)
    p.add_argument("--work", required=True, help="a corpus part from collect_runs.py")
    p.add_argument("--metric", default="real_time", choices=["real_time", "cpu_time"])
    p.add_argument("--config", help="gate YAML configuration")
    p.add_argument("--levels", default="0,2,5,10,20")
    p.add_argument("--lags", default="1,2,4,8,16", help="slot distances of separate pairs")
    p.add_argument("--min-gap", type=float, default=60, help="seconds between a pair's runs")
    p.add_argument("--rounds", type=int, default=10, help="interleaved: rounds of the first look")
    p.add_argument("--max-rounds", type=int, default=30, help="interleaved: --until-decided cap")
    p.add_argument("--modes", default="sep,sep_hist,multi,int,int_seq,confirm,compare.py")
    p.add_argument("--out", required=True, help="records, JSON lines")
    args = p.parse_args()
    args.levels = [int(x) for x in args.levels.split(",")]
    args.lags = [int(x) for x in args.lags.split(",")]
    modes = set(args.modes.split(","))
    runs = load_runs(args.work)
    args.tmp = tempfile.mkdtemp(prefix="judge_", dir=args.work)
    out = open(args.out, "w")
    hist = histories(args, runs) if "sep_hist" in modes else {}

    def emit(mode, level, tool, doc_or_verdicts, base, cur, extra=None):
        busy = runs[base]["busy"] or runs[cur]["busy"]
        if isinstance(doc_or_verdicts, dict) and "benchmarks" in doc_or_verdicts:
            for c in doc_or_verdicts["benchmarks"]:
                rec = {"mode": mode, "level": level, "tool": tool, "name": c["name"], "verdict": c["verdict"],
                       "busy": busy, "noise_source": c.get("noise_source"), "noise_sigma": c.get("noise_sigma"),
                       "ratio": c.get("ratio"), "ci": [c.get("ci_low"), c.get("ci_high")],
                       "within": [c.get("within_low"), c.get("within_high")], "q": c.get("p_adjusted"),
                       "threshold": c.get("threshold"), "contention": c.get("contention"),
                       "method": c.get("method"), "rounds": [c["baseline"].get("rounds"), c["current"].get("rounds")],
                       "base": os.path.basename(base), "cur": os.path.basename(cur)}
                rec.update(extra or {})
                out.write(json.dumps(rec) + "\n")
        else:
            for name, v in doc_or_verdicts.items():
                out.write(json.dumps({"mode": mode, "level": level, "tool": tool, "name": name, "verdict": v,
                                      "busy": busy, "base": os.path.basename(base),
                                      "cur": os.path.basename(cur)}) + "\n")

    for level in args.levels:
        for base, cur, j in pairs(args, runs, "sep", level):
            sep_doc = None
            if modes & {"sep", "confirm"}:
                sep_doc = gate(args, base, cur)
                if "sep" in modes:
                    emit("sep", level, "gauntlet", sep_doc, base, cur)
            if "sep_hist" in modes and j in hist:
                emit("sep_hist", level, "gauntlet", gate(args, base, cur, hist[j]), base, cur)
            if "compare.py" in modes:
                emit("sep", level, "compare.py", compare_py(args, base, cur), base, cur)
            if "confirm" in modes:
                confirm(args, runs, level, sep_doc, base, cur, emit)
        if "multi" in modes:
            for base, cur, _ in pairs(args, runs, "multi", level):
                emit("multi", level, "gauntlet", gate(args, base, cur), base, cur)
                if "compare.py" in modes:
                    emit("multi", level, "compare.py", compare_py(args, base, cur), base, cur)
        for path, e in sorted(runs.items()):
            if e["kind"] != "int" or e["level"] != level or not os.path.basename(path).startswith("a_"):
                continue
            a, b = e["files"]
            if "int" in modes:
                ta, tb = os.path.join(args.tmp, "int_a.json"), os.path.join(args.tmp, "int_b.json")
                truncated(a, lambda n: args.rounds, 1, ta)
                truncated(b, lambda n: args.rounds, 1, tb)
                emit("int", level, "gauntlet", gate(args, ta, tb), a, b)
                if "compare.py" in modes:
                    emit("int", level, "compare.py", compare_py(args, ta, tb), a, b)
            if "int_seq" in modes:
                doc, rounds = sequential(args, a, b)
                emit("int_seq", level, "gauntlet", doc, a, b, {"rounds_used": max(rounds.values())})
    out.close()
    print_table(args.out)


def confirm(args, runs, level, sep_doc, base, cur, emit):
    """Suspects of a separate pair re-judged by an interleaved run of the same level (round-robin)."""
    suspects = [c["name"] for c in sep_doc["benchmarks"]
                if c["verdict"] == "regressed" or (c["verdict"] == "inconclusive" and c["ratio"] is not None
                                                   and c["ratio"] > 1 + c["threshold"])]
    if not suspects:
        return
    ints = sorted(p for p, e in runs.items() if e["kind"] == "int" and e["level"] == level
                  and os.path.basename(p).startswith("a_"))
    if not ints:
        return
    confirm.turn = getattr(confirm, "turn", 0) + 1
    a, b = runs[ints[confirm.turn % len(ints)]]["files"]
    doc, _ = sequential(args, a, b, suspects)
    doc["benchmarks"] = [c for c in doc["benchmarks"] if c["name"] in suspects]
    emit("confirm", level, "gauntlet", doc, base, cur, {"interleaved": os.path.basename(a)})


def print_table(path):
    recs = [json.loads(l) for l in open(path)]
    cells = collections.defaultdict(collections.Counter)
    for r in recs:
        cells[(r["mode"], r["tool"], r["level"])][r["verdict"]] += 1
    levels = sorted({r["level"] for r in recs})
    print("| mode | tool | +0%: regressed / improved / unchanged | " +
          " | ".join("+{}% detected (inconcl.)".format(l) for l in levels if l) + " |")
    print("|---|---|---:|" + "---:|" * (len(levels) - 1))
    for mode, tool in sorted({(r["mode"], r["tool"]) for r in recs}):
        row = []
        for level in levels:
            c = cells[(mode, tool, level)]
            n = sum(c.values())
            if n == 0:
                row.append("-")
            elif level == 0:
                row.append("{}/{} ({:.1f}%) / {} / {} ({:.0f}%)".format(
                    c["regressed"], n, 100.0 * c["regressed"] / n, c["improved"], c["unchanged"],
                    100.0 * c["unchanged"] / n))
            else:
                row.append("{}/{} ({:.0f}%) ({})".format(c["regressed"], n, 100.0 * c["regressed"] / n,
                                                         c["inconclusive"]))
        print("| {} | {} | {} |".format(mode, tool, " | ".join(row)))


if __name__ == "__main__":
    main()
