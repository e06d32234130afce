// The journal's measured phases: the scenario's own names and order, counts,
// latency quantiles, throughput and (when the target reports them) status codes.
#include <algorithm>
#include <cmath>
#include <tuple>

#include "chaos_journal_parts.h"

namespace gauntlet::reports::detail {
namespace {

// Labels of the fault windows overlapping [start, end), each once.
std::string faults_during(const std::vector<FaultWindow>& faults, double start, double end) {
  std::vector<std::string> labels;
  for (const FaultWindow& w : faults) {
    bool overlaps = w.start_s < end && w.end_s > start;
    if (overlaps && std::find(labels.begin(), labels.end(), w.label) == labels.end()) labels.push_back(w.label);
  }
  std::string out;
  for (const std::string& l : labels) out += (out.empty() ? "" : "; ") + l;
  return out;
}

// Numeric codes in numeric order ("200" < "503" < "1000"), any others after them.
Result<std::vector<StatusCount>> read_status_counts(const Fields& f) {
  std::vector<StatusCount> out;
  if (!f.has("status_counts") || f.node()["status_counts"].is_null()) return out;
  const nlohmann::json& codes = f.node()["status_counts"];
  if (!codes.is_object()) return f.error("status_counts", std::string("expected an object, got ") + codes.type_name());
  for (const auto& [code, n] : codes.items()) {
    const double v = n.is_number() ? n.get<double>() : -1;
    if (!(v >= 0 && v <= static_cast<double>(detail::kMaxCount) && v == std::floor(v))) {
      return f.error("status_counts", "\"" + code + "\": expected a count");
    }
    out.emplace_back(code, static_cast<std::uint64_t>(v));
  }
  auto key = [](const StatusCount& c) {
    bool numeric = !c.first.empty() && c.first.find_first_not_of("0123456789") == std::string::npos;
    return std::make_tuple(!numeric, numeric ? c.first.size() : 0, c.first);
  };
  std::sort(out.begin(), out.end(), [&](const StatusCount& a, const StatusCount& b) { return key(a) < key(b); });
  return out;
}

// "quality" and "p99_interval_ms": [low, high]; both optional (older journals lack them).
Status read_quality(const Fields& f, JournalPhase& p) {
  if (f.has("quality") && !f.node()["quality"].is_null()) {
    Result<std::string> q = f.string("quality");
    if (!q) return q.error();
    if (*q != "none" && *q != "poor" && *q != "fair" && *q != "good") {
      return f.error("quality", "expected none, poor, fair or good");
    }
    p.quality = *q;
  }
  if (!f.has("p99_interval_ms") || f.node()["p99_interval_ms"].is_null()) return Status::Ok();
  const nlohmann::json& range = f.node()["p99_interval_ms"];
  if (!range.is_array() || range.size() != 2 || !range[0].is_number() || !range[1].is_number()) {
    return f.error("p99_interval_ms", "expected [low, high] in milliseconds");
  }
  const double low = range[0].get<double>(), high = range[1].get<double>();
  if (!std::isfinite(low) || !std::isfinite(high) || low < 0 || high < low) {
    return f.error("p99_interval_ms", "expected 0 <= low <= high");
  }
  p.p99_low_ms = low;
  p.p99_high_ms = high;
  return Status::Ok();
}

Result<JournalPhase> read_phase(const Fields& f, const ChaosJournal& j) {
  JournalPhase p;
  Result<std::string> name = f.string("name");
  if (!name) return name.error();
  p.name = *name;
  Result<double> start = seconds(f, "start_ms");
  if (!start) return start.error();
  Result<double> end = seconds(f, "end_ms");
  if (!end) return end.error();
  if (*end < *start) return f.error("end_ms", "ends before start_ms");
  p.start_s = *start;
  p.end_s = *end;
  for (auto [key, target] : {std::pair<const char*, std::uint64_t*>{"completed", &p.completed},
                             {"failed", &p.failed}, {"rejected", &p.rejected}}) {
    Result<std::int64_t> v = f.whole_or(key, 0, detail::kMaxCount, 0);
    if (!v) return v.error();
    *target = static_cast<std::uint64_t>(*v);
  }
  for (auto [key, target] : {std::pair<const char*, double*>{"error_rate", &p.error_rate}, {"p50_ms", &p.p50_ms},
                             {"p95_ms", &p.p95_ms}, {"p99_ms", &p.p99_ms}, {"max_ms", &p.max_ms}}) {
    Result<double> v = number_or_absent(f, key, 0);
    if (!v) return v.error();
    *target = *v;
  }
  const double length = p.end_s - p.start_s;
  Result<double> rps = number_or_absent(f, "throughput_rps", length > 0 ? p.completed / length : 0);
  if (!rps) return rps.error();
  p.throughput_rps = *rps;
  Result<std::vector<StatusCount>> codes = read_status_counts(f);
  if (!codes) return codes.error();
  p.status_counts = std::move(*codes);
  if (Status s = read_quality(f, p); !s.ok()) return s.error();
  p.faults = faults_during(j.faults, p.start_s, p.end_s);
  return p;
}

}  // namespace

Status read_phases(const Fields& root, ChaosJournal& j) {
  Result<FieldsList> rows = root.array_or_empty("phases");
  if (!rows) return rows.error();
  for (const Fields& f : *rows) {
    Result<JournalPhase> p = read_phase(f, j);
    if (!p) return p.error();
    j.phases.push_back(std::move(*p));
  }
  return Status::Ok();
}

}  // namespace gauntlet::reports::detail
