#!/usr/bin/python3
"""The format check on small trees: one formatted, one not. Exit 0 when it
passes the first and names the file of the second (exit 1); without
clang-format 77 (ctest skips), or 2 in CI."""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CHECK = os.path.join(HERE, "format_check.py")
STYLE = os.path.join(HERE, "..", "..", ".clang-format")


def tree(root, source):
    os.makedirs(os.path.join(root, "harness", "src"))
    shutil.copy(STYLE, os.path.join(root, ".clang-format"))
    with open(os.path.join(root, "harness", "src", "sum.cpp"), "w") as f:
        f.write(source)


def run(root):
    return subprocess.run([sys.executable, CHECK, root], capture_output=True, text=True)


def main():
    if not shutil.which("clang-format"):
        print("clang-format not found (the set-up script installs it)", file=sys.stderr)
        return 2 if os.environ.get("CI") else 77
    failures = []
    with tempfile.TemporaryDirectory() as clean, tempfile.TemporaryDirectory() as messy:
        tree(clean, "int sum(int a, int b) { return a + b; }\n")
        tree(messy, "int sum(int a,int b){\nreturn a+b;}\n")
        ok = run(clean)
        if ok.returncode != 0 or ok.stdout:
            failures.append(f"formatted tree: exit {ok.returncode}, output {ok.stdout!r}")
        bad = run(messy)
        expected = "harness/src/sum.cpp: not formatted (run: clang-format -i harness/src/sum.cpp)\n"
        if bad.returncode != 1 or bad.stdout != expected:
            failures.append(f"unformatted tree: exit {bad.returncode}, output {bad.stdout!r}")
    for f in failures:
        print(f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
