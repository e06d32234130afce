#include "rules_yaml_fields.h"

#include "gauntlet/harness/utf8.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <set>

namespace gauntlet::ci::rules::detail {

std::string FieldReader::where(const YAML::Node& node) const {
  const YAML::Mark m = node.Mark();
  if (m.line < 0) return source_;
  return fmt::format("{}:{}:{}", source_, m.line + 1, m.column + 1);
}

Error FieldReader::error(const YAML::Node& node, const std::string& field, const std::string& what) const {
  return Error(ErrorCode::kSchemaError, fmt::format("{}: {}: {}", where(node), field, what));
}

Status FieldReader::map(const YAML::Node& node, const std::string& field,
                        std::initializer_list<const char*> known) const {
  if (!node.IsMap()) return error(node, field.empty() ? "top level" : field, "expected a map");
  std::set<std::string> seen;
  for (const auto& kv : node) {
    const std::string at = field.empty() ? "top level" : field;
    if (!kv.first.IsScalar()) return error(kv.first, at, "expected a plain key");
    const std::string& key = kv.first.Scalar();
    if (!is_valid_utf8(key)) return error(kv.first, at, "key is not valid UTF-8");
    const std::string path = field.empty() ? key : field + "." + key;
    if (!seen.insert(key).second) return error(kv.first, path, "appears twice");
    if (known.size() > 0 && std::none_of(known.begin(), known.end(), [&](const char* k) { return key == k; })) {
      std::string all;
      for (const char* k : known) all += all.empty() ? k : std::string(", ") + k;
      return error(kv.first, path, "unknown field (expected one of " + all + ")");
    }
  }
  return Status::Ok();
}

Result<double> FieldReader::number(const YAML::Node& node, const std::string& field, double lo, double hi) const {
  double v = 0;
  if (!node.IsScalar() || !YAML::convert<double>::decode(node, v)) return error(node, field, "expected a number");
  if (!(v >= lo && v <= hi)) return error(node, field, fmt::format("must lie in [{}, {}]", lo, hi));
  return v;
}

Result<int> FieldReader::whole(const YAML::Node& node, const std::string& field, int lo, int hi) const {
  Result<double> v = number(node, field, lo, hi);
  if (!v.ok()) return v.error();
  if (*v != std::floor(*v)) return error(node, field, "expected a whole number, got " + node.Scalar());
  return static_cast<int>(*v);
}

Result<bool> FieldReader::boolean(const YAML::Node& node, const std::string& field) const {
  bool b = false;
  if (!node.IsScalar() || !YAML::convert<bool>::decode(node, b)) return error(node, field, "expected true or false");
  return b;
}

Result<std::string> FieldReader::text(const YAML::Node& node, const std::string& field) const {
  if (!node.IsScalar()) return error(node, field, "expected a string");
  if (!is_valid_utf8(node.Scalar())) return error(node, field, "not valid UTF-8");
  if (node.Scalar().empty()) return error(node, field, "must not be empty");
  return node.Scalar();
}

Result<std::string> FieldReader::duration(const YAML::Node& node, const std::string& field, bool allow_zero) const {
  Result<std::string> t = text(node, field);
  if (!t.ok()) return t;
  const long long ms = duration_ms(*t);
  if (ms < 0) return error(node, field, "expected a Prometheus duration such as 30s, 5m or 1h30m, got \"" + *t + "\"");
  if (ms == 0 && !allow_zero) return error(node, field, "must be longer than 0");
  return t;
}

long long duration_ms(const std::string& text) {
  static constexpr std::array<std::pair<const char*, long long>, 7> kUnits = {{
      {"y", 365LL * 24 * 3600 * 1000},
      {"w", 7LL * 24 * 3600 * 1000},
      {"d", 24LL * 3600 * 1000},
      {"h", 3600LL * 1000},
      {"m", 60LL * 1000},
      {"s", 1000},
      {"ms", 1},
  }};
  if (text.empty()) return -1;
  long long total = 0;
  std::size_t pos = 0, next_unit = 0;
  while (pos < text.size()) {
    std::size_t digits = pos;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    if (digits == pos || digits - pos > 9) return -1;
    const long long n = std::stoll(text.substr(pos, digits - pos));
    // "5ms" is milliseconds, not minutes followed by "s".
    std::size_t matched = kUnits.size();
    for (std::size_t u = next_unit; u < kUnits.size(); ++u) {
      const std::string name = kUnits[u].first;
      if (text.compare(digits, name.size(), name) == 0) {
        const bool longer_ms = name == "m" && text.compare(digits, 2, "ms") == 0;
        if (!longer_ms) {
          matched = u;
          break;
        }
      }
    }
    if (matched == kUnits.size()) return -1;
    if (n > (std::numeric_limits<long long>::max() - total) / kUnits[matched].second) return -1;
    total += n * kUnits[matched].second;
    pos = digits + std::string(kUnits[matched].first).size();
    next_unit = matched + 1;
  }
  return total;
}

}  // namespace gauntlet::ci::rules::detail
