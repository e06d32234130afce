#pragma once
/// Metrics exposition properties: every recorded series appears, label values
/// with arbitrary characters survive escaping (parsed back independently),
/// every sample's name is declared a counter by one TYPE line before it, and
/// every HELP and TYPE line names a metric that has samples.
#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "gauntlet/properties/metrics/generators.h"
#include "gauntlet/properties/metrics/prometheus_text.h"
#include "gauntlet/properties/metrics/test_fixture.h"

namespace gauntlet::properties::metrics {

TYPED_TEST_P(MetricsProperties, ExpositionHasEverySeriesWithEscapedLabels) {
  const PropertySpec spec{Severity::kMust, 1.0};
  if constexpr (!provides<TypeParam>(&MetricsGroups::exposition)) {
    GAUNTLET_SKIP_PROPERTY(spec, "the adapter declares the exposition group unsupported");
  } else {
    check_property(spec, [] {
      const auto names = *rc::gen::nonEmpty(rc::gen::container<std::vector<std::string>>(detail::gen_metric_name()));
      // Values past float's exact range among them; a repeated name and label accumulates (contract).
      const auto count = edges::biased<double>({1.0, edges::kTwoPow24 + 1, 4294967297.0},
                                               rc::gen::map(rc::gen::inRange(1, 100), [](int k) { return double(k); }));
      const auto series = *rc::gen::container<std::vector<std::tuple<std::size_t, std::string, double>>>(
          rc::gen::tuple(rc::gen::inRange<std::size_t>(0, names.size()), detail::gen_label_value(), count));
      auto registry = TypeParam::make_registry();
      std::map<std::pair<std::string, std::string>, double> expected;
      for (const auto& [index, label, value] : series) {
        TypeParam::expose_counter(*registry, names[index], Labels{{"k", label}}, value);
        expected[{names[index], label}] += value;
      }
      const std::string text = TypeParam::exposition(*registry);
      auto samples = parse_prometheus_text(text);
      if (!samples) RC_FAIL("exposition does not parse: " + samples.error().message() + "\n" + text);
      std::map<std::pair<std::string, std::string>, double> seen;
      for (const auto& s : *samples) {
        std::string base = s.name;
        if (base.size() > 6 && base.ends_with("_total")) base.resize(base.size() - 6);
        bool ours = false;
        for (const auto& n : names) ours = ours || n == base;
        if (!ours) continue;
        RC_ASSERT(s.labels.size() == 1u);
        RC_ASSERT(s.labels[0].first == std::string("k"));
        const auto key = std::make_pair(base, s.labels[0].second);
        RC_ASSERT(seen.count(key) == 0u);
        seen[key] = s.value;
      }
      RC_ASSERT(seen == expected);
      // Each of our samples' names is declared a counter once, by a TYPE line
      // that comes before its first sample (text format 0.0.4).
      auto metadata = parse_prometheus_metadata(text);
      if (!metadata) RC_FAIL("exposition metadata does not parse: " + metadata.error().message() + "\n" + text);
      std::map<std::string, std::size_t> first_sample_line;
      std::size_t line = 0;
      for (std::string_view rest = text; !rest.empty();) {
        const std::size_t eol = rest.find('\n');
        const std::string_view l = rest.substr(0, eol);
        rest = eol == std::string_view::npos ? std::string_view{} : rest.substr(eol + 1);
        ++line;
        if (l.empty() || l.front() == '#') continue;
        first_sample_line.emplace(std::string(l.substr(0, l.find_first_of("{ "))), line);
      }
      for (const auto& [name, at] : first_sample_line) {
        std::string base = name;
        if (base.size() > 6 && base.ends_with("_total")) base.resize(base.size() - 6);
        if (std::find(names.begin(), names.end(), base) == names.end()) continue;
        int types = 0;
        for (const auto& m : *metadata) {
          if (m.keyword != "TYPE" || m.name != name) continue;
          ++types;
          if (m.rest != "counter" || m.line > at) {
            RC_FAIL("'# TYPE " + name + " " + m.rest + "' must say counter before the first sample:\n" + text);
          }
        }
        if (types != 1) RC_FAIL(std::to_string(types) + " TYPE lines for '" + name + "', one expected:\n" + text);
      }
      // Every HELP and TYPE line names a metric whose samples follow.
      for (const auto& m : *metadata) {
        if ((m.keyword == "HELP" || m.keyword == "TYPE") && !first_sample_line.contains(m.name)) {
          RC_FAIL("'# " + m.keyword + " " + m.name + "' names no sample in the exposition:\n" + text);
        }
      }
    });
  }
}

}  // namespace gauntlet::properties::metrics
