#include "format_checkers.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

namespace gauntlet::metrics::testing {
namespace {

const char* const kPython = "/usr/bin/python3";

std::string temp_path() {
  std::random_device rd;
  return (std::filesystem::temp_directory_path() / ("gauntlet_metrics_check_" + std::to_string(rd()) + ".txt"))
      .string();
}

const char* const kOpenMetricsScript =
    "import json, sys\n"
    "from prometheus_client.openmetrics.parser import text_string_to_metric_families as parse\n"
    "for f in parse(sys.stdin.read()):\n"
    "    print('family', f.name, f.type, len(f.samples))\n"
    "    if f.unit:\n"
    "        print('unit', f.name, f.unit)\n"
    "    for s in f.samples:\n"
    "        print('sample', s.name, json.dumps(s.labels, sort_keys=True, ensure_ascii=False), repr(float(s.value)))\n";

const char* const kPrometheusScript =
    "import json, sys\n"
    "from prometheus_client.parser import text_string_to_metric_families as parse\n"
    "for f in parse(sys.stdin.read()):\n"
    "    print('family', f.name, f.type, len(f.samples))\n"
    "    for s in f.samples:\n"
    "        print('sample', s.name, json.dumps(s.labels, sort_keys=True, ensure_ascii=False), repr(float(s.value)))\n";

CheckerRun python_script(const char* script, const std::string& input) {
  const std::string script_path = temp_path();
  { std::ofstream(script_path) << script; }
  auto run = run_with_stdin(std::string(kPython) + " " + script_path, input);
  std::filesystem::remove(script_path);
  return run.value_or(CheckerRun{});
}

}  // namespace

std::optional<CheckerRun> run_with_stdin(const std::string& command, const std::string& input) {
  const std::string input_path = temp_path();
  { std::ofstream(input_path, std::ios::binary) << input; }
  FILE* pipe = ::popen((command + " < " + input_path + " 2>&1").c_str(), "r");
  if (pipe == nullptr) {
    std::filesystem::remove(input_path);
    return std::nullopt;
  }
  CheckerRun run;
  std::array<char, 4096> buf{};
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) run.output.append(buf.data(), n);
  const int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::filesystem::remove(input_path);
  return run;
}

bool promtool_available() {
  auto r = run_with_stdin("promtool --version", "");
  return r && r->exit_code == 0;
}

bool python_client_available() {
  auto r = run_with_stdin(std::string(kPython) + " -c 'import prometheus_client.openmetrics.parser'", "");
  return r && r->exit_code == 0;
}

CheckerRun promtool_check(const std::string& prometheus_text) {
  return run_with_stdin("promtool check metrics", prometheus_text).value_or(CheckerRun{});
}

CheckerRun python_openmetrics_parse(const std::string& openmetrics_text) {
  return python_script(kOpenMetricsScript, openmetrics_text);
}

CheckerRun python_prometheus_parse(const std::string& prometheus_text) {
  return python_script(kPrometheusScript, prometheus_text);
}

}  // namespace gauntlet::metrics::testing
