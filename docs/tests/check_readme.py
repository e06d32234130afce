#!/usr/bin/python3
"""Checks README.md's snippets against the code the test suite builds and runs.

Usage: check_readme.py <README.md> <source dir> <gauntlet executable> <fake benchmark> <work dir>

  <!-- snippet: PATH -->  the fenced block that follows must appear verbatim in
                          PATH (relative to the source dir), a file the suite
                          compiles and runs
  <!-- run -->            the ```sh block that follows runs with bash -e, in
                          order, in one work dir with `gauntlet` on PATH;
                          main/bench and pr/bench stand in for the user's two
                          benchmark builds and GITHUB_* variables are set as in
                          GitHub Actions
"""
import os
import re
import shutil
import subprocess
import sys

BLOCK = re.compile(r"<!-- (snippet: (\S+)|run) -->\n```\w*\n(.*?)\n```", re.S)


def main():
    readme, source, gauntlet, fake_bench, work = sys.argv[1:6]
    text = open(readme, encoding="utf-8").read()
    blocks = BLOCK.findall(text)
    failures = []
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    for side in ("main", "pr"):
        os.makedirs(os.path.join(work, side))
        shutil.copy(fake_bench, os.path.join(work, side, "bench"))
    for folder in ("chaos", "examples"):
        os.symlink(os.path.join(os.path.abspath(source), folder), os.path.join(work, folder))
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(os.path.abspath(gauntlet)) + os.pathsep + env.get("PATH", "")
    env["GITHUB_STEP_SUMMARY"] = os.path.join(work, "step-summary.md")
    env["GITHUB_SHA"] = "0123456789abcdef0123456789abcdef01234567"
    snippets = runs = 0
    for _, path, body in blocks:
        if path:
            snippets += 1
            code = open(os.path.join(source, path), encoding="utf-8").read()
            if body not in code:
                failures.append(f"{readme}: the snippet of {path} is not a verbatim part of that file")
            continue
        runs += 1
        r = subprocess.run(["bash", "-e", "-c", body], cwd=work, env=env, capture_output=True, text=True,
                           timeout=300)
        if r.returncode != 0:
            failures.append(f"{readme}: shell block {runs} exited {r.returncode}:\n{body}\n{r.stdout[-2000:]}"
                            f"{r.stderr[-2000:]}")
    if snippets < 3 or runs < 3:
        failures.append(f"{readme}: expected at least 3 snippets and 3 shell blocks, found {snippets} and {runs}")
    for f in failures:
        print(f)
    print(f"{snippets} snippets and {runs} shell blocks checked, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
