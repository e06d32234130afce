#include <cstdlib>

#include <fmt/format.h>

#include "demo_steps.h"

namespace gauntlet::demo::detail {

Status run_property_suites(Stage& stage, const std::vector<std::string>& executables) {
  namespace fs = std::filesystem;
  const fs::path dir = stage.dir / "properties";
  std::error_code ec;
  fs::create_directories(dir, ec);
  int index = 0;
  for (const std::string& exe : executables) {
    const std::string name = fs::path(exe).filename().string();
    stage.progress << fmt::format("[{}/{}] properties {:<38} ... ", ++index, executables.size(), name) << std::flush;
    if (!fs::exists(exe)) {
      stage.progress << "skipped (not built)\n";
      continue;
    }
    const fs::path xml = dir / (name + ".xml");
    const std::string command = fmt::format("GAUNTLET_PROPERTIES_OUT='{}' '{}' --gtest_output=xml:'{}' > '{}' 2>&1",
                                            dir.string(), exe, xml.string(), (dir / (name + ".log")).string());
    const int rc = std::system(command.c_str());
    stage.passed = stage.passed && rc == 0;
    stage.progress << (rc == 0 ? "pass" : fmt::format("FAIL (log: {})", (dir / (name + ".log")).string())) << "\n";
    if (Status s = reports::add_input(stage.report, xml); !s) return s;
  }
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".json") {
      if (Status s = reports::add_input(stage.report, entry.path()); !s) return s;
    }
  }
  return {};
}

}  // namespace gauntlet::demo::detail
