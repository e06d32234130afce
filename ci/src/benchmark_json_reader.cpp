#include "gauntlet/ci/benchmark_file.h"

#include "gauntlet/harness/input_file.h"
#include "gauntlet/harness/json_document.h"
#include "nonfinite_tokens.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

namespace gauntlet::ci {
namespace {

using nlohmann::json;

// Bounds of the whole-number fields (iterations, indices, cache sizes, CPUs).
constexpr std::int64_t kMaxRowInteger = std::int64_t{1} << 53;
constexpr std::int64_t kMaxCpus = 1 << 20;

std::string fmt_number(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

const std::set<std::string, std::less<>> kRowKeys{"name",
                                                  "run_name",
                                                  "run_type",
                                                  "aggregate_name",
                                                  "aggregate_unit",
                                                  "family_index",
                                                  "per_family_instance_index",
                                                  "repetitions",
                                                  "repetition_index",
                                                  "threads",
                                                  "iterations",
                                                  "real_time",
                                                  "cpu_time",
                                                  "time_unit",
                                                  "error_occurred",
                                                  "error_message",
                                                  "skipped",
                                                  "skip_message",
                                                  "big_o",
                                                  "cpu_coefficient",
                                                  "real_coefficient",
                                                  "rms",
                                                  "label",
                                                  "gauntlet_round"};

class RowReader {
 public:
  RowReader(const json& row, std::string where) : row_(row), where_(std::move(where)) {}

  Error schema(std::string_view key, std::string_view what) const {
    return Error(ErrorCode::kSchemaError, where_ + "." + std::string(key) + ": " + std::string(what));
  }

  // A number, or one of the rewritten non-finite markers.
  Result<std::optional<double>> number(std::string_view key) const {
    auto it = row_.find(key);
    if (it == row_.end()) return std::optional<double>{};
    if (it->is_number()) return std::optional<double>{it->get<double>()};
    if (it->is_string()) {
      const auto& s = it->get_ref<const std::string&>();
      if (s == detail::kNaNMarker || s == detail::kNegNaNMarker)
        return std::optional<double>{std::numeric_limits<double>::quiet_NaN()};
      if (s == detail::kInfMarker) return std::optional<double>{std::numeric_limits<double>::infinity()};
      if (s == detail::kNegInfMarker) return std::optional<double>{-std::numeric_limits<double>::infinity()};
    }
    return schema(key, "expected a number");
  }

  Result<std::optional<std::string>> text(std::string_view key) const {
    auto it = row_.find(key);
    if (it == row_.end()) return std::optional<std::string>{};
    if (!it->is_string()) return schema(key, "expected a string");
    return std::optional<std::string>{it->get<std::string>()};
  }

  // A whole number within [lo, hi] ("integers must be integers").
  Result<std::optional<std::int64_t>> whole(std::string_view key, std::int64_t lo, std::int64_t hi) const {
    auto it = row_.find(key);
    if (it == row_.end()) return std::optional<std::int64_t>{};
    if (it->is_number_integer()) {
      if (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(hi))
        return schema(key, "must be from " + std::to_string(lo) + " to " + std::to_string(hi));
      const std::int64_t v = it->get<std::int64_t>();
      if (v < lo || v > hi) return schema(key, "must be from " + std::to_string(lo) + " to " + std::to_string(hi));
      return std::optional<std::int64_t>{v};
    }
    if (it->is_number_float()) {
      const double d = it->get<double>();
      if (std::isfinite(d) && d == std::floor(d) && d >= static_cast<double>(lo) && d <= static_cast<double>(hi))
        return std::optional<std::int64_t>{static_cast<std::int64_t>(d)};
      if (std::isfinite(d) && d == std::floor(d))
        return schema(key, "must be from " + std::to_string(lo) + " to " + std::to_string(hi));
    }
    return schema(key, "expected a whole number");
  }

  Result<bool> flag(std::string_view key) const {
    auto it = row_.find(key);
    if (it == row_.end()) return false;
    if (!it->is_boolean()) return schema(key, "expected true or false");
    return it->get<bool>();
  }

 private:
  const json& row_;
  std::string where_;
};

#define GAUNTLET_CI_TRY_ASSIGN(lhs, expr)                         \
  auto lhs##_result = (expr);                                     \
  if (!lhs##_result.ok()) return std::move(lhs##_result).error(); \
  auto lhs = std::move(lhs##_result).value()

Result<BenchmarkRow> read_row(const json& row, const std::string& where) {
  if (!row.is_object()) return Error(ErrorCode::kSchemaError, where + ": expected an object");
  RowReader r(row, where);
  BenchmarkRow out;
  GAUNTLET_CI_TRY_ASSIGN(name, r.text("name"));
  if (!name) return r.schema("name", "missing");
  out.name = *name;
  GAUNTLET_CI_TRY_ASSIGN(run_type, r.text("run_type"));
  if (run_type && *run_type == "aggregate") out.run_type = RunType::kAggregate;
  else if (run_type && *run_type != "iteration") return r.schema("run_type", "expected \"iteration\" or \"aggregate\"");
  GAUNTLET_CI_TRY_ASSIGN(agg, r.text("aggregate_name"));
  out.aggregate_name = agg.value_or("");
  GAUNTLET_CI_TRY_ASSIGN(agg_unit, r.text("aggregate_unit"));
  out.aggregate_unit = agg_unit.value_or(out.run_type == RunType::kAggregate ? "time" : "");
  GAUNTLET_CI_TRY_ASSIGN(run_name, r.text("run_name"));
  if (run_name) {
    out.run_name = *run_name;
  } else {
    out.run_name = out.name;
    const std::string suffix = "_" + out.aggregate_name;
    if (out.run_type == RunType::kAggregate && out.name.size() > suffix.size() &&
        out.name.compare(out.name.size() - suffix.size(), suffix.size(), suffix) == 0)
      out.run_name = out.name.substr(0, out.name.size() - suffix.size());
  }
  struct IntField {
    const char* key;
    std::int64_t* target;
  };
  for (const IntField& f : {IntField{"family_index", &out.family_index},
                            IntField{"per_family_instance_index", &out.per_family_instance_index},
                            IntField{"repetitions", &out.repetitions},
                            IntField{"repetition_index", &out.repetition_index}, IntField{"threads", &out.threads},
                            IntField{"iterations", &out.iterations}, IntField{"gauntlet_round", &out.round}}) {
    GAUNTLET_CI_TRY_ASSIGN(v, r.whole(f.key, -1, kMaxRowInteger));
    if (v) *f.target = *v;
  }
  GAUNTLET_CI_TRY_ASSIGN(unit, r.text("time_unit"));
  out.time_unit = unit.value_or("ns");
  const auto scale = nanos_per_unit(out.time_unit);
  if (!scale) return r.schema("time_unit", "unknown unit \"" + out.time_unit + "\" (expected ns, us, ms or s)");
  const double factor = out.aggregate_unit == "percentage" ? 1.0 : *scale;
  GAUNTLET_CI_TRY_ASSIGN(real, r.number("real_time"));
  GAUNTLET_CI_TRY_ASSIGN(cpu, r.number("cpu_time"));
  GAUNTLET_CI_TRY_ASSIGN(real_coef, r.number("real_coefficient"));
  GAUNTLET_CI_TRY_ASSIGN(cpu_coef, r.number("cpu_coefficient"));
  out.real_time_ns = real.value_or(real_coef.value_or(std::nan(""))) * factor;
  out.cpu_time_ns = cpu.value_or(cpu_coef.value_or(std::nan(""))) * factor;
  GAUNTLET_CI_TRY_ASSIGN(rms, r.number("rms"));
  out.rms = rms.value_or(0.0);
  GAUNTLET_CI_TRY_ASSIGN(big_o, r.text("big_o"));
  out.big_o = big_o.value_or("");
  GAUNTLET_CI_TRY_ASSIGN(err, r.flag("error_occurred"));
  out.errored = err;
  GAUNTLET_CI_TRY_ASSIGN(err_msg, r.text("error_message"));
  // Newer Google Benchmark writes "skipped": true/false with a skip_message.
  auto skipped_it = row.find("skipped");
  if (skipped_it != row.end() && skipped_it->is_boolean()) out.skipped = skipped_it->get<bool>();
  GAUNTLET_CI_TRY_ASSIGN(skip_msg, r.text("skip_message"));
  out.message = err_msg.value_or(skip_msg.value_or(""));
  if (!real && !real_coef && !out.errored && !out.skipped && out.aggregate_name != "RMS")
    return r.schema("real_time", "missing");
  // The times the gate compares: a repetition, or a mean/median aggregate.
  const bool measured =
      !out.errored && !out.skipped &&
      (out.run_type == RunType::kIteration ||
       (out.aggregate_unit == "time" && (out.aggregate_name == "mean" || out.aggregate_name == "median")));
  if (measured) {
    for (auto [key, value] : {std::pair{"real_time", out.real_time_ns}, std::pair{"cpu_time", out.cpu_time_ns}}) {
      if ((key == std::string_view("real_time") ? real : cpu) && !(std::isfinite(value) && value > 0))
        return r.schema(key, "must be a finite time > 0 (got " + fmt_number(value / factor) + ")");
    }
  }
  for (const auto& [key, value] : row.items()) {
    if (kRowKeys.count(key) != 0) continue;
    GAUNTLET_CI_TRY_ASSIGN(counter, r.number(key));
    if (counter) out.counters[key] = *counter;
    (void)value;
  }
  return out;
}

// One CPU cache of the context block; every field typed and bounded.
Result<CacheInfo> read_cache(const json& c, const std::string& where) {
  if (!c.is_object()) return Error(ErrorCode::kSchemaError, where + ": expected an object");
  RowReader r(c, where);
  CacheInfo info;
  GAUNTLET_CI_TRY_ASSIGN(type, r.text("type"));
  info.type = type.value_or("");
  GAUNTLET_CI_TRY_ASSIGN(level, r.whole("level", 0, 16));
  info.level = static_cast<int>(level.value_or(0));
  GAUNTLET_CI_TRY_ASSIGN(size, r.whole("size", 0, kMaxRowInteger));
  info.size = size.value_or(0);
  GAUNTLET_CI_TRY_ASSIGN(sharing, r.whole("num_sharing", 0, kMaxCpus));
  info.num_sharing = static_cast<int>(sharing.value_or(0));
  return info;
}

// A memory key of `gauntlet bench run` (kPeakRssKey, kRssGrowthKey): whole
// bytes >= 0, written as a decimal string (a JSON number is taken too);
// nullopt when the file lacks it.
Result<std::optional<std::int64_t>> read_bytes(const json& ctx, std::string_view key) {
  auto it = ctx.find(key);
  if (it == ctx.end()) return std::optional<std::int64_t>{};
  if (it->is_number()) return RowReader(ctx, "context").whole(key, 0, kMaxRowInteger);
  if (it->is_string()) {
    const std::string& s = it->get_ref<const std::string&>();
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (!s.empty() && s[0] != '-' && ec == std::errc() && end == s.data() + s.size() && v <= kMaxRowInteger)
      return std::optional<std::int64_t>{v};
  }
  std::string got = it->dump(-1, ' ', false, json::error_handler_t::replace);
  if (got.size() > 40) got = got.substr(0, 37) + "...";
  return Error(ErrorCode::kSchemaError,
               "context." + std::string(key) + ": expected a whole number of bytes >= 0, got " + got);
}

Result<BenchmarkContext> read_context(const json& ctx) {
  BenchmarkContext out;
  if (!ctx.is_object()) return Error(ErrorCode::kSchemaError, "context: expected an object");
  RowReader r(ctx, "context");
  GAUNTLET_CI_TRY_ASSIGN(num_cpus, r.whole("num_cpus", 0, kMaxCpus));
  out.num_cpus = static_cast<int>(num_cpus.value_or(0));
  GAUNTLET_CI_TRY_ASSIGN(mhz, r.number("mhz_per_cpu"));
  out.mhz_per_cpu = mhz.value_or(0);
  GAUNTLET_CI_TRY_ASSIGN(peak, read_bytes(ctx, kPeakRssKey));
  out.peak_rss_bytes = peak;
  GAUNTLET_CI_TRY_ASSIGN(growth, read_bytes(ctx, kRssGrowthKey));
  out.rss_growth_bytes = growth;
  for (const auto& [key, value] : ctx.items()) {
    if (key == "date" && value.is_string()) out.date = value;
    else if (key == "host_name" && value.is_string()) out.host_name = value;
    else if (key == "executable" && value.is_string()) out.executable = value;
    else if (key == "library_build_type" && value.is_string()) out.library_build_type = value;
    else if (key == "cpu_scaling_enabled" && value.is_boolean()) out.cpu_scaling_enabled = value.get<bool>();
    else if (key == "load_avg" && value.is_array()) {
      for (const auto& v : value)
        if (v.is_number()) out.load_avg.push_back(v.get<double>());
    } else if (key == "caches" && value.is_array()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        auto info = read_cache(value[i], "context.caches[" + std::to_string(i) + "]");
        if (!info.ok()) return info.error();
        out.caches.push_back(*info);
      }
    } else if (value.is_string()) {
      out.extra[key] = value.get<std::string>();
    } else if (value.is_primitive() && key != "num_cpus" && key != "mhz_per_cpu") {
      out.extra[key] = value.dump();
    }
  }
  return out;
}

}  // namespace

std::optional<double> nanos_per_unit(std::string_view unit) {
  if (unit == "ns") return 1.0;
  if (unit == "us") return 1e3;
  if (unit == "ms") return 1e6;
  if (unit == "s") return 1e9;
  return std::nullopt;
}

Result<BenchmarkFile> parse_benchmark_json(std::string_view text, std::string_view source) {
  const std::string src(source);
  // Bare NaN / Infinity become same-length strings: error columns stay true.
  auto parsed = parse_json_document(detail::quote_nonfinite_tokens(text), src, "Google Benchmark JSON");
  if (!parsed.ok()) return parsed.error();
  const json& doc = *parsed;
  if (!doc.is_object()) return Error(ErrorCode::kSchemaError, src + ": top level: expected an object");
  BenchmarkFile out;
  out.source = src;
  if (auto ctx = doc.find("context"); ctx != doc.end()) {
    auto c = read_context(*ctx);
    if (!c.ok()) return c.error().with_context(src);
    out.context = std::move(c).value();
  }
  auto rows = doc.find("benchmarks");
  if (rows == doc.end())
    return Error(ErrorCode::kSchemaError, src + ": benchmarks: missing (not Google Benchmark JSON?)");
  if (!rows->is_array()) return Error(ErrorCode::kSchemaError, src + ": benchmarks: expected an array");
  if (rows->empty()) return Error(ErrorCode::kSchemaError, src + ": benchmarks: empty (the run measured nothing)");
  for (std::size_t i = 0; i < rows->size(); ++i) {
    auto row = read_row((*rows)[i], "benchmarks[" + std::to_string(i) + "]");
    if (!row.ok()) return row.error().with_context(src);
    out.rows.push_back(std::move(row).value());
  }
  return out;
}

Result<BenchmarkFile> read_benchmark_file(const std::string& path) {
  auto text = read_input_file(path, "benchmark file");
  if (!text.ok()) return text.error();
  return parse_benchmark_json(*text, path);
}

}  // namespace gauntlet::ci
