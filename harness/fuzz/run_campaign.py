#!/usr/bin/env python3
"""Runs the libFuzzer targets of a `fuzz` preset build, --jobs at a time.

    harness/fuzz/run_campaign.py build/fuzz --seconds 600 [--jobs 3] [--only a,b] [--out DIR]

Each target runs for --seconds with its seed folder and dictionary (from
<build>/fuzz/targets.tsv). Its growing corpus is kept in <out>/corpus/<name>
(so a later campaign continues from it), crash, timeout and leak inputs land in
<out>/artifacts/. One Markdown table row per target is printed and appended to
<out>/results.md: target, executions, seconds, executions per second, corpus
size, peak RSS, and crashes (rows in the order targets finish). Exits 1 when
any target left an artifact or failed. libFuzzer's -max_total_time is wall
time, so targets run side by side (or under nice) still end on time; their
execution counts say how much CPU they got.
"""
import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path


def read_manifest(build: Path):
    manifest = build / "fuzz" / "targets.tsv"
    if not manifest.exists():
        sys.exit(f"run_campaign: {manifest} missing: configure and build with the fuzz preset first")
    targets = []
    for line in manifest.read_text().splitlines():
        if not line.strip():
            continue
        name, binary, seeds, dictionary = (line.split("\t") + ["", "", "", ""])[:4]
        targets.append((name, Path(binary), Path(seeds), dictionary))
    return targets


def run_target(name, binary, seeds, dictionary, seconds, out: Path, timeout_s):
    corpus = out / "corpus" / name
    artifacts = out / "artifacts"
    corpus.mkdir(parents=True, exist_ok=True)
    artifacts.mkdir(parents=True, exist_ok=True)
    before = set(artifacts.glob(f"{name}-*"))
    cmd = [str(binary), f"-max_total_time={seconds}", "-print_final_stats=1", f"-timeout={timeout_s}",
           "-rss_limit_mb=2048", "-max_len=65536", f"-artifact_prefix={artifacts}/{name}-"]
    if dictionary:
        cmd.append(f"-dict={dictionary}")
    cmd += [str(corpus), str(seeds)]
    log = out / "logs" / f"{name}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=1:abort_on_error=1",
               UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1")
    # Targets that write their input as a file (the history databases) run in memory when they can.
    if "TMPDIR" not in os.environ and os.path.isdir("/dev/shm"):
        env["TMPDIR"] = "/dev/shm"
    with log.open("w") as f:
        rc = subprocess.call(cmd, stdout=f, stderr=subprocess.STDOUT, env=env)
    took = time.monotonic() - start
    text = log.read_text(errors="replace")
    execs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", text)
    rss = re.findall(r"stat::peak_rss_mb:\s*(\d+)", text)
    units = len(list(corpus.iterdir()))
    new_artifacts = sorted(set(artifacts.glob(f"{name}-*")) - before)
    executions = int(execs[-1]) if execs else 0
    return {
        "target": name, "executions": executions, "seconds": round(took), "rate": round(executions / max(took, 1)),
        "corpus": units, "rss_mb": int(rss[-1]) if rss else 0, "crashes": len(new_artifacts), "rc": rc,
        "artifacts": [a.name for a in new_artifacts],
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("build", type=Path)
    ap.add_argument("--seconds", type=int, default=600)
    ap.add_argument("--only", default="", help="comma-separated target names")
    ap.add_argument("--out", type=Path, default=None, help="default: <build>/fuzz/campaign")
    ap.add_argument("--timeout", type=int, default=25, help="libFuzzer -timeout per input (s)")
    ap.add_argument("--jobs", type=int, default=1, help="targets run at the same time")
    args = ap.parse_args()
    out = args.out or args.build / "fuzz" / "campaign"
    out.mkdir(parents=True, exist_ok=True)
    only = {n for n in args.only.split(",") if n}
    results = out / "results.md"
    if not results.exists():
        results.write_text("| target | executions | seconds | exec/s | corpus | peak RSS MB | crashes |\n"
                           "|---|---:|---:|---:|---:|---:|---:|\n")
    chosen = [t for t in read_manifest(args.build) if not only or t[0] in only]
    lock = threading.Lock()
    failed = False

    def one(target):
        nonlocal failed
        name, binary, seeds, dictionary = target
        r = run_target(name, binary, seeds, dictionary, args.seconds, out, args.timeout)
        row = (f"| {r['target']} | {r['executions']} | {r['seconds']} | {r['rate']} | {r['corpus']} | "
               f"{r['rss_mb']} | {r['crashes']} |")
        with lock:
            print(row + ("" if not r["artifacts"] else "  artifacts: " + ", ".join(r["artifacts"])), flush=True)
            with results.open("a") as f:
                f.write(row + "\n")
            failed = failed or r["crashes"] > 0 or r["rc"] != 0

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for done in [pool.submit(one, t) for t in chosen]:
            done.result()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
