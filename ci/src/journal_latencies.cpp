#include "gauntlet/ci/journal_latencies.h"

#include <cmath>
#include <limits>

#include "gauntlet/harness/input_file.h"
#include "gauntlet/harness/json_document.h"

namespace gauntlet::ci {
namespace {

using json = nlohmann::json;

// Milliseconds at `key` as nanoseconds; null or absent is NaN.
Result<double> millis(const json& phase, const char* key, const std::string& where) {
  auto it = phase.find(key);
  if (it == phase.end() || it->is_null()) return std::numeric_limits<double>::quiet_NaN();
  if (!it->is_number()) return Error(ErrorCode::kSchemaError, where + "." + key + ": expected a number");
  return it->get<double>() * 1e6;
}

}  // namespace

Result<std::vector<OperationLatency>> parse_journal_latencies(std::string_view text, const std::string& source) {
  auto parsed = parse_json_document(text, source, "a chaos journal");
  if (!parsed.ok()) return parsed.error();
  const json& doc = *parsed;
  // value() with a json default: a schema of another type compares unequal instead of throwing.
  if (!doc.is_object() || doc.value("schema", json()) != json("gauntlet.journal/1"))
    return Error(ErrorCode::kSchemaError, source + ": schema: expected \"gauntlet.journal/1\"");
  auto scenario = doc.find("scenario");
  if (scenario == doc.end() || !scenario->is_string() || scenario->get<std::string>().empty())
    return Error(ErrorCode::kSchemaError, source + ": scenario: expected a name");
  auto phases = doc.find("phases");
  if (phases == doc.end() || !phases->is_array())
    return Error(ErrorCode::kSchemaError, source + ": phases: expected an array");
  std::vector<OperationLatency> out;
  for (std::size_t i = 0; i < phases->size(); ++i) {
    const json& phase = (*phases)[i];
    const std::string where = source + ": phases[" + std::to_string(i) + "]";
    if (!phase.is_object() || !phase.contains("name") || !phase["name"].is_string())
      return Error(ErrorCode::kSchemaError, where + ".name: expected a phase name");
    OperationLatency op;
    op.operation = scenario->get<std::string>() + "/" + phase["name"].get<std::string>();
    op.source = source;
    for (auto [key, field] : {std::pair{"p50_ms", &op.p50_ns}, {"p95_ms", &op.p95_ns}, {"p99_ms", &op.p99_ns}}) {
      auto v = millis(phase, key, where);
      if (!v.ok()) return v.error();
      *field = *v;
    }
    for (auto [key, field] : {std::pair{"completed", &op.completed}, {"throughput_rps", &op.throughput_rps}}) {
      auto it = phase.find(key);
      if (it == phase.end() || it->is_null()) {
        *field = key == std::string("completed") ? -1.0 : std::numeric_limits<double>::quiet_NaN();
        continue;
      }
      if (!it->is_number()) return Error(ErrorCode::kSchemaError, where + "." + key + ": expected a number");
      *field = it->get<double>();
    }
    out.push_back(std::move(op));
  }
  return out;
}

Result<std::vector<OperationLatency>> read_journal_latencies(const std::string& path) {
  auto text = read_input_file(path, "chaos journal");
  if (!text.ok()) return text.error();
  return parse_journal_latencies(*text, path);
}

}  // namespace gauntlet::ci
