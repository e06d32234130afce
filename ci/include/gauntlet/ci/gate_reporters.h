#pragma once
/// Formats a GateResult for people and dashboards (the record itself is
/// written by gauntlet/records/gate_result_json.h). Reporters only format; the
/// gate only decides.
#include "gauntlet/records/gate_result.h"

#include <string>

namespace gauntlet::ci {

/// Plain-text table for a terminal. ANSI colour only when `colour` is true
/// (the CLI passes: stdout is a terminal and NO_COLOR is unset or empty).
std::string gate_console_table(const records::GateResult& result, bool colour);

/// GitHub-flavoured Markdown for a PR comment or $GITHUB_STEP_SUMMARY: a
/// one-line verdict, regressions (and budget breaches) first, everything else
/// inside <details>. Always under `max_bytes` (rows are dropped with a note).
std::string gate_markdown(const records::GateResult& result, std::size_t max_bytes = 64 * 1024 - 1);

/// github-action-benchmark "customSmallerIsBetter" JSON: one entry per
/// compared benchmark with the current median.
std::string github_action_benchmark_json(const records::GateResult& result);

/// Bencher Metric Format (BMF) JSON: {name: {measure: {value, lower_value, upper_value}}}
/// with the measure named after the gate's metric.
std::string bencher_bmf_json(const records::GateResult& result);

}  // namespace gauntlet::ci
