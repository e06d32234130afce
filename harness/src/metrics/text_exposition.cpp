// Prometheus text 0.0.4 and OpenMetrics 1.0 writers.
#include "gauntlet/harness/metrics/exposition.h"

#include <charconv>
#include <cmath>

namespace gauntlet::metrics {
namespace {

void append_double(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "NaN";
  } else if (std::isinf(v)) {
    out += v > 0 ? "+Inf" : "-Inf";
  } else {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, end);
  }
}

void append_uint(std::string& out, std::uint64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

// Label values: backslash, double quote and newline are escaped.
void append_label_value(std::string& out, std::string_view v) {
  if (v.find_first_of("\\\"\n") == std::string_view::npos) {
    out += v;
    return;
  }
  for (char c : v) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
}

// HELP text: backslash and newline in both formats; OpenMetrics also quotes.
void append_help(std::string& out, std::string_view v, bool openmetrics) {
  if (v.find_first_of("\\\"\n") == std::string_view::npos) {
    out += v;
    return;
  }
  for (char c : v) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '"':
        out += openmetrics ? "\\\"" : "\"";
        break;
      default:
        out += c;
    }
  }
}

// `{a="x",b="y"` (+ `,le="..."` when le is given) `}`; nothing without labels.
void append_labels(std::string& out, const FamilySnapshot& f, const SeriesSnapshot& s, std::string_view le = {}) {
  if (f.label_names.empty() && le.empty()) return;
  out += '{';
  for (std::size_t i = 0; i < f.label_names.size(); ++i) {
    if (i > 0) out += ',';
    out += f.label_names[i];
    out += "=\"";
    append_label_value(out, s.label_values[i]);
    out += '"';
  }
  if (!le.empty()) {
    if (!f.label_names.empty()) out += ',';
    out += "le=\"";
    out += le;
    out += '"';
  }
  out += '}';
}

void append_histogram(std::string& out, const FamilySnapshot& f, const SeriesSnapshot& s,
                      const std::vector<std::string>& le_text) {
  const HistogramSnapshot& h = *s.histogram;
  const std::vector<std::uint64_t> cumulative = h.cumulative_counts(f.export_bounds);
  for (std::size_t i = 0; i < f.export_bounds.size(); ++i) {
    out += f.name;
    out += "_bucket";
    append_labels(out, f, s, le_text[i]);
    out += ' ';
    append_uint(out, cumulative[i]);
    out += '\n';
  }
  out += f.name;
  out += "_bucket";
  append_labels(out, f, s, "+Inf");
  out += ' ';
  append_uint(out, h.count);
  out += '\n';
  out += f.name;
  out += "_sum";
  append_labels(out, f, s);
  out += ' ';
  append_double(out, h.sum);
  out += '\n';
  out += f.name;
  out += "_count";
  append_labels(out, f, s);
  out += ' ';
  append_uint(out, h.count);
  out += '\n';
}

void append_family(std::string& out, const FamilySnapshot& f, bool openmetrics) {
  const bool counter = f.type == MetricType::kCounter;
  const bool suffix_in_meta = counter && !openmetrics;
  out += "# HELP ";
  out += f.name;
  if (suffix_in_meta) out += "_total";
  out += ' ';
  append_help(out, f.help, openmetrics);
  out += "\n# TYPE ";
  out += f.name;
  if (suffix_in_meta) out += "_total";
  out += ' ';
  out += to_string(f.type);
  out += '\n';
  if (openmetrics && !f.unit.empty()) {
    out += "# UNIT ";
    out += f.name;
    out += ' ';
    out += f.unit;
    out += '\n';
  }
  std::vector<std::string> le_text;
  if (f.type == MetricType::kHistogram) {
    le_text.reserve(f.export_bounds.size());
    for (double b : f.export_bounds) {
      std::string t;
      append_double(t, b);
      le_text.push_back(std::move(t));
    }
  }
  for (const SeriesSnapshot& s : f.series) {
    switch (f.type) {
      case MetricType::kCounter:
        out += f.name;
        out += "_total";
        append_labels(out, f, s);
        out += ' ';
        append_uint(out, s.counter);
        out += '\n';
        break;
      case MetricType::kGauge:
        out += f.name;
        append_labels(out, f, s);
        out += ' ';
        append_double(out, s.gauge);
        out += '\n';
        break;
      case MetricType::kHistogram:
        if (s.histogram) append_histogram(out, f, s, le_text);
        break;
    }
  }
}

}  // namespace

void append_prometheus_text(const RegistrySnapshot& snapshot, std::string& out) {
  for (const FamilySnapshot& f : snapshot.families) append_family(out, f, false);
}

std::string to_prometheus_text(const RegistrySnapshot& snapshot) {
  std::string out;
  append_prometheus_text(snapshot, out);
  return out;
}

void append_openmetrics_text(const RegistrySnapshot& snapshot, std::string& out) {
  for (const FamilySnapshot& f : snapshot.families) append_family(out, f, true);
  out += "# EOF\n";
}

std::string to_openmetrics_text(const RegistrySnapshot& snapshot) {
  std::string out;
  append_openmetrics_text(snapshot, out);
  return out;
}

}  // namespace gauntlet::metrics
