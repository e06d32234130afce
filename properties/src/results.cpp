#include "gauntlet/properties/results.h"

#include "gauntlet/harness/atomic_file.h"
#include "gauntlet/harness/input_file.h"
#include "gauntlet/harness/json_document.h"

#include <array>
#include <fstream>
#include <sstream>
#include <system_error>

#include <nlohmann/json.hpp>
#include <unistd.h>

namespace gauntlet::properties {
namespace {

constexpr std::array<std::pair<Outcome, std::string_view>, 5> kOutcomeNames{{
    {Outcome::kPassed, "passed"},
    {Outcome::kFailed, "failed"},
    {Outcome::kSkipped, "skipped"},
    {Outcome::kGaveUp, "gave_up"},
    {Outcome::kError, "error"},
}};

nlohmann::json to_json(const PropertyResult& r) {
  nlohmann::json example = nlohmann::json::array();
  for (const auto& [type, value] : r.counterexample) example.push_back({{"type", type}, {"value", value}});
  return {{"test", r.test},         {"instantiation", r.instantiation},
          {"suite", r.suite},       {"property", r.property},
          {"severity", r.severity}, {"outcome", to_string(r.outcome)},
          {"fails_test", r.fails_test}, {"cases", r.cases},
          {"seed", r.seed},         {"counterexample", example},
          {"message", r.message},   {"rerun", r.rerun}};
}

}  // namespace

std::string_view to_string(Outcome outcome) noexcept {
  for (const auto& [value, name] : kOutcomeNames) {
    if (value == outcome) return name;
  }
  return "error";
}

Result<Outcome> outcome_from_string(std::string_view name) {
  for (const auto& [value, known] : kOutcomeNames) {
    if (known == name) return value;
  }
  return Error(ErrorCode::kParseError, "unknown outcome '" + std::string(name) + "'");
}

std::string results_to_json(const std::vector<PropertyResult>& results) {
  nlohmann::json doc{{"schema", kResultsSchema}, {"results", nlohmann::json::array()}};
  for (const auto& r : results) doc.at("results").push_back(to_json(r));
  return doc.dump(2) + "\n";
}

Result<std::vector<PropertyResult>> results_from_json(std::string_view text, std::string_view source) {
  auto parsed = parse_json_document(text, source, "gauntlet.properties/1 JSON");
  if (!parsed.ok()) return parsed.error();
  const nlohmann::json& doc = *parsed;
  // value() with a json default: a schema of another type compares unequal instead of throwing.
  if (!doc.is_object() || doc.value("schema", nlohmann::json()) != nlohmann::json(std::string(kResultsSchema))) {
    return Error(ErrorCode::kSchemaError,
                 std::string(source) + ": field 'schema' must be \"" + std::string(kResultsSchema) + "\"");
  }
  if (!doc.contains("results") || !doc.at("results").is_array()) {
    return Error(ErrorCode::kSchemaError, std::string(source) + ": field 'results' must be an array");
  }
  std::vector<PropertyResult> out;
  std::size_t index = 0;
  for (const auto& item : doc.at("results")) {
    const std::string where = std::string(source) + ": results[" + std::to_string(index++) + "]";
    try {
      PropertyResult r;
      r.test = item.at("test").get<std::string>();
      r.instantiation = item.at("instantiation").get<std::string>();
      r.suite = item.at("suite").get<std::string>();
      r.property = item.at("property").get<std::string>();
      r.severity = item.at("severity").get<std::string>();
      auto outcome = outcome_from_string(item.at("outcome").get<std::string>());
      if (!outcome) return Error(ErrorCode::kSchemaError, where + ": " + outcome.error().message());
      r.outcome = *outcome;
      r.fails_test = item.at("fails_test").get<bool>();
      r.cases = item.at("cases").get<int>();
      r.seed = item.at("seed").get<std::uint64_t>();
      for (const auto& pair : item.at("counterexample")) {
        r.counterexample.emplace_back(pair.at("type").get<std::string>(), pair.at("value").get<std::string>());
      }
      r.message = item.at("message").get<std::string>();
      r.rerun = item.at("rerun").get<std::string>();
      out.push_back(std::move(r));
    } catch (const nlohmann::json::exception& e) {
      return Error(ErrorCode::kSchemaError, where + ": " + e.what());
    }
  }
  return out;
}

Status write_results(const std::filesystem::path& path, const std::vector<PropertyResult>& results) {
  return write_file_atomically(path, results_to_json(results));
}

Result<std::vector<PropertyResult>> read_results(const std::filesystem::path& path) {
  auto text = read_input_file(path, "property results");
  if (!text.ok()) return text.error();
  return results_from_json(*text, path.string());
}

}  // namespace gauntlet::properties
