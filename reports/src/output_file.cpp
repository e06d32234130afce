#include "gauntlet/reports/output_file.h"

#include "gauntlet/harness/input_file.h"

namespace gauntlet::reports {

Result<std::string> read_whole_file(const std::filesystem::path& path) { return read_input_file(path, "input"); }

}  // namespace gauntlet::reports
