#!/usr/bin/python3
"""Checks every example in docs/formats.md with the reader that owns it.

Usage: check_formats.py <gauntlet executable> <docs/formats.md> <benchmark JSON> <work dir>

Each example is a fenced block preceded by `<!-- check: KIND -->`:
  report-input  `gauntlet report` must accept it (exit 0)
  report-json   its keys (and its summary's and tests') must be those `gauntlet report --json`
                writes for the report-input examples
  scenario      `gauntlet chaos run` must parse it (exit 0 or 1, never 2)
  gate-config   `gauntlet gate --config` must accept it (exit 0 or 1, never 2)
"""
import json
import os
import re
import subprocess
import sys

BLOCK = re.compile(r"<!-- check: ([a-z-]+) -->\n```(\w+)\n(.*?)\n```", re.S)


def run(args):
    return subprocess.run(args, capture_output=True, text=True, timeout=120)


def main():
    gauntlet, doc, bench_json, work = sys.argv[1:5]
    os.makedirs(work, exist_ok=True)
    text = open(doc, encoding="utf-8").read()
    blocks = BLOCK.findall(text)
    kinds = sorted({k for k, _, _ in blocks})
    if kinds != ["gate-config", "report-input", "report-json", "scenario"]:
        sys.exit(f"{doc}: expected examples of every kind, found {kinds}")
    failures = []
    inputs = []
    report_json = None
    for index, (kind, lang, body) in enumerate(blocks):
        path = os.path.join(work, f"example{index}.{lang}")
        with open(path, "w", encoding="utf-8") as f:
            f.write(body + "\n")
        where = f"{doc}: example {index + 1} ({kind})"
        if kind == "report-input":
            inputs.append(path)
            r = run([gauntlet, "report", path, "--json", os.path.join(work, f"report{index}.json")])
            if r.returncode != 0:
                failures.append(f"{where}: gauntlet report exited {r.returncode}: {r.stderr.strip()}")
        elif kind == "report-json":
            report_json = (where, json.loads(body))
        elif kind == "scenario":
            r = run([gauntlet, "chaos", "run", path, "--seed", "1"])
            if r.returncode not in (0, 1):
                failures.append(f"{where}: gauntlet chaos run exited {r.returncode}: {r.stderr.strip()}")
        elif kind == "gate-config":
            r = run([gauntlet, "gate", "--config", path, "--baseline", bench_json, "--current", bench_json])
            if r.returncode not in (0, 1):
                failures.append(f"{where}: gauntlet gate exited {r.returncode}: {r.stderr.strip()}")
    # All inputs together make one report, as CI would; its JSON has the
    # documented keys.
    out = os.path.join(work, "all.json")
    r = run([gauntlet, "report", *inputs, "--html", os.path.join(work, "all.html"), "--json", out])
    if r.returncode != 0:
        failures.append(f"{doc}: the report of every input example exited {r.returncode}: {r.stderr.strip()}")
    elif report_json is not None:
        where, documented = report_json
        written = json.load(open(out, encoding="utf-8"))
        for part in (None, "summary", "tests"):
            d = documented if part is None else documented[part]
            w = written if part is None else written[part]
            if sorted(d) != sorted(w):
                failures.append(f"{where}: keys of {part or 'the document'} {sorted(d)} != written {sorted(w)}")
    for f in failures:
        print(f)
    print(f"{len(blocks)} examples checked, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
