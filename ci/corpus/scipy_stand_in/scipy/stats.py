"""mannwhitneyu and gmean as compare.py calls them (scipy 1.10 semantics)."""
import itertools
import math
from collections import Counter, namedtuple

MannwhitneyuResult = namedtuple("MannwhitneyuResult", ("statistic", "pvalue"))


def _ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2.0 + 1.0
        i = j + 1
    return ranks


def _exact_sf(u, n1, n2):
    # P(U >= u) by counting (small samples only).
    total = 0
    hits = 0
    for combo in itertools.combinations(range(n1 + n2), n1):
        total += 1
        r1 = sum(c + 1 for c in combo)
        if r1 - n1 * (n1 + 1) / 2.0 >= u:
            hits += 1
    return hits / total


def mannwhitneyu(x, y, use_continuity=True, alternative="two-sided", method="auto"):
    if alternative != "two-sided":
        raise NotImplementedError("stand-in supports two-sided only")
    x, y = list(x), list(y)
    n1, n2 = len(x), len(y)
    ranks = _ranks(x + y)
    u1 = sum(ranks[:n1]) - n1 * (n1 + 1) / 2.0
    u = max(u1, n1 * n2 - u1)
    ties = any(c > 1 for c in Counter(x + y).values())
    if method == "auto":
        method = "asymptotic" if (n1 > 8 and n2 > 8) or ties else "exact"
    if method == "exact":
        p = 2.0 * _exact_sf(u, n1, n2)
    else:
        n = n1 + n2
        tie_term = sum(t ** 3 - t for t in Counter(x + y).values())
        s = math.sqrt(n1 * n2 / 12.0 * ((n + 1) - tie_term / (n * (n - 1))))
        numerator = u - n1 * n2 / 2.0 - (0.5 if use_continuity else 0.0)
        z = numerator / s if s > 0 else 0.0
        p = 2.0 * 0.5 * math.erfc(z / math.sqrt(2.0))
    return MannwhitneyuResult(u1, min(max(p, 0.0), 1.0))


class _Vector(list):
    """The slice of numpy.ndarray that compare.py uses: indexing and any()."""

    def any(self):
        return any(bool(v) for v in self)


def gmean(values):
    """Geometric mean along axis 0 (rows of [real_time, cpu_time] pairs)."""
    rows = [list(r) if isinstance(r, (list, tuple)) else [r] for r in values]
    cols = list(zip(*rows))
    return _Vector(math.exp(sum(math.log(v) for v in col) / len(col)) for col in cols)
