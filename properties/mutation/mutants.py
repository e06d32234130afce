"""Mutant generation: every operator edit inside every target function body,
with an id that survives unrelated edits of the file (it hashes the file,
function, operator, the edited text and its occurrence, not line numbers)."""
import hashlib
import json
import os
import re
from dataclasses import dataclass

from operators import edits
from source_mask import code_mask, find_body, line_of


@dataclass
class Mutant:
    id: str
    area: str
    path: str          # relative to the source root
    function: str      # the target signature
    operator: str
    note: str
    line: int
    original: str      # the edited source line before
    mutated: str       # and after
    start: int
    end: int
    replacement: str

    def apply(self, text):
        return text[:self.start] + self.replacement + text[self.end:]

    def describe(self):
        return f"{self.path}:{self.line} [{self.operator}] {self.note}"


def load_targets(path):
    with open(path) as f:
        return json.load(f)


def _line_text(text, offset):
    s = text.rfind("\n", 0, offset) + 1
    e = text.find("\n", offset)
    return text[s:e if e != -1 else len(text)]


def _skipped(spec, signature, line):
    """True when an entry of the area's "skip" list (a regex over the original
    line, optionally only "in" functions whose signature contains a text)
    excludes the line."""
    for rule in spec.get("skip", []):
        if rule.get("in") and rule["in"] not in signature:
            continue
        if re.search(rule["pattern"], line):
            return True
    return False


def generate(targets, read_source, areas=None):
    """Mutants of every area (or of `areas`), in file order. `read_source(path)`
    returns a file's text. Raises LookupError for a signature not found."""
    out = []
    for area, spec in targets["areas"].items():
        if areas and area not in areas:
            continue
        for path, signatures in spec["files"].items():
            text = read_source(path)
            mask = code_mask(text)
            for entry in signatures:
                with_init = entry.startswith("+init:")
                signature = entry[len("+init:"):] if with_init else entry
                span = find_body(text, mask, signature, with_init)
                if span is None:
                    raise LookupError(f"{path}: no function body for signature {signature!r}")
                seen = {}
                for e in sorted(edits(text, mask, *span), key=lambda e: (e.start, e.operator, e.replacement)):
                    if _skipped(spec, signature, _line_text(text, e.start)):
                        continue
                    key = (e.operator, text[e.start:e.end], e.replacement)
                    seen[key] = seen.get(key, 0) + 1
                    digest = hashlib.sha1("|".join([path, signature, e.operator, text[e.start:e.end], e.replacement,
                                                    str(seen[key])]).encode()).hexdigest()[:10]
                    mutated = text[:e.start] + e.replacement + text[e.end:]
                    out.append(Mutant(f"{area[0]}-{digest}", area, path, signature, e.operator, e.note,
                                      line_of(text, e.start), _line_text(text, e.start).strip(),
                                      _line_text(mutated, e.start).strip(), e.start, e.end, e.replacement))
    return out


def read_from_tree(root):
    def read(path):
        with open(os.path.join(root, path)) as f:
            return f.read()
    return read
