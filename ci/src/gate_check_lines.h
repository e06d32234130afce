#pragma once
// Text of the gate's absolute checks (latency budgets, throughput floors,
// memory budgets, ratio rules), shared by the console and Markdown reporters.
#include "gauntlet/records/gate_result.h"

#include <string>

namespace gauntlet::ci::detail {

/// One line per budget, throughput floor, memory budget, ratio rule and
/// benchmark below min_quality, and the count of quality grades; every
/// verdict with its margin, e.g. "budget within: embedding p95 40 us <= 55 ms
/// (limit 50 ms +10%), margin +99.9%", "memory within: peak 120.9 MiB <
/// 500.0 MiB (margin +75.8%)", "memory breach: growth not measured (limit
/// 64.0 MiB): <why>".
std::string check_console_lines(const records::GateResult& r);

/// "### Budgets" and "### Ratios" tables (failures first), benchmarks below
/// min_quality and the count of quality grades; empty when there is none.
/// Names are escaped with gauntlet::markdown_inline.
std::string check_markdown(const records::GateResult& r);

/// "; ratios: 1 within, 0 regressed, 0 inconclusive, 0 missing" (with ratio
/// rules) and "; 2 benchmark(s) below min_quality" (when any), else empty.
std::string checks_headline(const records::GateResult& r);

}  // namespace gauntlet::ci::detail
