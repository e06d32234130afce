#!/usr/bin/env python3
"""The hostile-input probe of `gauntlet`, as a test: every case once aborted
(exit 134), hung, or exited 0 on garbage. Each must now exit with the code of
the contract (docs/cli.md, "Exit codes") within seconds, with exactly one line
on stderr and no abort.

    probe_cli.py GAUNTLET SOURCE_DIR WORK_DIR
"""
import json
import os
import re
import sqlite3
import subprocess
import sys

FAILURES = []


def check(name, args, code, stderr_has="", timeout=60, cwd=None):
    try:
        r = subprocess.run(args, capture_output=True, text=True, errors="replace", timeout=timeout, cwd=cwd)
    except subprocess.TimeoutExpired:
        FAILURES.append(f"{name}: still running after {timeout} s")
        return
    lines = [l for l in r.stderr.splitlines() if l.strip() and not l.startswith("Using configuration: seed=")]
    problems = []
    if r.returncode != code:
        problems.append(f"exit {r.returncode}, expected {code}")
    if "terminate called" in r.stderr or r.returncode < 0 or r.returncode >= 128:
        problems.append("aborted")
    if code >= 2 and len(lines) != 1:
        problems.append(f"{len(lines)} lines on stderr, expected 1")
    if stderr_has and stderr_has not in r.stderr:
        problems.append(f"stderr lacks '{stderr_has}'")
    if problems:
        FAILURES.append(f"{name}: {'; '.join(problems)}\n    stderr: {r.stderr.strip()[:400]}")
    else:
        print(f"ok   {name}: exit {code}")


def write(path, text, mode="w"):
    with open(path, mode) as f:
        f.write(text)
    return path


def main():
    g, src, work = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(work, exist_ok=True)
    w = lambda name: os.path.join(work, name)
    full = open(os.path.join(src, "ci/tests/data/full_run.json")).read()
    base = write(w("base.json"), full)
    doc = json.loads(re.sub(r"\bNaN\b|-?Infinity", "0", full))

    def variant(name, mutate):
        d = json.loads(json.dumps(doc))
        mutate(d)
        return write(w(name), json.dumps(d))

    big = write(w("big.json"), full.replace('"real_time": 1.5', '"real_time": 1e400', 1))
    caches = variant("caches.json", lambda d: d["context"].__setitem__("caches", [{"size": "big"}]))
    empty = variant("empty.json", lambda d: d.__setitem__("benchmarks", []))
    negative = variant("negative.json", lambda d: [r.__setitem__("real_time", -5) for r in d["benchmarks"]
                                                  if r.get("run_type") == "iteration" and not r.get("error_occurred")])
    gate = [g, "gate", "--baseline", base, "--current"]
    check("gate: number beyond a double", gate + [big], 2, "number overflow parsing '1e400'")
    check("gate: wrong type in the context caches", gate + [caches], 2, "context.caches[0].size")
    check("gate: empty benchmarks array", gate + [empty], 2, "benchmarks: empty")
    check("gate: negative times", gate + [negative], 2, "must be a finite time > 0")
    check("gate: --config a directory", gate + [base, "--config", work], 2, "is a directory")
    check("gate: repeated YAML keys", gate + [base, "--config", write(w("dup.yaml"), "alpha: 0.1\nalpha: 0.2\n")], 2,
          "appears twice")
    check("gate: min_repetitions 2.5", gate + [base, "--config", write(w("frac.yaml"), "min_repetitions: 2.5\n")], 2,
          "expected a whole number")
    check("gate: 20k-deep YAML", gate + [base, "--config", write(w("deep.yaml"), "a: " + "[" * 20000 + "]" * 20000)], 2,
          "nesting deeper than")
    check("gate: /dev/zero", [g, "gate", "--baseline", "/dev/zero", "--current", base], 2, "character device")
    fifo = w("fifo.json")
    if not os.path.exists(fifo):
        os.mkfifo(fifo)
    check("gate: a FIFO", gate + [fifo], 2, "is a FIFO", timeout=10)
    journal = write(w("j.json"), '{"schema": "gauntlet.journal/1", "scenario": "s", "phases": [{"name": "p", "p99_ms": 1e400}]}')
    check("gate --journal: number beyond a double", [g, "gate", "--journal", journal], 2, "number overflow")
    check("baseline save: number beyond a double", [g, "baseline", "--dir", w("baselines"), "save", big], 2,
          "number overflow")
    db = w("history.sqlite")
    check("history record: revision not UTF-8", [g, "history", "--db", db, "record", base, "--revision", "\udcc3("], 2,
          "revision is not valid UTF-8")
    check("history record: number beyond a double", [g, "history", "--db", db, "record", big], 2, "number overflow")

    report = [g, "report", "--json", w("out.json")]
    check("report: journal with 1e400", report + [write(w("rj.json"), '{"schema":"gauntlet.journal/1","scenario":"s",'
                                                '"passed":true,"timeline":[{"t_ms":1e400}]}')], 2, "number overflow")
    check("report: GoogleTest JSON with 1e400", report + [write(w("gt.json"), '{"testsuites":[{"name":"s","testsuite":'
                                                         '[{"name":"c","line":1e400}]}]}')], 2, "number overflow")
    lol = '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    for i in range(1, 10):
        lol += f' <!ENTITY lol{i} "' + f'&lol{"" if i == 1 else i - 1};' * 10 + '">\n'
    lol += ']>\n<testsuites><testsuite name="s"><testcase name="&lol9;"/></testsuite></testsuites>\n'
    check("report: billion laughs", report + [write(w("lol.xml"), lol)], 2, "DOCTYPE", timeout=10)
    attrs = "<testsuites><testsuite name=\"s\"><testcase name=\"c\"" + "".join(f' a{i}="1"' for i in range(100000))
    check("report: 100k attributes", report + [write(w("attrs.xml"), attrs + "/></testsuite></testsuites>")], 2,
          "attributes; at most 256", timeout=10)
    check("report: encoding error on one line", report + [write(w("enc.xml"), b'<?xml version="1.0"?>\n<testsuites>'
                                                          b'<testsuite name="a\xff\xfe"></testsuite></testsuites>', "wb")],
          2, "Bytes: 0xFF")
    check("report: a directory", report + [work], 2, "is a directory")
    check("report: /proc/self/mem", report + ["/proc/self/mem"], 3, "cannot read report input")
    future = w("future.sqlite")
    if os.path.exists(future):
        os.remove(future)
    con = sqlite3.connect(future)
    con.executescript("CREATE TABLE samples(run_id, benchmark, metric, repetition, value); PRAGMA user_version=99;")
    con.close()
    check("report: history of a newer schema", report + [future], 2, "is newer than this gauntlet supports")
    check("report: an output that cannot be written", [g, "report", "--json", "/proc/gauntlet/out.json",
                                                         os.path.join(src, "reports/tests/data/hostile_gtest.xml")], 3,
          "cannot write")

    def scenario(extra, duration="8s", end="8s"):
        return (f"name: x\ntarget: service_chain/healthy\nduration: {duration}\n{extra}"
                f"phases:\n  - {{name: a, end: {end}}}\n")

    chaos = [g, "chaos", "run"]
    check("chaos: duration 1e300s", chaos + [write(w("d.yaml"), scenario("", "1e300s", "1s"))], 2, "longer than the 24h")
    check("chaos: rate 1e12", chaos + [write(w("r.yaml"), scenario("load: {rate: 1e12}\n"))], 2, "load.rate")
    check("chaos: workers 1e8", chaos + [write(w("wk.yaml"), scenario("load: {mode: closed, workers: 100000000}\n"))], 2,
          "load.workers")
    check("chaos: connections 6.5", chaos + [write(w("c.yaml"), scenario("load: {connections: 6.5}\n"))], 2,
          "whole number")
    check("chaos: interval 1ns", chaos + [write(w("i.yaml"), scenario("interval: 1ns\n"))], 2, "at least 1ms")
    many = "schedule:\n" + "  - {kind: outage, point: chain.c, start: 1s, end: 2s}\n" * 50000
    check("chaos: 50k schedule entries", chaos + [write(w("m.yaml"), scenario(many))], 2, "at most 1000")
    check("chaos: unknown fault point", chaos + [write(w("p.yaml"), scenario(
        "schedule:\n  - {kind: outage, point: no.such.point, start: 1s, end: 2s}\n"))], 2, "fault point 'no.such.point'")
    check("chaos: unknown breaker", chaos + [write(w("b.yaml"), scenario(
        "hypotheses:\n  - {kind: breaker_opens_within, breaker: zz, within: 1s}\n"))], 2, "breaker 'zz'")
    check("chaos: 20k-deep YAML", chaos + [write(w("deep2.yaml"), "name: " + "[" * 20000 + "]" * 20000)], 2,
          "nesting deeper than")
    check("chaos: /dev/zero", chaos + ["/dev/zero"], 2, "character device")
    check("chaos shrink: unknown point", [g, "chaos", "shrink", "transient_outage", "--points", "no.such.point",
                                          "--tests", "2"], 2, "fault point 'no.such.point'")
    check("proxy: --duration nan", [g, "proxy", "--port", "0", "--duration", "nan"], 2, "not a finite number")
    check("proxy: --duration inf", [g, "proxy", "--port", "0", "--duration", "inf"], 2, "not a finite number")

    if FAILURES:
        print("\n".join("FAIL " + f for f in FAILURES))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
