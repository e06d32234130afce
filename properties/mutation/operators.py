"""Mutation operators. Each takes the source text, its code mask (see
source_mask.py) and a body span, and yields Edits: replace text[start:end]
with `replacement`. Binary operators are recognised with a space on both
sides (the code base is formatted that way), which keeps template angle
brackets, pointers and unary minus out."""
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    operator: str      # relational, logical, arithmetic, constant, statement-deletion, atomic-rmw, memory-order, lock-removal
    start: int
    end: int
    replacement: str
    note: str          # e.g. "< -> <="


RELATIONAL = {"<": "<=", "<=": "<", ">": ">=", ">=": ">", "==": "!=", "!=": "=="}
ARITHMETIC = {"+": "-", "-": "+", "*": "/", "/": "*", "%": "*", "<<": ">>", ">>": "<<", "+=": "-=", "-=": "+=",
              "|": "&", "&": "|", "^": "|"}
ORDER = re.compile(r"std::memory_order_(seq_cst|acq_rel|acquire|release)\b")
# A decimal or hex integer literal that is a whole token.
INTEGER = re.compile(r"(?<![\w.])(0[xX][0-9a-fA-F]+|\d+)([uU]?[lL]{0,2}|[lL]{1,2}[uU]?)(?![\w.])")
LOCK = re.compile(r"(std::(?:lock_guard|unique_lock|scoped_lock)(?:<[^>]*>)?\s+\w+\s*[({])([^)}]*)([)}])")
MEMBER_LOCK = re.compile(r"\b(lock_\()([^)]*)(\))")
RMW = re.compile(r"\.(fetch_add|fetch_sub|exchange|compare_exchange_weak|compare_exchange_strong)\(")
UNSHARED_MUTEX = "[]() -> std::mutex& { thread_local std::mutex gauntlet_mutant_m; return gauntlet_mutant_m; }()"


def _spaced_tokens(mask, start, end, tokens):
    """(offset, token) of each token in `tokens` surrounded by spaces."""
    pattern = re.compile(r"(?<= )(" + "|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True)) + r")(?= )")
    for m in pattern.finditer(mask, start, end):
        yield m.start(), m.group(1)


def relational(text, mask, start, end):
    for at, tok in _spaced_tokens(mask, start, end, RELATIONAL):
        yield Edit("relational", at, at + len(tok), RELATIONAL[tok], f"{tok} -> {RELATIONAL[tok]}")


def logical(text, mask, start, end):
    for at, tok in _spaced_tokens(mask, start, end, ["&&", "||"]):
        other = "||" if tok == "&&" else "&&"
        yield Edit("logical", at, at + 2, other, f"{tok} -> {other}")


def arithmetic(text, mask, start, end):
    for at, tok in _spaced_tokens(mask, start, end, ARITHMETIC):
        yield Edit("arithmetic", at, at + len(tok), ARITHMETIC[tok], f"{tok} -> {ARITHMETIC[tok]}")
    for m in re.finditer(r"\+\+|--", mask[start:end]):
        at = start + m.start()
        line_start = mask.rfind("\n", 0, at) + 1
        if mask[line_start:at].lstrip().startswith("for ("):
            continue  # a reversed loop counter only hangs the suite
        other = "--" if m.group() == "++" else "++"
        yield Edit("arithmetic", at, at + 2, other, f"{m.group()} -> {other}")


def constant(text, mask, start, end):
    for m in INTEGER.finditer(mask, start, end):
        line_start = mask.rfind("\n", 0, m.start()) + 1
        line = mask[line_start:mask.find("\n", m.start())]
        if "alignas" in line or line.lstrip().startswith("#") or "static_assert" in line:
            continue
        digits, suffix = m.group(1), m.group(2)
        value = int(digits, 16) if digits.lower().startswith("0x") else int(digits)
        for new in ([value + 1, value - 1] if value > 0 else [value + 1]):
            shown = hex(new) if digits.lower().startswith("0x") else str(new)
            yield Edit("constant", m.start(), m.end(), shown + suffix, f"{digits} -> {shown}")


STATEMENT = re.compile(r"^(\s*)((?:\(void\)\s*)?(?:\+\+|--)?[A-Za-z_][\w]*(?:::\w+)*(?:(?:\.|->)\w+|\[[^\]]*\])*"
                       r"\s*(?:\(|=(?!=)|\+=|-=|\|=|&=|\+\+|--).*;|if \(.*\) [^{]*;)\s*$")
DECLARATION = re.compile(r"^\s*(?:const\s+|static\s+|constexpr\s+)*[\w:<>,*&]+(?:<[^;=]*>)?[\s*&]+\w+\s*(?:=|\(|\{|;)")


def statement_deletion(text, mask, start, end):
    """Whole-line expression statements and one-line ifs, replaced by ';'."""
    pos = mask.find("\n", start) + 1
    prev = mask[mask.rfind("\n", 0, start) + 1:start].strip()
    while 0 < pos < end:
        nl = mask.find("\n", pos)
        if nl == -1 or nl > end:
            break
        line = mask[pos:nl]
        stripped = line.strip()
        complete = prev == "" or prev.endswith((";", "{", "}", ":")) or prev.startswith("//")
        balanced = stripped.count("(") == stripped.count(")")
        if (complete and balanced and STATEMENT.match(line) and not DECLARATION.match(line)
                and not stripped.startswith(("return", "case ", "default", "break", "continue", "else"))):
            indent = len(line) - len(line.lstrip())
            yield Edit("statement-deletion", pos + indent, nl, ";", f"delete `{text[pos + indent:nl].strip()[:60]}`")
        if stripped:
            prev = stripped
        pos = nl + 1


def _receiver_start(mask, dot):
    """Start of the expression whose member call begins at `dot` ('.')."""
    k = dot
    while k > 0:
        c = mask[k - 1]
        if c in ")]":
            depth, opener = 0, "(" if c == ")" else "["
            while k > 0:
                k -= 1
                if mask[k] in ")]":
                    depth += 1
                elif mask[k] in "([":
                    depth -= 1
                    if depth == 0:
                        break
            continue
        if c.isalnum() or c == "_" or c == ".":
            k -= 1
            continue
        if mask[k - 2:k] in ("->", "::"):
            k -= 2
            continue
        break
    return k


def _call_args(mask, open_paren):
    """(end offset after ')', [(start, end) of each top-level argument])."""
    depth, args, arg_start = 0, [], open_paren + 1
    for k in range(open_paren, len(mask)):
        c = mask[k]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append((arg_start, k))
                return k + 1, args
        elif c == "," and depth == 1:
            args.append((arg_start, k))
            arg_start = k + 1
    return None, []


def atomic_rmw(text, mask, start, end):
    """An atomic read-modify-write replaced by a separate load and store."""
    relaxed = "std::memory_order_relaxed"
    for m in RMW.finditer(mask, start, end):
        recv_start = _receiver_start(mask, m.start())
        close, args = _call_args(mask, m.end() - 1)
        if close is None or close > end or recv_start == m.start() or not args:
            continue
        recv = text[recv_start:m.start()]
        a0 = text[args[0][0]:args[0][1]].strip()
        op = m.group(1)
        if op in ("fetch_add", "fetch_sub"):
            sign = "+" if op == "fetch_add" else "-"
            body = (f"[&](auto& gauntlet_mutant_a) {{ auto gauntlet_mutant_old = gauntlet_mutant_a.load({relaxed}); "
                    f"gauntlet_mutant_a.store(gauntlet_mutant_old {sign} ({a0}), {relaxed}); return gauntlet_mutant_old; }}({recv})")
        elif op == "exchange":
            body = (f"[&](auto& gauntlet_mutant_a) {{ auto gauntlet_mutant_old = gauntlet_mutant_a.load({relaxed}); "
                    f"gauntlet_mutant_a.store({a0}, {relaxed}); return gauntlet_mutant_old; }}({recv})")
        else:
            if len(args) < 2:
                continue
            a1 = text[args[1][0]:args[1][1]].strip()
            body = (f"[&](auto& gauntlet_mutant_a, auto& gauntlet_mutant_e) {{ auto gauntlet_mutant_now = "
                    f"gauntlet_mutant_a.load({relaxed}); if (gauntlet_mutant_now != gauntlet_mutant_e) {{ gauntlet_mutant_e = "
                    f"gauntlet_mutant_now; return false; }} gauntlet_mutant_a.store({a1}, {relaxed}); return true; }}({recv}, {a0})")
        yield Edit("atomic-rmw", recv_start, close, body, f"{op} -> load + store")


def memory_order(text, mask, start, end):
    for m in ORDER.finditer(text, start, end):
        if mask[m.start()] == " ":
            continue  # in a comment
        yield Edit("memory-order", m.start(), m.end(), "std::memory_order_relaxed", f"{m.group(1)} -> relaxed")


def lock_removal(text, mask, start, end):
    """A lock on a shared mutex replaced by a lock on a mutex of the calling thread's own."""
    for pattern in (LOCK, MEMBER_LOCK):
        for m in pattern.finditer(mask, start, end):
            yield Edit("lock-removal", m.start(2), m.end(2), UNSHARED_MUTEX, f"lock({m.group(2).strip()}) -> unshared mutex")


OPERATORS = [relational, logical, arithmetic, constant, statement_deletion, atomic_rmw, memory_order, lock_removal]


def edits(text, mask, start, end):
    """Every edit every operator proposes inside text[start:end]."""
    seen = set()
    for op in OPERATORS:
        for e in op(text, mask, start, end):
            key = (e.start, e.end, e.replacement)
            if key not in seen:
                seen.add(key)
                yield e
