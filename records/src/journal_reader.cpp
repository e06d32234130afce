// Reads the journal record: the schema first, then each part in document
// order. Unknown keys are ignored, so fields newer than this reader do no harm.
#include <nlohmann/json.hpp>

#include <tuple>

#include "gauntlet/harness/json_document.h"
#include "journal_reading.h"

namespace gauntlet::records {
namespace {

using journal_reading::count;
using journal_reading::Fields;
using journal_reading::FieldsList;
using journal_reading::text_or;

Status expect_journal_schema(const nlohmann::json& doc, std::string_view source) {
  std::string got;
  if (!doc.is_object()) {
    got = std::string("a document that is ") + (doc.is_array() ? "an array" : doc.type_name());
  } else if (!doc.contains("schema")) {
    got = "none";
  } else if (!doc["schema"].is_string()) {
    got = doc["schema"].type_name();
  } else if (doc["schema"].get<std::string>() == kJournalSchema) {
    return Status::Ok();
  } else {
    got = doc["schema"].dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return Error(ErrorCode::kSchemaError,
               std::string(source) + ": /schema: expected \"" + std::string(kJournalSchema) + "\", got " + got);
}

Result<JournalSample> read_sample(const Fields& f) {
  JournalSample s;
  for (auto [key, value] : {std::pair{"t_ms", &s.t},
                            {"throughput_rps", &s.throughput_rps},
                            {"error_rate", &s.error_rate},
                            {"p50_ms", &s.p50},
                            {"p95_ms", &s.p95},
                            {"p99_ms", &s.p99}}) {
    Result<double> v = f.number(key);
    if (!v) return v.error();
    *value = *v;
  }
  Result<std::string> phase = text_or(f, "phase", "");
  if (!phase) return phase.error();
  s.phase = std::move(*phase);
  for (auto [key, value] : {std::pair{"completed", &s.completed}, {"failed", &s.failed}, {"rejected", &s.rejected}}) {
    Result<std::uint64_t> v = count(f, key);
    if (!v) return v.error();
    *value = *v;
  }
  Result<std::map<std::string, std::string>> breakers = journal_reading::string_map(f, "breakers", "a state name");
  if (!breakers) return breakers.error();
  s.breakers = std::move(*breakers);
  Result<std::map<std::string, std::uint64_t>> fires = journal_reading::count_map(f, "fault_fires");
  if (!fires) return fires.error();
  s.fault_fires = std::move(*fires);
  return s;
}

Result<JournalBreakerTransition> read_transition(const Fields& f) {
  JournalBreakerTransition t;
  Result<double> at = f.number("t_ms");
  if (!at) return at.error();
  t.t = *at;
  for (auto [key, value] : {std::pair{"breaker", &t.breaker}, {"to", &t.to}}) {
    Result<std::string> v = f.string(key);
    if (!v) return v.error();
    *value = std::move(*v);
  }
  Result<std::string> from = text_or(f, "from", "");
  if (!from) return from.error();
  t.from = std::move(*from);
  return t;
}

Result<JournalFaultActivity> read_activity(const Fields& f) {
  JournalFaultActivity a;
  Result<std::string> point = f.string("point");
  if (!point) return point.error();
  a.point = std::move(*point);
  for (auto [key, value] : {std::pair{"hits", &a.hits}, {"fires", &a.fires}}) {
    Result<std::uint64_t> v = count(f, key);
    if (!v) return v.error();
    *value = *v;
  }
  return a;
}

Result<JournalVerdict> read_verdict(const Fields& f) {
  JournalVerdict v;
  Result<std::string> hypothesis = f.string("hypothesis");
  if (!hypothesis) return hypothesis.error();
  v.hypothesis = std::move(*hypothesis);
  Result<bool> holds = f.boolean("holds");
  if (!holds) return holds.error();
  v.holds = *holds;
  for (auto [key, value] : {std::pair{"phase", &v.phase}, {"evidence", &v.evidence}}) {
    Result<std::string> text = text_or(f, key, "");
    if (!text) return text.error();
    *value = std::move(*text);
  }
  for (auto [key, value] : {std::pair{"measured", &v.measured}, {"threshold", &v.threshold}}) {
    Result<double> n = journal_reading::number_or(f, key, kNotMeasured);
    if (!n) return n.error();
    *value = *n;
  }
  return v;
}

// Each element of the array at `key` (absent: none) read by `read_one` into `out`.
template <typename T, typename ReadOne>
Status read_list(const Fields& root, const char* key, ReadOne read_one, std::vector<T>& out) {
  Result<FieldsList> rows = root.array_or_empty(key);
  if (!rows) return rows.error();
  out.reserve(rows->size());
  for (const Fields& f : *rows) {
    Result<T> item = read_one(f);
    if (!item) return item.error();
    out.push_back(std::move(*item));
  }
  return Status::Ok();
}

Status read_run(const Fields& root, Journal& j) {
  const nlohmann::json& doc = root.node();
  Result<std::string> scenario = root.string("scenario");
  if (!scenario) return scenario.error();
  j.scenario = std::move(*scenario);
  for (auto [key, value, fallback] : {std::tuple{"description", &j.description, ""},
                                      {"replay", &j.replay, ""},
                                      {"time_mode", &j.time_mode, "virtual"}}) {
    Result<std::string> v = text_or(root, key, fallback);
    if (!v) return v.error();
    *value = std::move(*v);
  }
  if (root.has("seed") && !doc["seed"].is_number_unsigned()) return root.error("seed", "expected an unsigned integer");
  j.seed = root.has("seed") ? doc["seed"].get<std::uint64_t>() : 0;
  if (root.has("passed")) {
    Result<bool> passed = root.boolean("passed");
    if (!passed) return passed.error();
    j.passed = *passed;
  }
  Result<std::optional<double>> wall = journal_reading::optional_number(root, "wall_seconds");
  if (!wall) return wall.error();
  if (*wall) j.wall_time = **wall * 1000.0;
  return Status::Ok();
}

Status read_totals(const Fields& root, Journal& j) {
  Result<Fields> totals = journal_reading::object_or_empty(root, "totals", "/totals");
  if (!totals) return totals.error();
  JournalTotals& t = j.totals;
  for (auto [key, value] : {std::pair{"issued", &t.issued},
                            {"succeeded", &t.succeeded},
                            {"failed", &t.failed},
                            {"rejected", &t.rejected},
                            {"not_sent", &t.not_sent},
                            {"late", &t.late}}) {
    Result<std::uint64_t> v = count(*totals, key);
    if (!v) return v.error();
    *value = *v;
  }
  Result<std::map<std::string, double>> counters = journal_reading::number_map(root, "counters");
  if (!counters) return counters.error();
  j.counters = std::move(*counters);
  return Status::Ok();
}

}  // namespace

Result<Journal> read_journal(const nlohmann::json& doc, std::string_view source) {
  if (Status s = expect_journal_schema(doc, source); !s) return s.error();
  const Fields root(doc, std::string(source), "");
  Journal j;
  if (Status s = read_run(root, j); !s) return s.error();
  Result<JournalConfig> config = journal_reading::read_config(root);
  if (!config) return config.error();
  j.config = std::move(*config);
  if (Status s = read_list(root, "timeline", read_sample, j.timeline); !s) return s.error();
  if (Status s = read_list(root, "breaker_transitions", read_transition, j.breaker_transitions); !s) return s.error();
  if (Status s = read_list(root, "fault_activity", read_activity, j.fault_activity); !s) return s.error();
  if (Status s = read_totals(root, j); !s) return s.error();
  Result<std::vector<JournalPhaseStats>> phases = journal_reading::read_phases(root);
  if (!phases) return phases.error();
  j.phases = std::move(*phases);
  if (Status s = read_list(root, "verdicts", read_verdict, j.verdicts); !s) return s.error();
  return j;
}

Result<Journal> read_journal_text(std::string_view text, std::string_view source) {
  Result<nlohmann::json> doc = parse_json_document(text, source, "a chaos journal");
  if (!doc) return doc.error();
  return read_journal(*doc, source);
}

}  // namespace gauntlet::records
