#include "gauntlet/cli/validators.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace gauntlet::cli {

CLI::Validator finite_range(double lo, double hi) {
  return CLI::Validator(
      [lo, hi](std::string& text) -> std::string {
        double v = 0;
        const char* end = text.data() + text.size();
        auto [p, ec] = std::from_chars(text.data(), end, v);
        if (ec != std::errc() || p != end) return fmt::format("'{}' is not a number", text);
        if (!std::isfinite(v)) return fmt::format("'{}' is not a finite number", text);
        if (v < lo || v > hi) return fmt::format("{} is outside [{}, {}]", text, lo, hi);
        return {};
      },
      fmt::format("FLOAT in [{} - {}]", lo, hi));
}

}  // namespace gauntlet::cli
