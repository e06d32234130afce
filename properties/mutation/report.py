"""Mutation score per area from campaign results and the reviewed
equivalent mutants (equivalent.json: {id: reason})."""
import json
import os

ORDER = ("killed", "survived", "equivalent", "stillborn")


def load_equivalents(path):
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        data = json.load(f)
    return {k: v for k, v in data.items() if not k.startswith("_")}


def classify(records, equivalents):
    """Records with the reviewed equivalents applied to survivors."""
    out = []
    for r in records:
        r = dict(r)
        if r["status"] == "survived" and r["id"] in equivalents:
            r["status"] = "equivalent"
            r["detail"] = "reviewed: " + equivalents[r["id"]]
        out.append(r)
    return out


def summary(records):
    """{area: {status: count, 'score': killed / (killed + survived)}}."""
    areas = {}
    for r in records:
        a = areas.setdefault(r["area"], {s: 0 for s in ORDER})
        a[r["status"]] += 1
    for a in areas.values():
        judged = a["killed"] + a["survived"]
        a["score"] = a["killed"] / judged if judged else 0.0
    return areas


def render(records, revision=None):
    """A Markdown report: the score table, then survivors and equivalents."""
    areas = summary(records)
    lines = []
    if revision:
        lines.append(f"Sources: {revision}\n")
    lines.append("| Area | Mutants | Killed | Survived | Equivalent | Stillborn | Score (killed / non-equivalent) |")
    lines.append("|---|---|---|---|---|---|---|")
    total = {s: 0 for s in ORDER}
    for area in sorted(areas):
        a = areas[area]
        n = sum(a[s] for s in ORDER)
        for s in ORDER:
            total[s] += a[s]
        lines.append(f"| {area} | {n} | {a['killed']} | {a['survived']} | {a['equivalent']} | {a['stillborn']} | "
                     f"{100 * a['score']:.1f}% |")
    judged = total["killed"] + total["survived"]
    lines.append(f"| all | {sum(total.values())} | {total['killed']} | {total['survived']} | {total['equivalent']} | "
                 f"{total['stillborn']} | {100 * total['killed'] / judged if judged else 0:.1f}% |")
    by_op = {}
    for r in records:
        o = by_op.setdefault(r["operator"], {s: 0 for s in ORDER})
        o[r["status"]] += 1
    lines.append("\n| Operator | Killed | Survived | Equivalent | Stillborn |")
    lines.append("|---|---|---|---|---|")
    for op in sorted(by_op):
        o = by_op[op]
        lines.append(f"| {op} | {o['killed']} | {o['survived']} | {o['equivalent']} | {o['stillborn']} |")
    for status in ("survived", "equivalent"):
        chosen = [r for r in records if r["status"] == status]
        if chosen:
            lines.append(f"\n{status.capitalize()} ({len(chosen)}):\n")
            for r in sorted(chosen, key=lambda r: (r["area"], r["path"], r["line"])):
                lines.append(f"- `{r['id']}` {r['path']}:{r['line']} [{r['operator']}] `{r['original'][:70]}` -> "
                             f"`{r['mutated'][:70]}`" + (f" — {r['detail']}" if status == "equivalent" else ""))
    return "\n".join(lines) + "\n"


def meets(records, required):
    """True when every area's score is at least `required`."""
    return all(a["score"] >= required for a in summary(records).values())
