// The gauntlet.properties/1 writer. nlohmann::json keeps keys sorted, which is
// the document's key order.
#include <nlohmann/json.hpp>

#include "gauntlet/harness/atomic_file.h"
#include "gauntlet/records/property_results_json.h"

namespace gauntlet::records {
namespace {

nlohmann::json result_json(const PropertyResult& r) {
  nlohmann::json example = nlohmann::json::array();
  for (const auto& [type, value] : r.counterexample) example.push_back({{"type", type}, {"value", value}});
  return {{"test", r.test},
          {"instantiation", r.instantiation},
          {"suite", r.suite},
          {"property", r.property},
          {"severity", r.severity},
          {"outcome", to_string(r.outcome)},
          {"fails_test", r.fails_test},
          {"cases", r.cases},
          {"seed", r.seed},
          {"counterexample", example},
          {"message", r.message},
          {"rerun", r.rerun}};
}

}  // namespace

std::string property_results_json(const std::vector<PropertyResult>& results) {
  nlohmann::json doc{{"schema", kPropertiesSchema}, {"results", nlohmann::json::array()}};
  for (const PropertyResult& r : results) doc.at("results").push_back(result_json(r));
  // A failure message may quote bytes that are not UTF-8: replace them rather than throw.
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Status write_property_results_file(const std::filesystem::path& path, const std::vector<PropertyResult>& results) {
  return write_file_atomically(path, property_results_json(results));
}

}  // namespace gauntlet::records
