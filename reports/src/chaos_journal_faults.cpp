// The journal's fault schedule as labelled windows, and what each fault point
// saw over the run (`fault_activity`).
#include <cmath>

#include "chaos_journal_parts.h"
#include "text_escape.h"

namespace gauntlet::reports::detail {
namespace {

// "1" for 1.0, "0.5" for 0.5, "12.5" for 12.5: no trailing zeros.
std::string short_number(double v) {
  std::string s = fixed(v, 2);
  if (s.find('.') == std::string::npos) return s;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string effect_text(const std::string& kind, double magnitude) {
  if (kind == "latency") return "latency " + short_number(magnitude) + " ms";
  if (kind == "error_rate") return "error rate " + short_number(magnitude * 100) + "%";
  return kind + " " + short_number(magnitude);
}

Result<std::uint64_t> count(const Fields& f, const char* key) {
  Result<std::int64_t> v = f.whole_or(key, 0, detail::kMaxCount, 0);
  if (!v) return v.error();
  return static_cast<std::uint64_t>(*v);
}

Status read_schedule(const Fields& root, ChaosJournal& j) {
  if (!root.has("config") || !root.node()["config"].is_object()) return Status::Ok();
  Fields config(root.node()["config"], root.source(), "/config");
  Result<FieldsList> rows = config.array_or_empty("schedule");
  if (!rows) return rows.error();
  for (const Fields& f : *rows) {
    FaultWindow w;
    Result<std::string> point = f.string("point");
    if (!point) return point.error();
    w.point = *point;
    Result<double> magnitude = number_or_absent(f, "magnitude", 0);
    if (!magnitude) return magnitude.error();
    w.effect = effect_text(f.string_or("kind", "fault"), *magnitude);
    w.label = f.string_or("label", "");
    if (w.label.empty()) w.label = w.effect + " at " + w.point;
    Result<double> start = seconds(f, "start_ms");
    if (!start) return start.error();
    Result<double> end = seconds(f, "end_ms");
    if (!end) return end.error();
    if (*end < *start) return f.error("end_ms", "ends before start_ms");
    w.start_s = *start;
    w.end_s = *end;
    j.faults.push_back(std::move(w));
  }
  return Status::Ok();
}

Status read_activity(const Fields& root, ChaosJournal& j) {
  Result<FieldsList> rows = root.array_or_empty("fault_activity");
  if (!rows) return rows.error();
  for (const Fields& f : *rows) {
    FaultActivity a;
    Result<std::string> point = f.string("point");
    if (!point) return point.error();
    a.point = *point;
    Result<std::uint64_t> hits = count(f, "hits");
    if (!hits) return hits.error();
    Result<std::uint64_t> fires = count(f, "fires");
    if (!fires) return fires.error();
    a.hits = *hits;
    a.fires = *fires;
    j.fault_activity.push_back(std::move(a));
  }
  return Status::Ok();
}

}  // namespace

Status read_faults(const Fields& root, ChaosJournal& j) {
  if (Status s = read_schedule(root, j); !s) return s;
  return read_activity(root, j);
}

}  // namespace gauntlet::reports::detail
