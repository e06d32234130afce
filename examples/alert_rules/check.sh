#!/bin/sh
# The example through the built `gauntlet` and promtool (ctest gauntlet_rules_example):
# `gauntlet rules` writes exactly the committed rules.yaml, warns once per breaker
# that seed 001's 2.0 s recovery SLA is below its 60 s wait, and the rules pass
# `promtool check rules` and this directory's `promtool test rules` file.
# Usage: check.sh GAUNTLET WORKDIR. Exit 77 (skipped) without promtool, unless CI is set.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
gauntlet=$1
work=$2
rm -rf "$work"
mkdir -p "$work"

cd "$here"
"$gauntlet" rules --budgets budgets.yaml --alerts alerts.yaml --out "$work/rules.yaml" 2>"$work/stderr"
cat "$work/stderr"
if ! cmp -s rules.yaml "$work/rules.yaml"; then
  diff -u rules.yaml "$work/rules.yaml" || true
  echo "examples/alert_rules/rules.yaml is not what gauntlet rules writes; regenerate it (see README.md)"
  exit 1
fi
warnings=$(grep -c "recovery_sla_s 2 is below the breaker's 60s wait in OPEN" "$work/stderr" || true)
if [ "$warnings" != 6 ]; then
  echo "expected 6 recovery SLA warnings, got $warnings"
  exit 1
fi

if ! command -v promtool >/dev/null 2>&1; then
  if [ -n "${CI:-}" ]; then
    echo "promtool is missing (Debian package prometheus)"
    exit 1
  fi
  echo "skipped: promtool not installed (Debian package prometheus)"
  exit 77
fi
promtool check rules "$work/rules.yaml"
cp rules_test.yaml "$work/rules_test.yaml"
promtool test rules "$work/rules_test.yaml"
