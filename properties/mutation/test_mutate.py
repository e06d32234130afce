#!/usr/bin/env python3
"""Checks of the mutation tool itself (fast, no builds): each operator's
edits on small snippets, and that the targets in the source tree give at
least 200 mutants of every operator kind across the three areas."""
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import campaign  # noqa: E402
import mutants  # noqa: E402
from operators import edits  # noqa: E402
from source_mask import code_mask, find_body  # noqa: E402

REPO = os.path.abspath(os.path.join(HERE, "..", ".."))


def mutate(body):
    text = "void f() {\n" + body + "\n}\n"
    mask = code_mask(text)
    start, end = find_body(text, mask, "void f()")
    return {(e.operator, text[:e.start] + e.replacement + text[e.end:]) for e in edits(text, mask, start, end)}


class OperatorTest(unittest.TestCase):
    def test_relational_keeps_templates_and_arrows(self):
        got = mutate("  if (a < b && p->x) v = std::vector<int>{};")
        self.assertIn(("relational", "void f() {\n  if (a <= b && p->x) v = std::vector<int>{};\n}\n"), got)
        self.assertIn(("logical", "void f() {\n  if (a < b || p->x) v = std::vector<int>{};\n}\n"), got)
        self.assertFalse(any("std::vector<=" in t or "p>=" in t for _, t in got))

    def test_comments_and_strings_are_not_mutated(self):
        got = mutate('  log("a < b"); // x < 1\n  y = 2;')
        self.assertFalse(any('"a <= b"' in t or "x <= 1" in t for _, t in got))
        self.assertIn("constant", {op for op, _ in got})

    def test_atomic_rmw_becomes_a_load_and_a_store(self):
        got = [t for op, t in mutate("  n_.fetch_add(2, std::memory_order_relaxed);") if op == "atomic-rmw"]
        self.assertEqual(len(got), 1)
        self.assertIn("gauntlet_mutant_a.store(gauntlet_mutant_old + (2)", got[0])
        self.assertIn("}(n_);", got[0])

    def test_memory_order_lock_and_statement(self):
        got = mutate("  std::lock_guard lock(mu_);\n  x.store(1, std::memory_order_release);")
        ops = {op for op, _ in got}
        self.assertTrue({"lock-removal", "memory-order", "statement-deletion"} <= ops, ops)

    def test_constructor_initializers_are_a_body(self):
        text = "A::A(int x)\n    : a_(x + 1), b_{2} {\n  c_ = 3;\n}\n"
        mask = code_mask(text)
        start, end = find_body(text, mask, "A::A(int x)", True)
        self.assertIn("a_(x + 1)", text[start:end])
        self.assertIn("c_ = 3", text[start:end])


class TreeTest(unittest.TestCase):
    def test_targets_give_200_mutants_of_every_kind(self):
        targets = mutants.load_targets(os.path.join(HERE, "targets.json"))
        generated = mutants.generate(targets, mutants.read_from_tree(REPO))
        chosen = campaign.sample(generated, 80, 20261122)
        self.assertGreaterEqual(len(chosen), 200)
        self.assertEqual({m.area for m in chosen}, {"metrics", "breaker", "tracing"})
        kinds = {"relational", "logical", "arithmetic", "constant", "statement-deletion", "atomic-rmw",
                 "memory-order", "lock-removal"}
        self.assertEqual({m.operator for m in chosen}, kinds)
        self.assertEqual(len({m.id for m in generated}), len(generated))  # ids are unique


if __name__ == "__main__":
    unittest.main()
