// The journal's `config`: target, load, fault schedule, declared phases and
// hypotheses. Every key is optional; a present key of the wrong type is an error.
#include "journal_reading.h"

namespace gauntlet::records::journal_reading {
namespace {

Result<JournalTarget> read_target(const Fields& config) {
  Result<Fields> f = object_or_empty(config, "target", "/config/target");
  if (!f) return f.error();
  JournalTarget t;
  Result<std::string> name = text_or(*f, "name", "");
  if (!name) return name.error();
  Result<std::string> kind = text_or(*f, "kind", "");
  if (!kind) return kind.error();
  Result<std::map<std::string, std::string>> settings = string_map(*f, "config", "a string");
  if (!settings) return settings.error();
  t.name = std::move(*name);
  t.kind = std::move(*kind);
  t.config = std::move(*settings);
  return t;
}

Result<JournalLoadPattern> read_pattern(const Fields& f) {
  JournalLoadPattern p;
  Result<std::string> shape = text_or(f, "shape", "");
  if (!shape) return shape.error();
  p.shape = std::move(*shape);
  Result<double> rate = number_or(f, "rate_rps", 0);
  if (!rate) return rate.error();
  p.rate_rps = *rate;
  for (auto [key, value] : {std::pair{"step_rps", &p.step_rps},
                            {"every_ms", &p.every},
                            {"peak_rps", &p.peak_rps},
                            {"start_ms", &p.start},
                            {"duration_ms", &p.duration},
                            {"amplitude_rps", &p.amplitude_rps},
                            {"period_ms", &p.period}}) {
    Result<std::optional<double>> v = optional_number(f, key);
    if (!v) return v.error();
    *value = *v;
  }
  return p;
}

Result<std::optional<std::int64_t>> optional_whole(const Fields& f, const char* key) {
  Result<std::optional<std::uint64_t>> v = optional_count(f, key);
  if (!v) return v.error();
  if (!*v) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>{static_cast<std::int64_t>(**v)};
}

Result<JournalLoad> read_load(const Fields& config) {
  Result<Fields> f = object_or_empty(config, "load", "/config/load");
  if (!f) return f.error();
  JournalLoad load;
  Result<std::string> mode = text_or(*f, "mode", "");
  if (!mode) return mode.error();
  load.mode = std::move(*mode);
  if (f->has("pattern") && !f->node()["pattern"].is_null()) {
    Result<Fields> pattern = f->object("pattern");
    if (!pattern) return pattern.error();
    Result<JournalLoadPattern> p = read_pattern(*pattern);
    if (!p) return p.error();
    load.pattern = std::move(*p);
  }
  for (auto [key, value] : {std::pair{"connections", &load.connections},
                            {"workers", &load.workers},
                            {"ops_per_worker", &load.ops_per_worker}}) {
    Result<std::optional<std::int64_t>> v = optional_whole(*f, key);
    if (!v) return v.error();
    *value = *v;
  }
  Result<std::optional<double>> think = optional_number(*f, "think_time_ms");
  if (!think) return think.error();
  load.think_time = *think;
  return load;
}

Result<JournalFault> read_fault(const Fields& f) {
  JournalFault fault;
  Result<std::string> point = f.string("point");
  if (!point) return point.error();
  fault.point = std::move(*point);
  for (auto [key, value] : {std::pair{"kind", &fault.kind}, {"label", &fault.label}}) {
    Result<std::string> v = text_or(f, key, "");
    if (!v) return v.error();
    *value = std::move(*v);
  }
  Result<double> start = f.number("start_ms");
  if (!start) return start.error();
  Result<double> end = f.number("end_ms");
  if (!end) return end.error();
  if (*end < *start) return f.error("end_ms", "ends before start_ms");
  fault.start = *start;
  fault.end = *end;
  for (auto [key, value] : {std::pair{"ramp_ms", &fault.ramp}, {"magnitude", &fault.magnitude}}) {
    Result<double> v = number_or(f, key, 0);
    if (!v) return v.error();
    *value = *v;
  }
  Result<std::vector<std::string>> observed = f.strings_or_empty("observed_at");
  if (!observed) return observed.error();
  fault.observed_at = std::move(*observed);
  return fault;
}

Status read_lists(const Fields& config, JournalConfig& c) {
  Result<FieldsList> schedule = config.array_or_empty("schedule");
  if (!schedule) return schedule.error();
  for (const Fields& f : *schedule) {
    Result<JournalFault> fault = read_fault(f);
    if (!fault) return fault.error();
    c.schedule.push_back(std::move(*fault));
  }
  Result<FieldsList> phases = config.array_or_empty("phases");
  if (!phases) return phases.error();
  for (const Fields& f : *phases) {
    JournalPhase phase;
    Result<std::string> name = f.string("name");
    if (!name) return name.error();
    phase.name = std::move(*name);
    if (Status s = read_span(f, phase.start, phase.end); !s) return s;
    c.phases.push_back(std::move(phase));
  }
  Result<FieldsList> hypotheses = config.array_or_empty("hypotheses");
  if (!hypotheses) return hypotheses.error();
  for (const Fields& f : *hypotheses) {
    JournalHypothesis h;
    for (auto [key, value] : {std::pair{"kind", &h.kind}, {"statement", &h.statement}}) {
      Result<std::string> v = text_or(f, key, "");
      if (!v) return v.error();
      *value = std::move(*v);
    }
    c.hypotheses.push_back(std::move(h));
  }
  return Status::Ok();
}

}  // namespace

Result<JournalConfig> read_config(const Fields& root) {
  Result<Fields> config = object_or_empty(root, "config", "/config");
  if (!config) return config.error();
  JournalConfig c;
  for (auto [key, value] : {std::pair{"duration_ms", &c.duration}, {"interval_ms", &c.interval}}) {
    Result<double> v = number_or(*config, key, 0);
    if (!v) return v.error();
    *value = *v;
  }
  Result<JournalTarget> target = read_target(*config);
  if (!target) return target.error();
  c.target = std::move(*target);
  Result<JournalLoad> load = read_load(*config);
  if (!load) return load.error();
  c.load = std::move(*load);
  if (Status s = read_lists(*config, c); !s) return s.error();
  return c;
}

}  // namespace gauntlet::records::journal_reading
