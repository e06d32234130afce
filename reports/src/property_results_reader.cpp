#include "gauntlet/reports/property_results.h"

#include "gauntlet/records/detail/json_fields.h"

namespace gauntlet::reports {

bool is_failure(const PropertyOutcome& o) noexcept {
  return o.fails_test || o.outcome == "failed" || o.outcome == "error";
}

Result<PropertyResults> parse_property_results(const nlohmann::json& doc, std::string_view source) {
  if (Status s = records::detail::expect_schema(doc, "gauntlet.properties/1", source); !s) return s.error();
  records::detail::Fields root(doc, std::string(source), "");
  Result<records::detail::FieldsList> items = root.array("results");
  if (!items) return items.error();
  PropertyResults out;
  out.source = std::string(source);
  for (const records::detail::Fields& f : *items) {
    PropertyOutcome o;
    Result<std::string> property = f.string("property");
    if (!property) return property.error();
    o.property = *property;
    Result<std::string> outcome = f.string("outcome");
    if (!outcome) return outcome.error();
    o.outcome = *outcome;
    if (o.outcome != "passed" && o.outcome != "failed" && o.outcome != "skipped" && o.outcome != "gave_up" &&
        o.outcome != "error") {
      return f.error("outcome", "unknown outcome \"" + o.outcome + "\"");
    }
    o.test = f.string_or("test", "");
    o.instantiation = f.string_or("instantiation", "");
    o.suite = f.string_or("suite", "");
    o.severity = f.string_or("severity", "");
    o.fails_test = f.has("fails_test") && f.node()["fails_test"].is_boolean() && f.node()["fails_test"].get<bool>();
    Result<std::int64_t> cases = f.whole_or("cases", 0, 1 << 30, 0);
    if (!cases) return cases.error();
    o.cases = static_cast<int>(*cases);
    if (f.has("seed") && f.node()["seed"].is_number_unsigned()) o.seed = f.node()["seed"].get<std::uint64_t>();
    Result<records::detail::FieldsList> example = f.array_or_empty("counterexample");
    if (!example) return example.error();
    for (const records::detail::Fields& e : *example) o.counterexample.emplace_back(e.string_or("type", ""), e.string_or("value", ""));
    o.message = f.string_or("message", "");
    o.rerun = f.string_or("rerun", "");
    out.results.push_back(std::move(o));
  }
  return out;
}

}  // namespace gauntlet::reports
