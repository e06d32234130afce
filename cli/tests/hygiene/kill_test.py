#!/usr/bin/env python3
"""SIGKILLs `gauntlet` in the middle of a stage that spawns processes and
checks that nothing it started survives and that it left no temp file.

    kill_test.py GAUNTLET STAGE WORK_DIR [BENCH_BINARY]

STAGE is one of: demo-cascade, demo-properties, demo-bench, bench-run,
gate-confirm (`gate --confirm-with` re-running a suspect), chaos-processes. This process makes itself a child subreaper
(PR_SET_CHILD_SUBREAPER), so every descendant `gauntlet` leaves behind is
re-parented here instead of to PID 1 and can be counted (and then killed).
Temp files: TMPDIR points into WORK_DIR for `gauntlet`, and nothing may stay
there, nor a half-written "*.tmp.<pid>" anywhere under WORK_DIR; the bench
stages also check the benchmark runner's /tmp/gauntlet_bench_* names.
Exit 0: no survivor, no temp file; 1 otherwise, naming them.
"""
import ctypes
import glob
import json
import os
import select
import signal
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def become_subreaper():
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        sys.exit("kill_test: prctl(PR_SET_CHILD_SUBREAPER) failed")


def children_of(pid):
    """(pid, state, command) of every live process whose parent is `pid`."""
    out = []
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            text = open(stat).read()
            cmd = open(stat.replace("stat", "cmdline"), "rb").read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = text[text.rfind(")") + 2:].split()
        if int(fields[1]) == pid:
            out.append((int(stat.split("/")[2]), fields[0], cmd.strip()))
    return out


def reap_zombies():
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def stage_command(gauntlet, stage, work, bench):
    report = os.path.join(work, "report")
    history = os.path.join(work, "history.sqlite")
    demo = [gauntlet, "demo", "--out", report, "--history", history]
    if stage == "demo-cascade":
        return demo + ["--skip-bench"], "http_chain_cascade", 1.0
    if stage == "demo-properties":
        return demo + ["--skip-bench", "--skip-process"], "] properties gauntlet_properties_", 0.3
    if stage == "demo-bench":
        return demo + ["--skip-process"], "[1/3] bench", 1.0
    if stage == "bench-run":
        return ([gauntlet, "bench", "run", "--binary", bench, "--out", os.path.join(work, "run.json"), "--rounds", "3"],
                None, 1.5)
    if stage == "gate-confirm":
        files = []
        for side, ns in (("base", 100), ("current", 200)):  # a clear regression: a suspect to confirm
            path = os.path.join(work, side + ".json")
            with open(path, "w") as f:
                json.dump(benchmark_file(ns), f)
            files.append(path)
        return ([gauntlet, "gate", "--baseline", files[0], "--current", files[1], "--confirm-with", bench, bench,
                 "--confirm-rounds", "1", "--confirm-max-rounds", "2"], None, 1.5)
    if stage == "chaos-processes":
        scenario = os.path.join(work, "serve.yaml")
        with open(scenario, "w") as f:
            f.write(SERVICE_SCENARIO)
        return ([gauntlet, "chaos", "run", scenario, "--logs", os.path.join(work, "logs")], None, 4.0)
    sys.exit(f"kill_test: unknown stage {stage}")


def benchmark_file(ns):
    """Google Benchmark JSON: BM_F, ten repetitions around `ns`."""
    rows = [{"name": "BM_F", "run_name": "BM_F", "run_type": "iteration", "repetitions": 10, "repetition_index": i,
             "iterations": 1000, "real_time": ns * (1 + 0.01 * (i % 3)), "cpu_time": ns, "time_unit": "ns"}
            for i in range(10)]
    return {"context": {"host_name": "fake", "num_cpus": 1, "library_build_type": "release"}, "benchmarks": rows}


# One real process behind a fault proxy, under HTTP load for 30 s; it leaves a
# `sleep` of its own in its process group, which must not outlive gauntlet either.
SERVICE_SCENARIO = """name: kill_me
duration: 30s
processes:
  - name: srv
    command: [sh, -c, "sleep 300 & exec python3 -m http.server {port:srv} --bind 127.0.0.1"]
    ready: {tcp: "127.0.0.1:{port:srv}", timeout: 10s}
proxies:
  - {name: front, upstream: "127.0.0.1:{port:srv}"}
load: {protocol: http, target: "http://{proxy:front}", rate: 5, connections: 1}
phases:
  - {name: all, end: 30s}
"""


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    gauntlet, stage, work = sys.argv[1], sys.argv[2], sys.argv[3]
    bench = sys.argv[4] if len(sys.argv) > 4 else ""
    os.makedirs(work, exist_ok=True)
    become_subreaper()
    # Temp files go to a folder of this run only (TMPDIR), so other tests'
    # files never count; the benchmark runner's fixed /tmp name is checked too.
    tmpdir = os.path.join(work, "tmp")
    os.makedirs(tmpdir, exist_ok=True)
    bench_stage = stage in ("demo-bench", "bench-run", "gate-confirm")
    temp_before = set(glob.glob("/tmp/gauntlet_bench_*")) if bench_stage else set()
    cmd, marker, settle = stage_command(gauntlet, stage, work, bench)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=work,
                            env=dict(os.environ, TMPDIR=tmpdir))
    seen = ""
    deadline = time.monotonic() + 120
    if marker:
        # Raw reads, not lines: a stage prints "[1/3] bench ... " and ends
        # that line only when it is done, so the marker is a partial line.
        while marker not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([proc.stdout], [], [], 1.0)
            if not ready:
                continue
            chunk = os.read(proc.stdout.fileno(), 4096)
            if not chunk:
                break
            seen += chunk.decode(errors="replace")
        if marker not in seen:
            proc.kill()
            sys.exit(f"kill_test: {stage}: never reached '{marker}':\n{seen}")
    time.sleep(settle)
    spawned = [c for c in children_of(proc.pid)]
    if not spawned or proc.poll() is not None:
        # Killing a gauntlet with nothing running proves nothing.
        why = "had ended" if proc.poll() is not None else "had no child"
        proc.kill()
        proc.wait()
        sys.exit(f"kill_test: {stage}: gauntlet {why} at the moment of the kill:\n{seen}")
    proc.kill()  # SIGKILL: no handler, no destructor runs
    proc.wait()
    # The parent-death signal is asynchronous: give the kernel a moment.
    survivors = []
    for _ in range(50):
        reap_zombies()
        survivors = [c for c in children_of(os.getpid()) if c[1] != "Z"]
        if not survivors:
            break
        time.sleep(0.1)
    new_temp = sorted(set(glob.glob("/tmp/gauntlet_bench_*")) - temp_before) if bench_stage else []
    new_temp += sorted(glob.glob(os.path.join(tmpdir, "*")))
    new_temp += sorted(glob.glob(os.path.join(work, "**", "*.tmp.*"), recursive=True))
    # Clean up: survivors' own children re-parent here as their parents die.
    for _ in range(30):
        left = [c for c in children_of(os.getpid()) if c[1] != "Z"]
        if not left:
            break
        for pid, _, _ in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.1)
        reap_zombies()
    for t in new_temp:
        try:
            os.remove(t) if os.path.isfile(t) else None
        except OSError:
            pass
    failed = False
    if survivors:
        failed = True
        print(f"kill_test: {stage}: {len(survivors)} process(es) survived gauntlet:")
        for pid, state, cmdline in survivors:
            print(f"  pid {pid} [{state}] {cmdline}")
    if new_temp:
        failed = True
        print(f"kill_test: {stage}: temp file(s) left behind: {' '.join(new_temp)}")
    if not failed:
        print(f"kill_test: {stage}: killed with {len(spawned)} child(ren) running; none survived, no temp file")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
