#!/usr/bin/env python3
"""Automatic mutation testing of the property suites against Gauntlet's own
metrics, breaker and tracing code.

Generates mutants of the functions listed in targets.json (relational,
logical and arithmetic operator replacement, off-by-one constants, statement
deletion, atomic read-modify-write split into a load and a store, memory-order
weakening, lock removal), builds each in a private copy of the sources under
--workdir (the repository is never modified) and runs the area's suite
against it with the default property settings and a fixed seed.

  gauntlet_mutate.py list [--area metrics] [--per-area 80]
  gauntlet_mutate.py show <id>
  gauntlet_mutate.py run --workdir /tmp/gauntlet-mutation [--per-area 80] [--require 0.9]
  gauntlet_mutate.py report --results /tmp/gauntlet-mutation/results.jsonl

`run` appends one JSON line per mutant to <workdir>/results.jsonl (resumed
when run again), prints progress, and ends with the score per area; exit
status 1 when an area scores below --require. Re-run one mutant:
  gauntlet_mutate.py run --workdir DIR --only <id>
"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import campaign  # noqa: E402
import mutants as mutant_gen  # noqa: E402
import report  # noqa: E402
from workspace import Workspace  # noqa: E402

REPO = os.path.abspath(os.path.join(HERE, "..", ".."))


def git_reader(revision):
    def read(path):
        return subprocess.run(["git", "-C", REPO, "show", f"{revision}:{path}"], check=True, stdout=subprocess.PIPE,
                              text=True).stdout
    return read


def selected(args, read):
    targets = mutant_gen.load_targets(args.targets)
    all_mutants = mutant_gen.generate(targets, read, args.area)
    chosen = campaign.sample(all_mutants, args.per_area, args.seed)
    if getattr(args, "only", None):
        chosen = [m for m in all_mutants if m.id in args.only]
    return targets, all_mutants, chosen


def cmd_list(args):
    read = mutant_gen.read_from_tree(REPO) if args.source == "worktree" else git_reader(args.source)
    _, all_mutants, chosen = selected(args, read)
    for m in chosen:
        print(f"{m.id}  {m.describe()}")
    print(f"{len(chosen)} of {len(all_mutants)} generated mutants", file=sys.stderr)
    return 0


def cmd_show(args):
    read = mutant_gen.read_from_tree(REPO) if args.source == "worktree" else git_reader(args.source)
    targets = mutant_gen.load_targets(args.targets)
    for m in mutant_gen.generate(targets, read):
        if m.id == args.id:
            print(f"{m.describe()}\n  {m.function}\n- {m.original}\n+ {m.mutated}")
            return 0
    print(f"no mutant {args.id}", file=sys.stderr)
    return 2


def cmd_run(args):
    ws = Workspace(args.workdir, REPO, args.source, mutant_gen.load_targets(args.targets)["build"]["cxx_flags"],
                   log=print)
    ws.prepare()
    targets, all_mutants, chosen = selected(args, lambda p: ws.read(p))
    results_path = os.path.join(args.workdir, "results.jsonl")
    done = campaign.load_results(results_path)
    done_ids = [] if args.only else [i for i in done if i in {m.id for m in chosen}]
    print(f"{len(chosen)} of {len(all_mutants)} generated mutants, sources {ws.revision}, seed {args.seed}; "
          f"{len(done_ids)} already done", flush=True)
    campaign.run(ws, targets, chosen, args.seed, results_path, lambda s: print(s, flush=True), done_ids)
    return finish(results_path, {m.id for m in chosen}, args, ws.revision)


def finish(results_path, ids, args, revision=None):
    records = [r for i, r in campaign.load_results(results_path).items() if ids is None or i in ids]
    records = report.classify(records, report.load_equivalents(args.equivalents))
    print(report.render(records, revision))
    return 0 if not args.require or report.meets(records, args.require) else 1


def cmd_report(args):
    return finish(args.results, None, args)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--targets", default=os.path.join(HERE, "targets.json"))
    parser.add_argument("--equivalents", default=os.path.join(HERE, "equivalent.json"))
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("list", "run", "show"):
        p = sub.add_parser(name)
        p.add_argument("--source", default="HEAD", help="git revision to mutate, or 'worktree'")
        if name == "show":
            p.add_argument("id")
            continue
        p.add_argument("--area", action="append", choices=["metrics", "breaker", "tracing"])
        p.add_argument("--per-area", type=int, default=80, help="mutants per area (0: all generated)")
        p.add_argument("--seed", type=int, default=20261122, help="sampling and RapidCheck seed")
        if name == "run":
            p.add_argument("--workdir", required=True)
            p.add_argument("--only", nargs="+", help="mutant ids to (re-)run")
            p.add_argument("--require", type=float, default=0.0, help="minimum score per area (0..1)")
    p = sub.add_parser("report")
    p.add_argument("--results", required=True)
    p.add_argument("--require", type=float, default=0.0)
    args = parser.parse_args()
    return {"list": cmd_list, "show": cmd_show, "run": cmd_run, "report": cmd_report}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
