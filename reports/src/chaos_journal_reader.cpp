// Reads the chaos component's journal (docs/chaos.md): times in milliseconds
// become seconds; the schedule becomes fault windows, the measured phases keep
// the scenario's names and order, verdicts become hypotheses. Unknown keys are
// ignored, so fields newer than this reader do no harm.
#include "chaos_journal_parts.h"

namespace gauntlet::reports {
namespace detail {

Result<double> seconds(const Fields& f, const char* key) {
  Result<double> ms = f.number(key);
  if (!ms) return ms.error();
  return *ms / 1000.0;
}

Result<double> number_or_absent(const Fields& f, const char* key, double fallback) {
  if (!f.has(key) || f.node()[key].is_null()) return fallback;
  return f.number(key);
}

}  // namespace detail
namespace {

using detail::Fields;

Status read_config(const Fields& root, ChaosJournal& j) {
  if (!root.has("config")) return Status::Ok();
  if (!root.node()["config"].is_object()) return root.error("config", "expected an object");
  Fields config(root.node()["config"], root.source(), "/config");
  Result<double> duration = detail::number_or_absent(config, "duration_ms", 0);
  if (!duration) return duration.error();
  j.duration_s = *duration / 1000.0;
  if (config.has("target") && config.node()["target"].is_object()) {
    j.target = Fields(config.node()["target"], root.source(), "/config/target").string_or("name", "");
  }
  return Status::Ok();
}

Status read_timeline(const Fields& root, ChaosJournal& j) {
  Result<detail::FieldsList> rows = root.array_or_empty("timeline");
  if (!rows) return rows.error();
  for (const Fields& f : *rows) {
    JournalSample s;
    Result<double> t = detail::seconds(f, "t_ms");
    if (!t) return t.error();
    s.t_s = *t;
    for (auto [key, target] : {std::pair<const char*, double*>{"throughput_rps", &s.throughput_rps},
                               {"error_rate", &s.error_rate}, {"p50_ms", &s.p50_ms}, {"p95_ms", &s.p95_ms},
                               {"p99_ms", &s.p99_ms}}) {
      Result<double> v = f.number(key);
      if (!v) return v.error();
      *target = *v;
    }
    j.samples.push_back(s);
  }
  return Status::Ok();
}

Status read_verdicts(const Fields& root, ChaosJournal& j) {
  Result<detail::FieldsList> rows = root.array_or_empty("verdicts");
  if (!rows) return rows.error();
  for (const Fields& f : *rows) {
    Hypothesis h;
    Result<std::string> statement = f.string("hypothesis");
    if (!statement) return statement.error();
    h.statement = *statement;
    h.phase = f.string_or("phase", "");
    h.name = h.statement + (h.phase.empty() ? "" : " [" + h.phase + "]");
    Result<bool> holds = f.boolean("holds");
    if (!holds) return holds.error();
    h.held = *holds;
    h.evidence = f.string_or("evidence", "");
    j.hypotheses.push_back(std::move(h));
  }
  return Status::Ok();
}

Status read_wall_time(const Fields& root, ChaosJournal& j) {
  j.time_mode = root.string_or("time_mode", "virtual");
  if (!root.has("wall_seconds") || root.node()["wall_seconds"].is_null()) return Status::Ok();
  Result<double> wall = root.number("wall_seconds");
  if (!wall) return wall.error();
  j.wall_seconds = *wall;
  return Status::Ok();
}

}  // namespace

double ChaosJournal::real_seconds() const {
  if (wall_seconds) return *wall_seconds;
  return real_time() ? duration_s : 0;
}

Result<ChaosJournal> parse_chaos_journal(const nlohmann::json& doc, std::string_view source) {
  if (Status s = detail::expect_schema(doc, "gauntlet.journal/1", source); !s) return s.error();
  Fields root(doc, std::string(source), "");
  ChaosJournal j;
  j.source = std::string(source);
  Result<std::string> scenario = root.string("scenario");
  if (!scenario) return scenario.error();
  j.scenario = *scenario;
  if (root.has("seed") && !doc["seed"].is_number_unsigned()) return root.error("seed", "expected an unsigned integer");
  j.seed = root.has("seed") ? doc["seed"].get<std::uint64_t>() : 0;
  j.replay = root.string_or("replay", "");
  Result<bool> passed = root.boolean("passed");
  if (!passed) return passed.error();
  j.passed = *passed;
  for (auto step : {read_config, read_wall_time, read_timeline}) {
    if (Status s = step(root, j); !s) return s.error();
  }
  if (j.duration_s <= 0 && !j.samples.empty()) j.duration_s = j.samples.back().t_s;
  for (auto step : {detail::read_faults, detail::read_phases, detail::read_breakers, read_verdicts}) {
    if (Status s = step(root, j); !s) return s.error();
  }
  return j;
}

}  // namespace gauntlet::reports
