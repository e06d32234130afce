#!/usr/bin/python3
"""Every C++ source of the tree is formatted as .clang-format says.

Usage: format_check.py <source root> [--clang-format PATH]

Runs `clang-format --dry-run --Werror` on every .h/.cpp below the component
folders and prints one line per file that would change:
  ci/src/gate.cpp: not formatted (run: clang-format -i ci/src/gate.cpp)
Exit status: 0 formatted, 1 a file is not, 2 bad usage, 77 clang-format is
missing (ctest skips; in CI, with CI set, a missing clang-format is exit 2).
The formatter is the one the set-up script installs (Debian's clang-format);
another major version may format differently.
"""
import os
import shutil
import subprocess
import sys

COMPONENTS = ("harness", "records", "chaos", "properties", "ci", "reports", "fixtures", "benchmarks", "cli",
              "examples")
SUFFIXES = (".h", ".hpp", ".cpp", ".cc")


def sources(root):
    for component in COMPONENTS:
        for folder, subfolders, files in os.walk(os.path.join(root, component)):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith(".") and d != "build")
            for name in sorted(files):
                if name.endswith(SUFFIXES):
                    yield os.path.relpath(os.path.join(folder, name), root)


def main(argv):
    if len(argv) not in (2, 4) or (len(argv) == 4 and argv[2] != "--clang-format"):
        print("usage: format_check.py <source root> [--clang-format PATH]", file=sys.stderr)
        return 2
    root = argv[1]
    tool = argv[3] if len(argv) == 4 else shutil.which("clang-format")
    if not tool or not os.path.exists(tool):
        print("format check: clang-format not found (the set-up script installs it)", file=sys.stderr)
        return 2 if os.environ.get("CI") else 77
    files = list(sources(root))
    unformatted = []
    for start in range(0, len(files), 50):
        batch = files[start:start + 50]
        done = subprocess.run([tool, "--dry-run", "--Werror", "--style=file", *batch], cwd=root,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode == 0:
            continue
        for path in batch:  # which files of the batch: one at a time
            one = subprocess.run([tool, "--dry-run", "--Werror", "--style=file", path], cwd=root,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if one.returncode != 0:
                unformatted.append(path)
    for path in unformatted:
        print(f"{path}: not formatted (run: clang-format -i {path})")
    return 1 if unformatted else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
