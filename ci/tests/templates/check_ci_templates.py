#!/usr/bin/env python3
"""Checks the CI templates in ci/templates/.

For each template: it parses as YAML with the expected shape, every shell step
passes `bash -n`, every `gauntlet <command>` it runs exists in `gauntlet --help`
and every option it passes appears in that command's `--help`. With
--gauntlet PATH the chaos-suite step is run for real (virtual time) with the
template's binary path replaced by PATH.

Usage: check_ci_templates.py TEMPLATE_DIR [--gauntlet PATH]
Exit 0 when every check passes, 1 otherwise (each problem on one line).
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

import yaml

BINARY = "./build/release/gauntlet"


def github_steps(doc, path, problems):
    jobs = doc.get("jobs") if isinstance(doc, dict) else None
    if not isinstance(jobs, dict) or not jobs:
        problems.append(f"{path}: no jobs")
        return []
    steps = []
    for name, job in jobs.items():
        for i, step in enumerate(job.get("steps", [])):
            if "run" not in step and "uses" not in step:
                problems.append(f"{path}: jobs.{name}.steps[{i}]: neither run nor uses")
            if "run" in step:
                steps.append((step.get("name", f"steps[{i}]"), step["run"]))
    uses = [s.get("uses", "") for job in jobs.values() for s in job.get("steps", [])]
    if not any(u.startswith("actions/upload-artifact") for u in uses):
        problems.append(f"{path}: the HTML report is not uploaded (actions/upload-artifact)")
    return steps


def gitlab_steps(doc, path, problems):
    job = doc.get("gauntlet") if isinstance(doc, dict) else None
    if not isinstance(job, dict) or "script" not in job:
        problems.append(f"{path}: no 'gauntlet' job with a script")
        return []
    artifacts = job.get("artifacts", {})
    if "gauntlet-report/" not in artifacts.get("paths", []):
        problems.append(f"{path}: artifacts.paths lacks gauntlet-report/")
    if "junit" not in artifacts.get("reports", {}):
        problems.append(f"{path}: artifacts.reports.junit missing")
    steps = []
    for key in ("before_script", "script", "after_script"):
        for i, line in enumerate(job.get(key, [])):
            steps.append((f"{key}[{i}]", line))
    return steps


def gauntlet_calls(script):
    """(command words, options) for every `gauntlet ...` invocation in a script."""
    joined = script.replace("\\\n", " ")
    calls = []
    for m in re.finditer(r"\S*gauntlet(?=[ \t])((?:[ \t]+[^\s|;&)]+)+)", joined):
        words = m.group(1).split()
        command = [w for w in words[:2] if re.fullmatch(r"[a-z]+", w)]
        if command and len(command) == 2 and command[0] not in ("chaos", "bench", "gate", "history", "baseline"):
            command = command[:1]
        options = [w.split("=")[0] for w in words if w.startswith("--")]
        calls.append((command, options))
    return calls


def check_calls(path, steps, gauntlet, problems):
    help_of = {}
    for name, script in steps:
        for command, options in gauntlet_calls(script):
            key = tuple(command)
            if key not in help_of:
                r = subprocess.run([gauntlet, *command, "--help"], capture_output=True, text=True)
                help_of[key] = r.stdout if r.returncode == 0 else None
            text = help_of[key]
            if text is None:
                problems.append(f"{path}: {name}: 'gauntlet {' '.join(command)}' is not a gauntlet command")
                continue
            for opt in options:
                if not re.search(re.escape(opt) + r"\b", text):
                    problems.append(f"{path}: {name}: 'gauntlet {' '.join(command)}' has no option {opt}")


def run_chaos_step(path, steps, gauntlet, problems):
    chaos = [s for n, s in steps if "chaos run" in s]
    if not chaos:
        problems.append(f"{path}: no chaos suite step")
        return
    with tempfile.TemporaryDirectory() as work:
        os.makedirs(os.path.join(work, "results", "chaos"))
        script = chaos[0].replace(BINARY, os.path.abspath(gauntlet))
        r = subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=work, capture_output=True, text=True)
        if r.returncode != 0:
            problems.append(f"{path}: chaos suite step exited {r.returncode}: {r.stderr.strip()[:300]}")
        journals = os.listdir(os.path.join(work, "results", "chaos"))
        if len(journals) < 7:
            problems.append(f"{path}: chaos suite step wrote {len(journals)} journals, expected 7")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("template_dir")
    parser.add_argument("--gauntlet")
    args = parser.parse_args()
    problems = []
    kinds = {"github-actions.yml": github_steps, "gitlab-ci.yml": gitlab_steps}
    for file_name, extract in kinds.items():
        path = os.path.join(args.template_dir, file_name)
        try:
            with open(path, encoding="utf-8") as f:
                doc = yaml.safe_load(f)
        except (OSError, yaml.YAMLError) as e:
            problems.append(f"{path}: {e}".replace("\n", " "))
            continue
        steps = extract(doc, path, problems)
        all_text = "\n".join(s for _, s in steps)
        for needle in ("--output-junit", "chaos run", "bench run", "--candidate", "gate --baseline", "--markdown",
                       "report ", "--html gauntlet-report/index.html"):
            if needle not in all_text:
                problems.append(f"{path}: no step uses '{needle}'")
        for name, script in steps:
            r = subprocess.run(["bash", "-n"], input=script, capture_output=True, text=True)
            if r.returncode != 0:
                problems.append(f"{path}: {name}: bash -n: {r.stderr.strip()}")
        if args.gauntlet:
            check_calls(path, steps, args.gauntlet, problems)
            run_chaos_step(path, steps, args.gauntlet, problems)
    for p in problems:
        print(p)
    print(f"check_ci_templates: {len(kinds)} templates, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
