#!/usr/bin/env python3
"""Collects a corpus of ordinary benchmark runs for the gate accuracy study.

Every slot (at least --slot-seconds apart) takes, with the slowdown levels in a
seeded random order:
  * sep:   one single-process run per level, the way most users run a
           benchmark binary (--benchmark_repetitions=10, one process);
  * multi: `gauntlet bench run --rounds 10 --repetitions 1` at level 0 and at
           one more level (rotating);
  * int:   one interleaved `gauntlet bench run` (baseline 0%, candidate at a
           rotating level) with --int-rounds rounds, so that fewer rounds can
           be judged later from its first rounds (`gauntlet_round`).
Every third slot runs next to a busy neighbour process. Each run is logged to
runs.jsonl with its start time, load average and neighbour. Runs stay in
--work; judge them with judge_corpus.py. While the file --work/pause exists,
no new slot starts (the collector writes --work/paused once it is idle), so
other work on the machine can be kept out of the measurements.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import time

ENV = "GAUNTLET_CORPUS_SLOWDOWN_PCT"


class Neighbour:
    """A busy process competing for the CPU while a slot is measured."""

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


def load_average():
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]


class Collector:
    def __init__(self, args):
        self.args = args
        self.log = open(os.path.join(args.work, "runs.jsonl"), "a")

    def path(self, *parts):
        p = os.path.join(self.args.work, *parts)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        return p

    def run(self, kind, slot, level, busy, cmd, env, outputs):
        if all(os.path.exists(o) for o in outputs):
            return
        start, load = time.time(), load_average()
        r = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            sys.exit("{} failed ({}): {}".format(" ".join(cmd), r.returncode, r.stderr))
        entry = {"kind": kind, "slot": slot, "level": level, "busy": busy, "start": start,
                 "seconds": round(time.time() - start, 2), "load_before": load, "files": outputs}
        self.log.write(json.dumps(entry) + "\n")
        self.log.flush()

    def single(self, slot, level, busy):
        out = self.path("sep", "L{}_s{}.json".format(level, slot))
        env = dict(os.environ, **{ENV: str(level)})
        cmd = [self.args.bench, "--benchmark_repetitions=10", "--benchmark_min_time=" + self.args.min_time,
               "--benchmark_out=" + out, "--benchmark_out_format=json"]
        self.run("sep", slot, level, busy, cmd, env, [out])

    def multi(self, slot, level, busy):
        out = self.path("multi", "L{}_s{}.json".format(level, slot))
        cmd = [self.args.gauntlet, "bench", "run", "--binary", self.args.bench, "--out", out,
               "--env", "{}={}".format(ENV, level), "--rounds", "10", "--repetitions", "1",
               "--min-time", self.args.min_time]
        self.run("multi", slot, level, busy, cmd, dict(os.environ), [out])

    def interleaved(self, slot, level, busy):
        a = self.path("int", "a_L{}_s{}.json".format(level, slot))
        b = self.path("int", "b_L{}_s{}.json".format(level, slot))
        cmd = [self.args.gauntlet, "bench", "run", "--binary", self.args.bench, "--out", a,
               "--env", "{}=0".format(ENV), "--candidate-env", "{}={}".format(ENV, level),
               "--candidate-out", b, "--rounds", str(self.args.int_rounds), "--repetitions", "1",
               "--min-time", self.args.min_time]
        self.run("int", slot, level, busy, cmd, dict(os.environ), [a, b])

    def slot(self, k, levels, rng):
        busy = k % 3 == 2
        with Neighbour(busy):
            order = list(levels)
            rng.shuffle(order)
            for level in order:
                self.single(k, level, busy)
            others = [l for l in levels if l != 0]
            self.multi(k, 0, busy)
            self.multi(k, others[k % len(others)], busy)
            # Level 0 twice as often: A/A comparisons carry the false-alarm rate.
            int_levels = [0] + list(levels)
            self.interleaved(k, int_levels[k % len(int_levels)], busy)


def wait_while_paused(work):
    pause, paused = os.path.join(work, "pause"), os.path.join(work, "paused")
    if not os.path.exists(pause):
        return
    open(paused, "w").close()
    while os.path.exists(pause):
        time.sleep(1)
    os.remove(paused)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--gauntlet", required=True, help="gauntlet (or gauntlet-gate) executable")
    p.add_argument("--bench", required=True, help="benchmark executable honouring " + ENV)
    p.add_argument("--work", required=True, help="directory for runs (one per corpus part)")
    p.add_argument("--minutes", type=float, default=70, help="collect for this long")
    p.add_argument("--slot-seconds", type=float, default=60, help="slots start at least this far apart")
    p.add_argument("--levels", default="0,2,5,10,20")
    p.add_argument("--int-rounds", type=int, default=30)
    p.add_argument("--min-time", default="0.05")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--first-slot", type=int, default=0, help="continue an interrupted collection at this slot")
    args = p.parse_args()
    os.makedirs(args.work, exist_ok=True)
    levels = [int(x) for x in args.levels.split(",")]
    rng = random.Random(args.seed)
    c = Collector(args)
    deadline = time.time() + args.minutes * 60
    k = args.first_slot
    while time.time() < deadline:
        wait_while_paused(args.work)
        began = time.time()
        c.slot(k, levels, rng)
        k += 1
        time.sleep(max(0.0, began + args.slot_seconds - time.time()))


if __name__ == "__main__":
    main()
