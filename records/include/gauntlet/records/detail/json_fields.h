#pragma once
// Typed access to the fields of a JSON object that turns every mismatch into
// a kSchemaError naming the file and the JSON pointer of the field.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gauntlet/harness/error.h"

namespace gauntlet::records::detail {

class Fields;
using FieldsList = std::vector<Fields>;

/// Largest count or index a report input may hold: every whole number up to
/// it is exact in a double.
inline constexpr std::int64_t kMaxCount = std::int64_t{1} << 53;

class Fields {
 public:
  Fields(const nlohmann::json& node, std::string source, std::string pointer)
      : node_(&node), source_(std::move(source)), pointer_(std::move(pointer)) {}

  const nlohmann::json& node() const { return *node_; }
  const std::string& source() const { return source_; }
  /// JSON pointer of this object from the document's root ("" for the root).
  const std::string& pointer() const { return pointer_; }
  bool has(const char* key) const { return node_->is_object() && node_->contains(key); }

  Error error(const char* key, const std::string& what) const;

  Result<std::string> string(const char* key) const;
  Result<double> number(const char* key) const;
  Result<bool> boolean(const char* key) const;
  /// The array at `key` (required), each element an object.
  Result<FieldsList> array(const char* key) const;
  /// Like `array` but an absent key gives an empty list.
  Result<FieldsList> array_or_empty(const char* key) const;

  /// A whole number in [lo, hi] at `key`; absent or null gives `fallback`.
  /// kSchemaError for a fraction, a non-number or a value out of range.
  Result<std::int64_t> whole_or(const char* key, std::int64_t lo, std::int64_t hi, std::int64_t fallback) const;

  /// The number at `key`; absent or null gives `null_value` (writers write
  /// null for a value they could not compute). kSchemaError for a non-number.
  Result<double> number_or_null(const char* key, double null_value) const;
  /// The object at `key` (required).
  Result<Fields> object(const char* key) const;
  /// The array of strings at `key`; absent or null gives an empty list.
  Result<std::vector<std::string>> strings_or_empty(const char* key) const;

  std::string string_or(const char* key, const std::string& fallback) const;
  double number_or(const char* key, double fallback) const;

 private:
  const nlohmann::json* node_;
  std::string source_;
  std::string pointer_;
};

/// Checks `doc["schema"] == expected`; kSchemaError otherwise.
Status expect_schema(const nlohmann::json& doc, std::string_view expected, std::string_view source);

}  // namespace gauntlet::records::detail
