#!/usr/bin/env python3
"""The template checker must reject broken templates: each mutation of a copy
of ci/templates/ has to be reported. Usage: check_ci_templates_rejects_test.py TEMPLATE_DIR"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
MUTATIONS = [
    ("github-actions.yml", "actions/upload-artifact@v4", "actions/cache@v4"),       # report not uploaded
    ("github-actions.yml", "--output-junit", "--output-log"),                     # no JUnit output
    ("github-actions.yml", "    steps:", "    steps: [\n"),                        # not YAML
    ("gitlab-ci.yml", "- gauntlet-report/", "- results/"),                         # report not kept
    ("gitlab-ci.yml", "for scenario in $(", "for scenario in $(("),              # shell syntax error
    ("gitlab-ci.yml", "bench run", "bench sprint"),                                # no interleaved benchmarks
]


def check(directory):
    return subprocess.run([sys.executable, os.path.join(HERE, "check_ci_templates.py"), directory],
                          capture_output=True, text=True)


def main():
    source = sys.argv[1]
    failures = 0
    clean = check(source)
    if clean.returncode != 0:
        print(f"the unmodified templates are rejected:\n{clean.stdout}")
        return 1
    for file_name, old, new in MUTATIONS:
        with tempfile.TemporaryDirectory() as work:
            for name in os.listdir(source):
                shutil.copy(os.path.join(source, name), work)
            path = os.path.join(work, file_name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            if old not in text:
                print(f"mutation target '{old}' not found in {file_name}")
                failures += 1
                continue
            with open(path, "w", encoding="utf-8") as f:
                f.write(text.replace(old, new, 1))
            r = check(work)
            if r.returncode == 0:
                print(f"not rejected: {file_name}: '{old}' -> '{new.strip()}'")
                failures += 1
    print(f"{len(MUTATIONS)} mutations, {failures} not rejected")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
