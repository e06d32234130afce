#pragma once
/// An independent reader for the Prometheus text exposition format 0.0.4
/// (sample lines and HELP/TYPE metadata), used by the metrics suite to parse
/// an exposition back.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gauntlet/harness/error.h"

namespace gauntlet::properties::metrics {

/// One sample line: name, labels in written order, value.
struct TextSample {
  std::string name;
  std::vector<std::pair<std::string, std::string>> labels;
  double value = 0;
};

/// Parses every sample line (comments and blank lines are skipped). Label
/// values are unescaped (\\, \", \n). kParseError names the line and column.
Result<std::vector<TextSample>> parse_prometheus_text(std::string_view text);

/// One `# HELP name text` or `# TYPE name type` line, and the number of the
/// first sample line that came after it.
struct TextMetadata {
  std::string keyword;  ///< "HELP" or "TYPE"
  std::string name;
  std::string rest;  ///< the docstring, or the type
  std::size_t line = 0;
};

/// The HELP and TYPE lines (other comments are skipped). kParseError for a
/// HELP or TYPE line without a valid metric name, or a TYPE that is not
/// counter, gauge, histogram, summary or untyped.
Result<std::vector<TextMetadata>> parse_prometheus_metadata(std::string_view text);

/// True when `name` matches [a-zA-Z_:][a-zA-Z0-9_:]*.
bool is_valid_metric_name(std::string_view name) noexcept;

}  // namespace gauntlet::properties::metrics
