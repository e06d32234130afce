#include "gauntlet/records/detail/json_fields.h"

#include <cmath>

#include "gauntlet/harness/nesting.h"

namespace gauntlet::records::detail {

using nlohmann::json;

Error Fields::error(const char* key, const std::string& what) const {
  return Error(ErrorCode::kSchemaError, source_ + ": " + pointer_ + "/" + key + ": " + what);
}

Result<std::string> Fields::string(const char* key) const {
  if (!has(key)) return error(key, "missing (expected a string)");
  const json& v = (*node_)[key];
  if (!v.is_string()) return error(key, std::string("expected a string, got ") + v.type_name());
  return v.get<std::string>();
}

Result<double> Fields::number(const char* key) const {
  if (!has(key)) return error(key, "missing (expected a number)");
  const json& v = (*node_)[key];
  if (!v.is_number()) return error(key, std::string("expected a number, got ") + v.type_name());
  return v.get<double>();
}

Result<bool> Fields::boolean(const char* key) const {
  if (!has(key)) return error(key, "missing (expected true or false)");
  const json& v = (*node_)[key];
  if (!v.is_boolean()) return error(key, std::string("expected true or false, got ") + v.type_name());
  return v.get<bool>();
}

Result<FieldsList> Fields::array(const char* key) const {
  if (!has(key)) return error(key, "missing (expected an array)");
  const json& v = (*node_)[key];
  if (!v.is_array()) return error(key, std::string("expected an array, got ") + v.type_name());
  FieldsList out;
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    std::string ptr = pointer_ + "/" + key + "/" + std::to_string(i);
    if (!v[i].is_object()) {
      return Error(ErrorCode::kSchemaError, source_ + ": " + ptr + ": expected an object, got " + v[i].type_name());
    }
    out.emplace_back(v[i], source_, std::move(ptr));
  }
  return out;
}

Result<FieldsList> Fields::array_or_empty(const char* key) const {
  if (!has(key) || (*node_)[key].is_null()) return FieldsList{};
  return array(key);
}

Result<std::int64_t> Fields::whole_or(const char* key, std::int64_t lo, std::int64_t hi, std::int64_t fallback) const {
  if (!has(key) || (*node_)[key].is_null()) return fallback;
  const json& v = (*node_)[key];
  if (!v.is_number()) return error(key, std::string("expected a whole number, got ") + v.type_name());
  const double d = v.get<double>();
  if (d != std::floor(d)) return error(key, "expected a whole number, got " + v.dump());
  if (d < static_cast<double>(lo) || d > static_cast<double>(hi)) {
    return error(key, "must be from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got " + v.dump());
  }
  return v.is_number_float() ? static_cast<std::int64_t>(d) : v.get<std::int64_t>();
}

Result<double> Fields::number_or_null(const char* key, double null_value) const {
  if (!has(key) || (*node_)[key].is_null()) return null_value;
  return number(key);
}

Result<Fields> Fields::object(const char* key) const {
  if (!has(key)) return error(key, "missing (expected an object)");
  const json& v = (*node_)[key];
  if (!v.is_object()) return error(key, std::string("expected an object, got ") + v.type_name());
  return Fields(v, source_, pointer_ + "/" + key);
}

Result<std::vector<std::string>> Fields::strings_or_empty(const char* key) const {
  std::vector<std::string> out;
  if (!has(key) || (*node_)[key].is_null()) return out;
  const json& v = (*node_)[key];
  if (!v.is_array()) return error(key, std::string("expected an array of strings, got ") + v.type_name());
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string()) {
      return Error(ErrorCode::kSchemaError, source_ + ": " + pointer_ + "/" + key + "/" + std::to_string(i) +
                                                ": expected a string, got " + v[i].type_name());
    }
    out.push_back(v[i].get<std::string>());
  }
  return out;
}

std::string Fields::string_or(const char* key, const std::string& fallback) const {
  if (!has(key) || !(*node_)[key].is_string()) return fallback;
  return (*node_)[key].get<std::string>();
}

double Fields::number_or(const char* key, double fallback) const {
  if (!has(key) || !(*node_)[key].is_number()) return fallback;
  return (*node_)[key].get<double>();
}

Status expect_schema(const json& doc, std::string_view expected, std::string_view source) {
  if (!doc.is_object() || !doc.contains("schema") || !doc["schema"].is_string()) {
    return Error(ErrorCode::kSchemaError, std::string(source) + ": /schema: missing");
  }
  std::string got = doc["schema"].get<std::string>();
  if (got != expected) {
    return Error(ErrorCode::kSchemaError, std::string(source) + ": /schema: \"" + got +
                                              "\" is not supported (expected \"" + std::string(expected) + "\")");
  }
  return Status::Ok();
}

}  // namespace gauntlet::records::detail
