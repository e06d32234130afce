// The journal's measured `phases`: the scenario's names and order, counts,
// latency quantiles with their intervals, throughput, status codes, quality.
#include <cmath>

#include "journal_reading.h"

namespace gauntlet::records::journal_reading {
namespace {

// "[low, high]" in Millis; absent or null gives nullopt.
Result<std::optional<MillisInterval>> read_interval(const Fields& f, const char* key) {
  if (!f.has(key) || f.node()[key].is_null()) return std::optional<MillisInterval>{};
  const nlohmann::json& range = f.node()[key];
  if (!range.is_array() || range.size() != 2 || !range[0].is_number() || !range[1].is_number()) {
    return f.error(key, "expected [low, high] in milliseconds");
  }
  const double low = range[0].get<double>(), high = range[1].get<double>();
  if (!std::isfinite(low) || !std::isfinite(high) || low < 0 || high < low) {
    return f.error(key, "expected 0 <= low <= high");
  }
  return std::optional<MillisInterval>{MillisInterval{low, high}};
}

Status read_quality(const Fields& f, JournalPhaseStats& p) {
  Result<std::string> q = text_or(f, "quality", "");
  if (!q) return q.error();
  if (!q->empty() && *q != "none" && *q != "poor" && *q != "fair" && *q != "good") {
    return f.error("quality", "expected none, poor, fair or good");
  }
  p.quality = std::move(*q);
  return Status::Ok();
}

Result<JournalPhaseStats> read_phase(const Fields& f) {
  JournalPhaseStats p;
  Result<std::string> name = f.string("name");
  if (!name) return name.error();
  p.name = std::move(*name);
  if (Status s = read_span(f, p.start, p.end); !s) return s.error();
  for (auto [key, value] : {std::pair{"completed", &p.completed}, {"failed", &p.failed}, {"rejected", &p.rejected}}) {
    Result<std::optional<std::uint64_t>> v = optional_count(f, key);
    if (!v) return v.error();
    *value = *v;
  }
  for (auto [key, value] : {std::pair{"error_rate", &p.error_rate},
                            {"p50_ms", &p.p50},
                            {"p95_ms", &p.p95},
                            {"p99_ms", &p.p99},
                            {"max_ms", &p.max},
                            {"service_p99_ms", &p.service_p99},
                            {"throughput_rps", &p.throughput_rps}}) {
    Result<double> v = number_or(f, key, kNotMeasured);
    if (!v) return v.error();
    *value = *v;
  }
  Result<std::map<std::string, std::uint64_t>> codes = count_map(f, "status_counts");
  if (!codes) return codes.error();
  p.status_counts = std::move(*codes);
  for (auto [key, value] : {std::pair{"p50_interval_ms", &p.p50_interval},
                            {"p95_interval_ms", &p.p95_interval},
                            {"p99_interval_ms", &p.p99_interval}}) {
    Result<std::optional<MillisInterval>> v = read_interval(f, key);
    if (!v) return v.error();
    *value = *v;
  }
  if (Status s = read_quality(f, p); !s) return s.error();
  return p;
}

}  // namespace

Result<std::vector<JournalPhaseStats>> read_phases(const Fields& root) {
  Result<FieldsList> rows = root.array_or_empty("phases");
  if (!rows) return rows.error();
  std::vector<JournalPhaseStats> out;
  out.reserve(rows->size());
  for (const Fields& f : *rows) {
    Result<JournalPhaseStats> p = read_phase(f);
    if (!p) return p.error();
    out.push_back(std::move(*p));
  }
  return out;
}

}  // namespace gauntlet::records::journal_reading
