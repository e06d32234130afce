#include "gauntlet/records/gate_result_text.h"

#include <fmt/format.h>

#include <cmath>

namespace gauntlet::records {

std::string_view metric_unit(std::string_view metric) noexcept {
  return metric == "real_time" || metric == "cpu_time" ? std::string_view("ns") : metric;
}

std::string change_text(double ratio) {
  if (!std::isfinite(ratio)) return "-";
  return fmt::format("{:+.1f}%", (ratio - 1) * 100);
}

std::string change_interval_text(double ratio_low, double ratio_high) {
  if (!std::isfinite(ratio_low) || !std::isfinite(ratio_high)) return "-";
  return fmt::format("[{:+.1f}%, {:+.1f}%]", (ratio_low - 1) * 100, (ratio_high - 1) * 100);
}

std::string median_text(double median) { return std::isfinite(median) ? fmt::format("{:.4g}", median) : "-"; }

std::string duration_text(double ns) {
  if (!std::isfinite(ns)) return "-";
  const double a = std::fabs(ns);
  if (a >= 1e9) return fmt::format("{:.3g} s", ns / 1e9);
  if (a >= 1e6) return fmt::format("{:.3g} ms", ns / 1e6);
  if (a >= 1e3) return fmt::format("{:.3g} us", ns / 1e3);
  return fmt::format("{:.3g} ns", ns);
}

std::string rate_text(double ops_per_second) {
  if (!std::isfinite(ops_per_second)) return "-";
  return ops_per_second >= 100 ? fmt::format("{:.0f} ops/s", ops_per_second)
                               : fmt::format("{:.3g} ops/s", ops_per_second);
}

std::string memory_text(double bytes) {
  return std::isfinite(bytes) ? fmt::format("{:.1f} MiB", bytes / (1024.0 * 1024.0)) : "-";
}

std::string memory_check_name(std::string_view kind) { return "memory " + std::string(kind); }

std::string margin_text(double margin) { return std::isfinite(margin) ? fmt::format("{:+.1f}%", margin * 100.0) : "-"; }

std::string budget_interval_text(const BudgetCheck& b) {
  if (std::isnan(b.ci_low_ns) && std::isnan(b.ci_high_ns)) return "-";
  auto side = [](double ns) { return std::isnan(ns) ? std::string("unbounded") : duration_text(ns); };
  return "[" + side(b.ci_low_ns) + ", " + side(b.ci_high_ns) + "]";
}

std::string budget_interval_note(const BudgetCheck& b) {
  if (b.verdict != "within") return "";
  if (b.ci_high_ns > b.allowed_ns) return "within, but the 95% interval reaches " + duration_text(b.ci_high_ns);
  if (std::isnan(b.ci_high_ns) && !std::isnan(b.ci_low_ns)) return "within, but the 95% interval has no upper bound";
  return "";
}

}  // namespace gauntlet::records
