#pragma once
// Independent readers of the exposition formats, run as child processes:
// `promtool check metrics` and python3-prometheus-client's parsers.
#include <optional>
#include <string>

namespace gauntlet::metrics::testing {

struct CheckerRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

/// Runs `command` with `input` on stdin; nullopt if it could not be started.
std::optional<CheckerRun> run_with_stdin(const std::string& command, const std::string& input);

/// Whether the checkers are installed; tests skip without them, except under
/// CI (environment variable CI set), where a missing checker is a failure.
bool promtool_available();
bool python_client_available();

/// `promtool check metrics` (reads stdin). Exit 0 means parsed and lint-clean.
CheckerRun promtool_check(const std::string& prometheus_text);

/// prometheus_client.openmetrics.parser.text_string_to_metric_families; on
/// success prints "family <name> <type> <sample count>" per family, then
/// "unit <name> <unit>" when it has one, then
/// "sample <name> <labels as sorted JSON> <value as Python float repr>".
CheckerRun python_openmetrics_parse(const std::string& openmetrics_text);

/// prometheus_client.parser.text_string_to_metric_families (text 0.0.4).
CheckerRun python_prometheus_parse(const std::string& prometheus_text);

}  // namespace gauntlet::metrics::testing

/// Skips the test when a checker is missing outside CI; fails it in CI.
#define GAUNTLET_REQUIRE_CHECKERS()                                                                \
  do {                                                                                             \
    if (!::gauntlet::metrics::testing::promtool_available() ||                                     \
        !::gauntlet::metrics::testing::python_client_available()) {                                \
      if (std::getenv("CI") != nullptr) FAIL() << "promtool or python3-prometheus-client missing"; \
      GTEST_SKIP() << "promtool or python3-prometheus-client not installed";                       \
    }                                                                                              \
  } while (false)
