#include "rules_promql.h"

#include <fmt/format.h>

namespace gauntlet::ci::rules::detail {

std::string promql_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string selector(const std::string& metric, const Matchers& matchers) {
  if (matchers.empty()) return metric;
  std::string out = metric + "{";
  for (std::size_t i = 0; i < matchers.size(); ++i) {
    if (i > 0) out += ",";
    out += matchers[i].first + "=" + promql_string(matchers[i].second);
  }
  return out + "}";
}

std::string promql_number(double value) { return fmt::format("{:.12g}", value); }

std::string readable_ns(double ns) {
  if (ns >= 1e9) return fmt::format("{:.4g}s", ns / 1e9);
  if (ns >= 1e6) return fmt::format("{:.4g}ms", ns / 1e6);
  if (ns >= 1e3) return fmt::format("{:.4g}us", ns / 1e3);
  return fmt::format("{:.4g}ns", ns);
}

}  // namespace gauntlet::ci::rules::detail
