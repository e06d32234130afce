#pragma once
// Typed fields of the alerts file, each error one line naming the file, the
// line and column (1-based) and the field.
#include "gauntlet/harness/error.h"

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <string>

/// `auto lhs = value of expr`, returning its error from the caller first.
#define GAUNTLET_RULES_TRY(lhs, expr)                   \
  auto lhs##_r = (expr);                                \
  if (!lhs##_r.ok()) return std::move(lhs##_r).error(); \
  auto lhs = std::move(lhs##_r).value()

namespace gauntlet::ci::rules::detail {

class FieldReader {
 public:
  explicit FieldReader(std::string source) : source_(std::move(source)) {}

  /// "<source>:<line>:<col>" of a node.
  std::string where(const YAML::Node& node) const;
  /// kSchemaError "<where>: <field>: <what>".
  Error error(const YAML::Node& node, const std::string& field, const std::string& what) const;

  /// A map whose keys are plain, UTF-8, unique and (when `known` is not
  /// empty) among `known`.
  Status map(const YAML::Node& node, const std::string& field, std::initializer_list<const char*> known) const;
  Result<double> number(const YAML::Node& node, const std::string& field, double lo, double hi) const;
  Result<int> whole(const YAML::Node& node, const std::string& field, int lo, int hi) const;
  Result<bool> boolean(const YAML::Node& node, const std::string& field) const;
  /// A non-empty UTF-8 string.
  Result<std::string> text(const YAML::Node& node, const std::string& field) const;
  /// A Prometheus duration ("90s", "5m", "1h30m"); zero only when allowed.
  Result<std::string> duration(const YAML::Node& node, const std::string& field, bool allow_zero) const;

  const std::string& source() const noexcept { return source_; }

 private:
  std::string source_;
};

/// Milliseconds of a Prometheus duration (units y w d h m s ms, largest
/// first, each at most once), or -1 when it is not one.
long long duration_ms(const std::string& text);

}  // namespace gauntlet::ci::rules::detail
