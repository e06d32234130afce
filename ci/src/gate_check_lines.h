#pragma once
// Text of the gate's absolute checks (latency budgets, throughput floors,
// ratio rules), shared by the console and Markdown reporters.
#include "gauntlet/ci/gate_result.h"

#include <string>

namespace gauntlet::ci::detail {

/// "40.0 us", "5.50 ms": nanoseconds in the largest unit that keeps them >= 1.
std::string duration_text(double ns);

/// "+99.3%" (share, signed), "-" when not finite.
std::string margin_text(double margin);

/// One line per budget, throughput floor, ratio rule and benchmark below
/// min_quality, and the count of quality grades; every verdict with its
/// margin, e.g. "budget within: embedding p95 40 us <= 55 ms (limit 50 ms
/// +10%), margin +99.9%".
std::string check_console_lines(const GateResult& r);

/// "### Budgets" and "### Ratios" tables (failures first), benchmarks below
/// min_quality and the count of quality grades; empty when there is none.
/// Names are escaped with gauntlet::markdown_inline.
std::string check_markdown(const GateResult& r);

/// "; ratios: 1 within, 0 regressed, 0 inconclusive, 0 missing" (with ratio
/// rules) and "; 2 benchmark(s) below min_quality" (when any), else empty.
std::string checks_headline(const GateResult& r);

}  // namespace gauntlet::ci::detail
