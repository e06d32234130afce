#include <cmath>

#include "journal_reading.h"

namespace gauntlet::records::journal_reading {
namespace {

bool absent(const Fields& f, const char* key) { return !f.has(key) || f.node()[key].is_null(); }

// Whole numbers from 0 to kMaxCount, exact in a double.
bool is_count(const nlohmann::json& v) {
  if (!v.is_number()) return false;
  const double d = v.get<double>();
  return d >= 0 && d <= static_cast<double>(detail::kMaxCount) && d == std::floor(d);
}

std::uint64_t count_value(const nlohmann::json& v) {
  return v.is_number_float() ? static_cast<std::uint64_t>(v.get<double>()) : v.get<std::uint64_t>();
}

}  // namespace

Result<std::string> text_or(const Fields& f, const char* key, const std::string& fallback) {
  if (absent(f, key)) return fallback;
  return f.string(key);
}

Result<double> number_or(const Fields& f, const char* key, double fallback) { return f.number_or_null(key, fallback); }

Result<std::optional<double>> optional_number(const Fields& f, const char* key) {
  if (absent(f, key)) return std::optional<double>{};
  Result<double> v = f.number(key);
  if (!v) return v.error();
  return std::optional<double>{*v};
}

Result<std::optional<std::uint64_t>> optional_count(const Fields& f, const char* key) {
  if (absent(f, key)) return std::optional<std::uint64_t>{};
  Result<std::int64_t> v = f.whole_or(key, 0, detail::kMaxCount, 0);
  if (!v) return v.error();
  return std::optional<std::uint64_t>{static_cast<std::uint64_t>(*v)};
}

Result<std::uint64_t> count(const Fields& f, const char* key) {
  Result<std::optional<std::uint64_t>> v = optional_count(f, key);
  if (!v) return v.error();
  return v->value_or(0);
}

Result<Fields> object_or_empty(const Fields& f, const char* key, const std::string& pointer) {
  static const nlohmann::json kEmpty = nlohmann::json::object();
  if (absent(f, key)) return Fields(kEmpty, f.source(), pointer);
  return f.object(key);
}

Status read_span(const Fields& f, Millis& start, Millis& end) {
  Result<double> s = number_or(f, "start_ms", 0);
  if (!s) return s.error();
  Result<double> e = number_or(f, "end_ms", 0);
  if (!e) return e.error();
  if (*e < *s) return f.error("end_ms", "ends before start_ms");
  start = *s;
  end = *e;
  return Status::Ok();
}

Result<std::map<std::string, std::string>> string_map(const Fields& f, const char* key, const char* what) {
  std::map<std::string, std::string> out;
  if (absent(f, key)) return out;
  const nlohmann::json& v = f.node()[key];
  if (!v.is_object()) return f.error(key, std::string("expected an object, got ") + v.type_name());
  for (const auto& [name, value] : v.items()) {
    if (!value.is_string()) return f.error(key, "\"" + name + "\": expected " + what);
    out.emplace(name, value.get<std::string>());
  }
  return out;
}

Result<std::map<std::string, std::uint64_t>> count_map(const Fields& f, const char* key) {
  std::map<std::string, std::uint64_t> out;
  if (absent(f, key)) return out;
  const nlohmann::json& v = f.node()[key];
  if (!v.is_object()) return f.error(key, std::string("expected an object, got ") + v.type_name());
  for (const auto& [name, value] : v.items()) {
    if (!is_count(value)) return f.error(key, "\"" + name + "\": expected a count");
    out.emplace(name, count_value(value));
  }
  return out;
}

Result<std::map<std::string, double>> number_map(const Fields& f, const char* key) {
  std::map<std::string, double> out;
  if (absent(f, key)) return out;
  const nlohmann::json& v = f.node()[key];
  if (!v.is_object()) return f.error(key, std::string("expected an object, got ") + v.type_name());
  for (const auto& [name, value] : v.items()) {
    if (!value.is_number() && !value.is_null()) return f.error(key, "\"" + name + "\": expected a number");
    out.emplace(name, value.is_null() ? kNotMeasured : value.get<double>());
  }
  return out;
}

}  // namespace gauntlet::records::journal_reading
