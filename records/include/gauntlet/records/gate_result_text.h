#pragma once
/// The words and numbers of a gate result as every output shows them — the
/// gate's console table and Markdown, and the report's HTML, Markdown and
/// JUnit — so a change reads the same wherever it is read.
#include <string>
#include <string_view>

#include "gauntlet/records/gate_result.h"

namespace gauntlet::records {

/// The unit of the gate's metric: "ns" for real_time and cpu_time, otherwise
/// the counter's own name (Google Benchmark counters carry no unit).
std::string_view metric_unit(std::string_view metric) noexcept;

/// "+20.0%": a ratio current / baseline as a signed change in percent with one
/// decimal; "-" when the gate could not compute it.
std::string change_text(double ratio);

/// "[+10.0%, +30.0%]": the interval of the ratio as changes; "-" when either
/// end is missing.
std::string change_interval_text(double ratio_low, double ratio_high);

/// "18.06": a median in the metric's unit, four significant digits; "-" when
/// the side has none.
std::string median_text(double median);

/// "40 us", "5.5 ms", "23.4 ms": nanoseconds in the largest unit that keeps
/// them >= 1, three significant digits; "-" when not measured.
std::string duration_text(double ns);

/// "1500 ops/s", "2.5 ops/s": a throughput; "-" when not measured.
std::string rate_text(double ops_per_second);

/// "120.9 MiB": bytes in MiB (2^20 bytes) with one decimal; "-" when not
/// measured.
std::string memory_text(double bytes);

/// "peak" -> "memory peak", "growth" -> "memory growth": a memory budget
/// (MemoryCheck::kind) as a check's name.
std::string memory_check_name(std::string_view kind);

/// The operation column of a memory budget: it applies to the whole run.
inline constexpr std::string_view kMemoryOperation = "whole run";

/// "+39.0%", "-11.4%": a budget's margin (share of the allowed value left,
/// signed); "-" when not measured.
std::string margin_text(double margin);

/// "[22.9 ms, 24.1 ms]": a latency budget's 95% interval (BudgetCheck's
/// ci_low_ns, ci_high_ns), a side without a bound written "unbounded"; "-"
/// when it has neither.
std::string budget_interval_text(const BudgetCheck& b);

/// "within, but the 95% interval reaches 26.1 ms" when a budget is within
/// (measured <= allowed) yet the upper bound of its interval exceeds allowed,
/// or "within, but the 95% interval has no upper bound" when only the lower
/// bound is known (too few samples to bound it above); "" otherwise (also
/// when the source gave no interval). Informational: the verdict stands.
std::string budget_interval_note(const BudgetCheck& b);

}  // namespace gauntlet::records
