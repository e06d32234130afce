// The checks of a gauntlet.gate/1 document: latency budgets, throughput
// floors, memory budgets, ratio rules, sample quality and history change points.
#include <nlohmann/json.hpp>

#include <limits>

#include "gate_result_reader_parts.h"

namespace gauntlet::records::detail {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Reads every element of the array at `key` with `read_one`, appending to `out`.
template <class T, class ReadOne>
Status read_each(const Fields& root, const char* key, std::vector<T>& out, ReadOne read_one) {
  Result<FieldsList> rows = root.array_or_empty(key);
  if (!rows) return rows.error();
  for (const Fields& f : *rows) {
    T item;
    if (Status s = read_one(f, item); !s) return s;
    out.push_back(std::move(item));
  }
  return Status::Ok();
}

Status read_name(const Fields& f, const char* key, std::string& out) {
  Result<std::string> name = f.string(key);
  if (!name) return name.error();
  out = std::move(*name);
  return Status::Ok();
}

Status read_count(const Fields& f, const char* key, std::int64_t null_value, std::int64_t& out) {
  Result<std::int64_t> n = f.whole_or(key, 0, kMaxCount, null_value);
  if (!n) return n.error();
  out = *n;
  return Status::Ok();
}

Status read_flag(const Fields& f, const char* key, bool& out) {
  Result<bool> b = f.boolean(key);
  if (!b) return b.error();
  out = *b;
  return Status::Ok();
}

Status read_budget(const Fields& f, BudgetCheck& b) {
  if (Status s = read_name(f, "operation", b.operation); !s) return s;
  b.quantile = f.string_or("quantile", "");
  Result<double> limit = f.number("limit_ns");
  if (!limit) return limit.error();
  b.limit_ns = *limit;
  const NumberField numbers[] = {{"tolerance_pct", &b.tolerance_pct, 0}, {"measured_ns", &b.measured_ns, kNaN},
                                 {"allowed_ns", &b.allowed_ns, kNaN},    {"margin", &b.margin, kNaN},
                                 {"ci_low_ns", &b.ci_low_ns, kNaN},      {"ci_high_ns", &b.ci_high_ns, kNaN}};
  if (Status s = read_numbers(f, numbers); !s) return s;
  if (b.ci_low_ns > b.ci_high_ns) return f.error("ci_low_ns", "is above ci_high_ns");
  if (Status s = read_flag(f, "breached", b.breached); !s) return s;
  std::int64_t min_samples = 0;
  if (Status s = read_count(f, "samples", -1, b.samples); !s) return s;
  if (Status s = read_count(f, "min_samples", 0, min_samples); !s) return s;
  b.min_samples = static_cast<int>(std::min<std::int64_t>(min_samples, std::numeric_limits<int>::max()));
  b.verdict = f.string_or("verdict", b.breached ? "breached" : "within");
  return Status::Ok();
}

Status read_floor(const Fields& f, ThroughputCheck& t) {
  if (Status s = read_name(f, "operation", t.operation); !s) return s;
  t.counter = f.string_or("counter", "");
  Result<double> limit = f.number("limit");
  if (!limit) return limit.error();
  t.limit = *limit;
  const NumberField numbers[] = {{"tolerance_pct", &t.tolerance_pct, 0},
                                 {"allowed", &t.allowed, kNaN},
                                 {"measured", &t.measured, kNaN},
                                 {"margin", &t.margin, kNaN}};
  if (Status s = read_numbers(f, numbers); !s) return s;
  if (Status s = read_flag(f, "breached", t.breached); !s) return s;
  std::int64_t min_samples = 0;
  if (Status s = read_count(f, "samples", -1, t.samples); !s) return s;
  if (Status s = read_count(f, "min_samples", 0, min_samples); !s) return s;
  t.min_samples = static_cast<int>(std::min<std::int64_t>(min_samples, std::numeric_limits<int>::max()));
  t.verdict = f.string_or("verdict", t.breached ? "breached" : "within");
  return Status::Ok();
}

Status read_memory(const Fields& f, MemoryCheck& m) {
  if (Status s = read_name(f, "kind", m.kind); !s) return s;
  if (m.kind != "peak" && m.kind != "growth") return f.error("kind", "expected \"peak\" or \"growth\"");
  Result<double> limit = f.number("limit_bytes");
  if (!limit) return limit.error();
  m.limit_bytes = *limit;
  const NumberField numbers[] = {{"measured_bytes", &m.measured_bytes, kNaN}, {"margin", &m.margin, kNaN}};
  if (Status s = read_numbers(f, numbers); !s) return s;
  if (Status s = read_flag(f, "breached", m.breached); !s) return s;
  m.verdict = f.string_or("verdict", m.breached ? "breached" : "within");
  m.reason = f.string_or("reason", "");
  return Status::Ok();
}

Status read_ratio(const Fields& f, RatioCheck& q) {
  if (Status s = read_name(f, "name", q.name); !s) return s;
  q.numerator = f.string_or("numerator", "");
  q.denominator = f.string_or("denominator", "");
  q.metric = f.string_or("metric", "");
  q.pairing = f.string_or("pairing", "");
  std::int64_t pairs = 0;
  if (Status s = read_count(f, "pairs", 0, pairs); !s) return s;
  q.pairs = static_cast<std::size_t>(pairs);
  const NumberField numbers[] = {{"max", &q.max, 0},
                                 {"min", &q.min, 0},
                                 {"ratio", &q.ratio, kNaN},
                                 {"ci_low", &q.ci_low, kNaN},
                                 {"ci_high", &q.ci_high, kNaN},
                                 {"p_value", &q.p_value, kNaN},
                                 {"margin", &q.margin, kNaN}};
  if (Status s = read_numbers(f, numbers); !s) return s;
  if (Status s = read_name(f, "verdict", q.verdict); !s) return s;
  q.reason = f.string_or("reason", "");
  return Status::Ok();
}

Status read_quality(const Fields& f, BenchmarkQuality& q) {
  if (Status s = read_name(f, "name", q.name); !s) return s;
  std::int64_t samples = 0, rounds = 1;
  if (Status s = read_count(f, "samples", 0, samples); !s) return s;
  if (Status s = read_count(f, "rounds", 1, rounds); !s) return s;
  q.samples = static_cast<std::size_t>(samples);
  q.rounds = static_cast<std::size_t>(rounds);
  const NumberField numbers[] = {{"median", &q.median, kNaN},
                                 {"dispersion", &q.dispersion, kNaN},
                                 {"median_low", &q.median_low, kNaN},
                                 {"median_high", &q.median_high, kNaN},
                                 {"interval_halfwidth", &q.interval_halfwidth, kInf}};
  if (Status s = read_numbers(f, numbers); !s) return s;
  std::string grade;
  if (Status s = read_name(f, "grade", grade); !s) return s;
  std::optional<QualityGrade> named = quality_grade_named(grade);
  if (!named) return f.error("grade", "unknown grade \"" + grade + "\"");
  q.grade = *named;
  q.below_minimum =
      f.has("below_minimum") && f.node()["below_minimum"].is_boolean() && f.node()["below_minimum"].get<bool>();
  return Status::Ok();
}

Status read_change_point(const Fields& f, HistoryChangePoint& c) {
  if (Status s = read_name(f, "name", c.name); !s) return s;
  if (!f.has("index")) return f.error("index", "missing (expected a whole number)");
  std::int64_t index = 0;
  if (Status s = read_count(f, "index", 0, index); !s) return s;
  c.index = static_cast<std::size_t>(index);
  c.revision = f.string_or("revision", "");
  const NumberField numbers[] = {{"before", &c.before, kNaN}, {"after", &c.after, kNaN}};
  return read_numbers(f, numbers);
}

}  // namespace

Status read_numbers(const Fields& f, std::span<const NumberField> fields) {
  for (const NumberField& field : fields) {
    Result<double> v = f.number_or_null(field.key, field.null_value);
    if (!v) return v.error();
    *field.out = *v;
  }
  return Status::Ok();
}

Status read_checks(const Fields& root, GateResult& g) {
  if (Status s = read_each(root, "budgets", g.budgets, read_budget); !s) return s;
  if (Status s = read_each(root, "throughput", g.throughput, read_floor); !s) return s;
  if (Status s = read_each(root, "memory", g.memory, read_memory); !s) return s;
  if (Status s = read_each(root, "ratios", g.ratios, read_ratio); !s) return s;
  if (Status s = read_each(root, "quality", g.quality, read_quality); !s) return s;
  return read_each(root, "change_points", g.change_points, read_change_point);
}

}  // namespace gauntlet::records::detail
