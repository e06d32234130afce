#include "property_suites.h"

#include <cstdlib>

#include <fmt/format.h>

namespace gauntlet::demo::detail {

Status run_property_suites(const std::vector<std::string>& executables, const std::filesystem::path& dir,
                           reports::Report& report, std::ostream& progress) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  int index = 0;
  for (const std::string& exe : executables) {
    const std::string name = fs::path(exe).filename().string();
    progress << fmt::format("[{}/{}] properties {:<38} ... ", ++index, executables.size(), name) << std::flush;
    if (!fs::exists(exe)) {
      progress << "skipped (not built)\n";
      continue;
    }
    const fs::path xml = dir / (name + ".xml");
    const std::string command = fmt::format("GAUNTLET_PROPERTIES_OUT='{}' '{}' --gtest_output=xml:'{}' > '{}' 2>&1",
                                            dir.string(), exe, xml.string(), (dir / (name + ".log")).string());
    const int rc = std::system(command.c_str());
    progress << (rc == 0 ? "pass" : fmt::format("FAIL (log: {})", (dir / (name + ".log")).string())) << "\n";
    if (Status s = reports::add_input(report, xml); !s) return s;
  }
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".json") {
      if (Status s = reports::add_input(report, entry.path()); !s) return s;
    }
  }
  return {};
}

}  // namespace gauntlet::demo::detail
