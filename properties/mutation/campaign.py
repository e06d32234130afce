"""Builds and runs mutants in a Workspace, one result per mutant:

  killed      a property of the area's suite failed (a SHOULD property's
              reported failure included), or the suite crashed or timed out
  survived    the suite passed
  equivalent  the mutant's object code is identical to the original's (trivial
              compiler equivalence), or equivalent.json gives a reason
  stillborn   the mutant does not compile (not counted)

Results are appended to a JSON-lines file as they come, so a long run can be
followed and resumed."""
import glob
import json
import os
import random
import shutil
import subprocess
import tempfile
import time
from itertools import groupby

STRIPPED_ENV = ("GAUNTLET_STRESS_MS", "GAUNTLET_THOROUGH", "GAUNTLET_PROPERTY_CASES", "GAUNTLET_STRICT",
                "GAUNTLET_PROPERTIES_OUT", "RC_PARAMS")


def sample(mutants, per_area, seed):
    """Up to `per_area` mutants of each area, stratified by operator (every
    operator keeps at least min(3, its count)), chosen with `seed`."""
    if not per_area:
        return list(mutants)
    rng = random.Random(seed)
    chosen = []
    for area in sorted({m.area for m in mutants}):
        pool = [m for m in mutants if m.area == area]
        by_op = {}
        for m in pool:
            by_op.setdefault(m.operator, []).append(m)
        quota = {op: min(len(ms), max(3, round(per_area * len(ms) / len(pool)))) for op, ms in by_op.items()}
        while sum(quota.values()) > per_area:
            op = max(quota, key=lambda o: quota[o])
            quota[op] -= 1
        picked = []
        for op, ms in sorted(by_op.items()):
            picked += rng.sample(ms, quota[op])
        chosen += sorted(picked, key=lambda m: (m.path, m.start))
    return chosen


def suite_env(seed, out_dir):
    env = {k: v for k, v in os.environ.items() if k not in STRIPPED_ENV}
    env["RC_PARAMS"] = f"seed={seed}"
    env["GAUNTLET_PROPERTIES_OUT"] = out_dir
    return env


def run_suite(binary, seed, timeout):
    """(outcome, failing properties): outcome is killed, survived or timeout."""
    out_dir = tempfile.mkdtemp(prefix="gauntlet-mutant-")
    try:
        done = subprocess.run([binary], env=suite_env(seed, out_dir), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=timeout)
        code = done.returncode
    except subprocess.TimeoutExpired:
        return "killed", ["<timeout>"]
    failing = []
    for path in glob.glob(os.path.join(out_dir, "*.json")):
        try:
            with open(path) as f:
                # A SHOULD property's failure is reported without failing the run: detected all the same.
                failing += [r["property"] + ("" if r["severity"] == "MUST" else " (SHOULD)")
                            for r in json.load(f)["results"] if r.get("outcome") in ("failed", "error")]
        except (OSError, ValueError, KeyError):
            pass
    shutil.rmtree(out_dir, ignore_errors=True)
    if code == 0 and not failing:
        return "survived", []
    if code < 0:
        failing.append(f"<signal {-code}>")
    return "killed", failing or [f"<exit {code}>"]


def run(ws, targets, mutants, seed, results_path, log, done_ids=()):
    """Runs every mutant not in `done_ids`, appending results to `results_path`."""
    build = targets["build"]
    todo = [m for m in mutants if m.id not in set(done_ids)]
    suites = sorted({targets["areas"][m.area]["suite"] for m in mutants})
    log(f"baseline build of {', '.join(suites)}")
    ok, out = ws.build(suites, build["build_timeout_s"])
    if not ok:
        raise RuntimeError("the unmutated sources do not build:\n" + out)
    for suite in suites:
        outcome, failing = run_suite(ws.binary(suite), seed, build["test_timeout_s"])
        if outcome != "survived":
            raise RuntimeError(f"{suite} fails on the unmutated sources: {failing}")
    baseline = ws.objects()
    with open(results_path, "a") as results:
        for path, group in groupby(todo, key=lambda m: m.path):
            original = ws.read(path)
            for m in group:
                began = time.monotonic()
                ws.write(path, m.apply(original))
                suite = targets["areas"][m.area]["suite"]
                ok, out = ws.build([suite], build["build_timeout_s"])
                record = {"id": m.id, "area": m.area, "path": m.path, "line": m.line, "operator": m.operator,
                          "note": m.note, "original": m.original, "mutated": m.mutated, "seed": seed}
                if not ok:
                    record.update(status="stillborn", detail=_first_error(out))
                else:
                    now = ws.objects()
                    changed = [p for p, h in now.items() if baseline.get(p) != h]
                    if not changed:
                        record.update(status="equivalent", detail="identical object code (trivial compiler equivalence)")
                    else:
                        outcome, failing = run_suite(ws.binary(suite), seed, build["test_timeout_s"])
                        record.update(status=outcome, detail=" ".join(sorted(set(failing))))
                record["seconds"] = round(time.monotonic() - began, 1)
                results.write(json.dumps(record) + "\n")
                results.flush()
                log(f"{record['status']:<10} {m.describe()}  ({record['seconds']} s) {record.get('detail', '')[:80]}")
            ws.write(path, original)


def _first_error(out):
    for line in out.splitlines():
        if "error:" in line:
            return line.strip()[:300]
    return out.strip().splitlines()[-1][:300] if out.strip() else "build failed"


def load_results(path):
    """{id: record} of a results file (the last record of an id wins)."""
    records = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    records[r["id"]] = r
    return records
