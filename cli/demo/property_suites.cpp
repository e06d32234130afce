#include <fmt/format.h>

#include "demo_steps.h"
#include "gauntlet/chaos/process/supervised_process.h"

namespace gauntlet::demo::detail {
namespace {

// A suite runs at most this long (GAUNTLET_THOROUGH included); then it is stopped and fails.
constexpr Nanos kSuiteTimeout = 30 * 60 * kNanosPerSecond;

// Runs one suite as a child in its own process group with a parent-death
// signal (SupervisedProcess): killing `gauntlet demo` kills the suite too, and it
// is reaped on every path. Returns the exit status, or -1 when it did not end.
Result<int> run_suite(const std::string& exe, const std::string& name, const std::filesystem::path& dir) {
  chaos::process::ProcessSpec spec;
  spec.name = name;
  spec.program = exe;
  spec.args = {fmt::format("--gtest_output=xml:{}", (dir / (name + ".xml")).string())};
  spec.env = {{"GAUNTLET_PROPERTIES_OUT", dir.string()}};
  spec.log_dir = dir;
  auto suite = chaos::process::SupervisedProcess::launch(spec, RealClock::instance());
  if (!suite.ok()) return suite.error();
  auto exit = (*suite)->wait_exit(kSuiteTimeout);
  if (!exit.ok()) return -1;  // the destructor kills and reaps the group
  return exit->signal == 0 ? exit->code : 128 + exit->signal;
}

}  // namespace

Status run_property_suites(Stage& stage, const std::vector<std::string>& executables) {
  namespace fs = std::filesystem;
  const fs::path dir = stage.dir / "properties";
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Error(ErrorCode::kIoError, "cannot create " + dir.string() + ": " + ec.message());
  int index = 0;
  for (const std::string& exe : executables) {
    const std::string name = fs::path(exe).filename().string();
    stage.progress << fmt::format("[{}/{}] properties {:<38} ... ", ++index, executables.size(), name) << std::flush;
    if (!fs::exists(exe)) {
      stage.progress << "skipped (not built)\n";
      continue;
    }
    auto rc = run_suite(exe, name, dir);
    if (!rc.ok()) return rc.error();
    stage.passed = stage.passed && *rc == 0;
    const fs::path log = dir / (name + ".stdout.log");
    stage.progress << (*rc == 0 ? "pass" : fmt::format("FAIL (log: {})", log.string())) << "\n";
    if (Status s = reports::add_input(stage.report, dir / (name + ".xml")); !s) return s;
  }
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".json") {
      if (Status s = reports::add_input(stage.report, entry.path()); !s) return s;
    }
  }
  return {};
}

}  // namespace gauntlet::demo::detail
