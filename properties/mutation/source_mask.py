"""Source text helpers for the mutation tool: a code mask (comments and
string/char literals blanked, offsets kept) and function bodies by brace
matching from a line that contains a given signature."""
import re


def code_mask(text):
    """`text` with comments and the insides of string and character literals
    replaced by spaces (newlines kept), so token searches see code only."""
    out = list(text)
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j == -1 else j
            for k in range(i, j):
                out[k] = " "
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j == -1 else j + 2
            for k in range(i, j):
                if out[k] != "\n":
                    out[k] = " "
            i = j
        elif c in "\"'":
            if c == "'" and i > 0 and (text[i - 1].isalnum()):  # digit separator 1'000
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            for k in range(i + 1, min(j, n)):
                if out[k] != "\n":
                    out[k] = " "
            i = j + 1
        else:
            i += 1
    return "".join(out)


def find_body(text, mask, signature, with_initializers=False):
    """(start, end) offsets of the body (between the braces) of the function
    whose definition contains `signature`, or None. With `with_initializers`
    the span starts after the parameter list (a constructor's member
    initializers included)."""
    at = text.find(signature)
    while at != -1:
        params = mask.find("(", at)
        close = _matching(mask, params, "(", ")") if params != -1 else None
        if close is not None:
            brace = _body_brace(mask, close + 1)
            if brace is not None:
                end = _matching(mask, brace, "{", "}")
                if end is not None:
                    return (close + 1 if with_initializers else brace + 1), end
        at = text.find(signature, at + 1)
    return None


def _matching(mask, open_at, opener, closer):
    depth = 0
    for k in range(open_at, len(mask)):
        if mask[k] == opener:
            depth += 1
        elif mask[k] == closer:
            depth -= 1
            if depth == 0:
                return k
    return None


def _body_brace(mask, pos):
    """The '{' opening a function body after its parameter list (member
    brace-initializers such as `x_{1}` skipped), or None at a ';'."""
    k = pos
    while k < len(mask):
        c = mask[k]
        if c == ";":
            return None
        if c == "(":
            k = _matching(mask, k, "(", ")") + 1
            continue
        if c == "{":
            before = mask[:k].rstrip()
            word = re.search(r"(\w+)$", before)
            if word and word.group(1) not in ("const", "noexcept", "override", "final", "mutable"):
                k = _matching(mask, k, "{", "}") + 1  # a brace initializer
                continue
            return k
        k += 1
    return None


def _in_parens(mask, start, pos):
    """True when `pos` lies inside parentheses opened after `start` (a ';' in a
    default argument or a for header does not end the declaration)."""
    depth = 0
    for k in range(start, pos):
        if mask[k] == "(":
            depth += 1
        elif mask[k] == ")":
            depth -= 1
    return depth > 0


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1
