// The gauntlet.properties/1 reader, from a parsed document, from text and
// from a file.
#include <nlohmann/json.hpp>

#include <limits>

#include "gauntlet/harness/input_file.h"
#include "gauntlet/harness/json_document.h"
#include "gauntlet/records/detail/json_fields.h"
#include "gauntlet/records/property_results_json.h"

namespace gauntlet::records {
namespace {

using detail::Fields;
using detail::FieldsList;

bool absent(const Fields& f, const char* key) { return !f.has(key) || f.node()[key].is_null(); }

Status read_string(const Fields& f, const char* key, std::string& out) {
  if (absent(f, key)) return Status::Ok();
  Result<std::string> s = f.string(key);
  if (!s) return s.error();
  out = std::move(*s);
  return Status::Ok();
}

Result<std::uint64_t> read_seed(const Fields& f) {
  if (absent(f, "seed")) return std::uint64_t{0};
  const nlohmann::json& v = f.node()["seed"];
  if (v.is_number_unsigned()) return v.get<std::uint64_t>();
  if (!v.is_number()) return f.error("seed", std::string("expected a whole number, got ") + v.type_name());
  return f.error("seed", "must be a whole number from 0 to " +
                             std::to_string(std::numeric_limits<std::uint64_t>::max()) + ", got " + v.dump());
}

Status read_counterexample(const Fields& f, PropertyResult& r) {
  Result<FieldsList> entries = f.array_or_empty("counterexample");
  if (!entries) return entries.error();
  for (const Fields& e : *entries) {
    Result<std::string> type = e.string("type");
    if (!type) return type.error();
    Result<std::string> value = e.string("value");
    if (!value) return value.error();
    r.counterexample.emplace_back(std::move(*type), std::move(*value));
  }
  return Status::Ok();
}

Result<PropertyResult> read_result(const Fields& f) {
  PropertyResult r;
  Result<std::string> property = f.string("property");
  if (!property) return property.error();
  r.property = std::move(*property);
  Result<std::string> outcome = f.string("outcome");
  if (!outcome) return outcome.error();
  std::optional<PropertyOutcome> named = property_outcome_named(*outcome);
  if (!named) return f.error("outcome", "unknown outcome \"" + *outcome + "\"");
  r.outcome = *named;
  for (auto [key, out] :
       {std::pair{"test", &r.test}, std::pair{"instantiation", &r.instantiation}, std::pair{"suite", &r.suite},
        std::pair{"severity", &r.severity}, std::pair{"message", &r.message}, std::pair{"rerun", &r.rerun}}) {
    if (Status s = read_string(f, key, *out); !s) return s.error();
  }
  if (!absent(f, "fails_test")) {
    Result<bool> fails = f.boolean("fails_test");
    if (!fails) return fails.error();
    r.fails_test = *fails;
  }
  Result<std::int64_t> cases = f.whole_or("cases", 0, std::numeric_limits<int>::max(), 0);
  if (!cases) return cases.error();
  r.cases = static_cast<int>(*cases);
  Result<std::uint64_t> seed = read_seed(f);
  if (!seed) return seed.error();
  r.seed = *seed;
  if (Status s = read_counterexample(f, r); !s) return s.error();
  return r;
}

}  // namespace

Result<std::vector<PropertyResult>> read_property_results(const nlohmann::json& doc, std::string_view source) {
  if (Status s = detail::expect_schema(doc, kPropertiesSchema, source); !s) return s.error();
  Fields root(doc, std::string(source), "");
  Result<FieldsList> items = root.array("results");
  if (!items) return items.error();
  std::vector<PropertyResult> out;
  out.reserve(items->size());
  for (const Fields& f : *items) {
    Result<PropertyResult> r = read_result(f);
    if (!r) return r.error();
    out.push_back(std::move(*r));
  }
  return out;
}

Result<std::vector<PropertyResult>> read_property_results_text(std::string_view text, std::string_view source) {
  Result<nlohmann::json> doc = parse_json_document(text, source, "gauntlet.properties/1 JSON");
  if (!doc) return doc.error();
  return read_property_results(*doc, source);
}

Result<std::vector<PropertyResult>> read_property_results_file(const std::filesystem::path& path) {
  Result<std::string> text = read_input_file(path, "property results");
  if (!text) return text.error();
  return read_property_results_text(*text, path.string());
}

}  // namespace gauntlet::records
