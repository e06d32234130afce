// Reads the chaos component's journal (docs/chaos.md): times in milliseconds
// become seconds, breaker transitions become state bands, the fault schedule
// becomes shaded phases, verdicts become hypotheses. Unknown keys are ignored.
#include <algorithm>
#include <cctype>
#include <map>

#include "gauntlet/reports/chaos_journal.h"
#include "json_fields.h"
#include "text_escape.h"

namespace gauntlet::reports {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

Result<double> seconds(const detail::Fields& f, const char* key) {
  Result<double> ms = f.number(key);
  if (!ms) return ms.error();
  return *ms / 1000.0;
}

Status read_timeline(const detail::Fields& root, ChaosJournal& j) {
  Result<detail::FieldsList> rows = root.array_or_empty("timeline");
  if (!rows) return rows.error();
  for (const detail::Fields& f : *rows) {
    JournalSample s;
    Result<double> t = seconds(f, "t_ms");
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

// Each breaker starts CLOSED (or in the first transition's "from" state) and
// changes state at each transition; bands end at the next transition or the end.
Status read_breakers(const detail::Fields& root, ChaosJournal& j) {
  Result<detail::FieldsList> rows = root.array_or_empty("breaker_transitions");
  if (!rows) return rows.error();
  struct Open { std::string state; double since; };
  std::map<std::string, Open> current;
  for (const detail::Fields& f : *rows) {
    Result<std::string> breaker = f.string("breaker");
    if (!breaker) return breaker.error();
    Result<std::string> to = f.string("to");
    if (!to) return to.error();
    Result<double> t = seconds(f, "t_ms");
    if (!t) return t.error();
    auto it = current.find(*breaker);
    if (it == current.end()) {
      it = current.emplace(*breaker, Open{lower(f.string_or("from", "CLOSED")), 0.0}).first;
    }
    if (*t > it->second.since) j.breaker_bands.push_back({*breaker, it->second.state, it->second.since, *t});
    it->second = Open{lower(*to), *t};
  }
  for (const auto& [breaker, open] : current) {
    j.breaker_bands.push_back({breaker, open.state, open.since, std::max(open.since, j.duration_s)});
  }
  // Worst states drawn last so they stay visible where breakers overlap.
  auto rank = [](const std::string& s) { return s == "closed" ? 0 : s == "half_open" ? 1 : 2; };
  std::stable_sort(j.breaker_bands.begin(), j.breaker_bands.end(),
                   [&](const BreakerBand& a, const BreakerBand& b) { return rank(a.state) < rank(b.state); });
  return Status::Ok();
}

Status read_schedule(const detail::Fields& root, ChaosJournal& j) {
  if (!root.has("config")) return Status::Ok();
  if (!root.node()["config"].is_object()) return root.error("config", "expected an object");
  detail::Fields config(root.node()["config"], root.source(), "/config");
  if (j.duration_s <= 0) j.duration_s = config.number_or("duration_ms", 0) / 1000.0;
  Result<detail::FieldsList> rows = config.array_or_empty("schedule");
  if (!rows) return rows.error();
  for (const detail::Fields& f : *rows) {
    FaultPhase p;
    Result<std::string> point = f.string("point");
    if (!point) return point.error();
    std::string kind = f.string_or("kind", "fault");
    p.name = f.string_or("label", "");
    if (p.name.empty()) p.name = *point;
    double magnitude = f.number_or("magnitude", 0);
    p.fault = kind + " " + (kind == "latency" ? detail::fixed(magnitude, 0) + " ms" : detail::fixed(magnitude, 2)) +
              " at " + *point;
    Result<double> start = seconds(f, "start_ms");
    if (!start) return start.error();
    Result<double> end = seconds(f, "end_ms");
    if (!end) return end.error();
    if (*end < *start) return f.error("end_ms", "ends before start_ms");
    p.start_s = *start;
    p.end_s = *end;
    j.phases.push_back(std::move(p));
  }
  return Status::Ok();
}

Status read_verdicts(const detail::Fields& root, ChaosJournal& j) {
  Result<detail::FieldsList> rows = root.array_or_empty("verdicts");
  if (!rows) return rows.error();
  for (const detail::Fields& f : *rows) {
    Hypothesis h;
    Result<std::string> name = f.string("hypothesis");
    if (!name) return name.error();
    std::string phase = f.string_or("phase", "");
    h.name = *name + (phase.empty() ? "" : " [" + phase + "]");
    Result<bool> holds = f.boolean("holds");
    if (!holds) return holds.error();
    h.held = *holds;
    h.evidence = f.string_or("evidence", "");
    j.hypotheses.push_back(std::move(h));
  }
  return Status::Ok();
}

}  // namespace

Result<ChaosJournal> parse_chaos_journal(const nlohmann::json& doc, std::string_view source) {
  if (Status s = detail::expect_schema(doc, "gauntlet.journal/1", source); !s) return s.error();
  detail::Fields root(doc, std::string(source), "");
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
  for (auto step : {read_schedule, read_timeline}) {
    if (Status s = step(root, j); !s) return s.error();
  }
  if (j.duration_s <= 0 && !j.samples.empty()) j.duration_s = j.samples.back().t_s;
  for (auto step : {read_breakers, read_verdicts}) {
    if (Status s = step(root, j); !s) return s.error();
  }
  return j;
}

}  // namespace gauntlet::reports
