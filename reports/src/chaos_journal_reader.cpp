#include "gauntlet/reports/chaos_journal.h"

#include "json_fields.h"

namespace gauntlet::reports {
namespace {

// Reads required number fields into the struct members listed.
Status numbers(const detail::Fields& f, std::initializer_list<std::pair<const char*, double*>> fields) {
  for (auto [key, target] : fields) {
    Result<double> v = f.number(key);
    if (!v) return v.error();
    *target = *v;
  }
  return Status::Ok();
}

Status span(const detail::Fields& f, double& start, double& end) {
  if (Status s = numbers(f, {{"start_s", &start}, {"end_s", &end}}); !s) return s;
  if (end < start) return f.error("end_s", "ends before start_s");
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
  j.duration_s = root.number_or("duration_s", 0);

  Result<detail::FieldsList> samples = root.array_or_empty("samples");
  if (!samples) return samples.error();
  for (const detail::Fields& f : *samples) {
    JournalSample s;
    if (Status st = numbers(f, {{"t_s", &s.t_s}, {"throughput_rps", &s.throughput_rps}, {"error_rate", &s.error_rate},
                                {"p50_ms", &s.p50_ms}, {"p95_ms", &s.p95_ms}, {"p99_ms", &s.p99_ms}});
        !st) {
      return st.error();
    }
    j.samples.push_back(s);
  }
  Result<detail::FieldsList> bands = root.array_or_empty("breaker");
  if (!bands) return bands.error();
  for (const detail::Fields& f : *bands) {
    BreakerBand b;
    b.breaker = f.string_or("breaker", "");
    Result<std::string> state = f.string("state");
    if (!state) return state.error();
    b.state = *state;
    if (b.state != "closed" && b.state != "open" && b.state != "half_open") {
      return f.error("state", "unknown breaker state \"" + b.state + "\" (closed, open, half_open)");
    }
    if (Status st = span(f, b.start_s, b.end_s); !st) return st.error();
    j.breaker_bands.push_back(std::move(b));
  }
  Result<detail::FieldsList> phases = root.array_or_empty("phases");
  if (!phases) return phases.error();
  for (const detail::Fields& f : *phases) {
    FaultPhase p;
    Result<std::string> name = f.string("name");
    if (!name) return name.error();
    p.name = *name;
    p.fault = f.string_or("fault", "");
    if (Status st = span(f, p.start_s, p.end_s); !st) return st.error();
    j.phases.push_back(std::move(p));
  }
  Result<detail::FieldsList> hypotheses = root.array_or_empty("hypotheses");
  if (!hypotheses) return hypotheses.error();
  for (const detail::Fields& f : *hypotheses) {
    Hypothesis h;
    Result<std::string> name = f.string("name");
    if (!name) return name.error();
    h.name = *name;
    Result<bool> held = f.boolean("held");
    if (!held) return held.error();
    h.held = *held;
    h.evidence = f.string_or("evidence", "");
    j.hypotheses.push_back(std::move(h));
  }
  if (j.duration_s <= 0 && !j.samples.empty()) j.duration_s = j.samples.back().t_s;
  return j;
}

}  // namespace gauntlet::reports
