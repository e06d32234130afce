// OpenTelemetry names and UCUM units to Prometheus names and units, following
// the OpenTelemetry "Prometheus and OpenMetrics compatibility" specification.
#include "gauntlet/harness/metrics/naming.h"

#include "gauntlet/harness/metrics/labels.h"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace gauntlet::metrics {
namespace {

constexpr std::size_t kMaxOtelNameLength = 255;

// The specification's unit words (as the OpenTelemetry Collector's table).
constexpr std::array<std::pair<std::string_view, std::string_view>, 27> kUnitWords = {{
    {"d", "days"},
    {"h", "hours"},
    {"min", "minutes"},
    {"s", "seconds"},
    {"ms", "milliseconds"},
    {"us", "microseconds"},
    {"ns", "nanoseconds"},
    {"By", "bytes"},
    {"KiBy", "kibibytes"},
    {"MiBy", "mebibytes"},
    {"GiBy", "gibibytes"},
    {"TiBy", "tibibytes"},
    {"KBy", "kilobytes"},
    {"MBy", "megabytes"},
    {"GBy", "gigabytes"},
    {"TBy", "terabytes"},
    {"m", "meters"},
    {"V", "volts"},
    {"A", "amperes"},
    {"J", "joules"},
    {"W", "watts"},
    {"g", "grams"},
    {"Cel", "celsius"},
    {"Hz", "hertz"},
    {"%", "percent"},
    {"1", ""},
    {"", ""},
}};

// Denominators of "a/b" units, singular.
constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kPerWords = {{
    {"s", "second"},
    {"m", "minute"},
    {"h", "hour"},
    {"d", "day"},
    {"w", "week"},
    {"mo", "month"},
    {"y", "year"},
}};

bool is_alnum(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Letters and digits kept, every other run of characters one `_`; no `_` at
// either end when `trim` is set.
std::string underscore_runs(std::string_view text, bool trim) {
  std::string out;
  for (char c : text) {
    if (is_alnum(c)) {
      out += c;
    } else if (out.empty() ? !trim : out.back() != '_') {
      out += '_';
    }
  }
  if (trim) {
    while (!out.empty() && out.back() == '_') out.pop_back();
  }
  return out;
}

// "{packets}" -> "", "{request}s" -> "s": annotations are not units.
std::string without_annotations(std::string_view unit) {
  std::string out;
  int depth = 0;
  for (char c : unit) {
    if (c == '{') ++depth;
    else if (c == '}' && depth > 0) --depth;
    else if (depth == 0) out += c;
  }
  return out;
}

template <std::size_t N>
std::string word_for(std::string_view part, const std::array<std::pair<std::string_view, std::string_view>, N>& table) {
  const std::string bare = without_annotations(part);
  for (const auto& [ucum, word] : table) {
    if (bare == ucum) return std::string(word);
  }
  return underscore_runs(bare, true);
}

Error bad_otel_name(std::string_view name, std::size_t pos) {
  return Error(ErrorCode::kInvalidArgument,
               fmt::format("invalid OpenTelemetry metric name \"{}\": character {} is not allowed "
                           "(expected [A-Za-z][A-Za-z0-9_.-/]*)",
                           name, pos + 1));
}

Status validate_otel_name(std::string_view name) {
  if (name.size() > kMaxOtelNameLength) {
    return Error(ErrorCode::kInvalidArgument,
                 fmt::format("invalid OpenTelemetry metric name \"{}...\": longer than {} characters",
                             name.substr(0, 32), kMaxOtelNameLength));
  }
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool ok = i == 0 ? letter : (is_alnum(c) || c == '_' || c == '.' || c == '-' || c == '/');
    if (!ok) return bad_otel_name(name, i);
  }
  return Status::Ok();
}

void drop_total(std::string& name, MetricType type) {
  if (type == MetricType::kCounter && name.size() > 6 && name.ends_with("_total")) name.resize(name.size() - 6);
}

}  // namespace

bool is_otel_name(std::string_view name) noexcept { return name.find('.') != std::string_view::npos; }

Result<std::string> prometheus_unit(std::string_view unit) {
  for (char c : unit) {
    if (c < 0x21 || c > 0x7e) {
      return Error(
          ErrorCode::kInvalidArgument,
          fmt::format("invalid unit \"{}\": only printable ASCII is allowed (UCUM, e.g. \"s\", \"By\")", unit));
    }
  }
  if (unit == "1") return std::string("ratio");
  const std::size_t slash = unit.find('/');
  std::string main = word_for(unit.substr(0, slash), kUnitWords);
  if (slash == std::string_view::npos) return main;
  const std::string per = word_for(unit.substr(slash + 1), kPerWords);
  if (per.empty()) return main;
  return main.empty() ? "per_" + per : main + "_per_" + per;
}

Result<ExportName> export_name(std::string_view name, std::string_view unit, MetricType type) {
  Result<std::string> word = prometheus_unit(unit);
  if (!word.ok()) return word.error().with_context(fmt::format("metric \"{}\"", name));
  ExportName out;
  out.unit = std::move(*word);
  const std::string suffix = out.unit.empty() ? std::string() : "_" + out.unit;
  if (is_otel_name(name)) {
    if (Status s = validate_otel_name(name); !s.ok()) return s.error();
    out.name = underscore_runs(name, false);
    drop_total(out.name, type);
    if (!suffix.empty() && !out.name.ends_with(suffix)) out.name = underscore_runs(out.name + suffix, false);
  } else {
    if (Status s = validate_metric_name(name); !s.ok()) return s.error();
    out.name = std::string(name);
    drop_total(out.name, type);
    if (!suffix.empty() && !out.name.ends_with(suffix)) {
      return Error(ErrorCode::kInvalidArgument,
                   fmt::format("metric \"{}\": with unit \"{}\" the name must end with \"{}\" (OpenMetrics "
                               "requires the unit as the name's suffix), e.g. \"{}{}\"",
                               name, unit, suffix, out.name, suffix));
    }
  }
  if (Status s = validate_metric_name(out.name); !s.ok()) return s.error();
  return out;
}

}  // namespace gauntlet::metrics
