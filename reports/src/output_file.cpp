#include "gauntlet/reports/output_file.h"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <system_error>

namespace gauntlet::reports {

Result<std::string> read_whole_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Error(ErrorCode::kNotFound, path.string() + ": no such file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error(ErrorCode::kIoError, path.string() + ": cannot open");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return Error(ErrorCode::kIoError, path.string() + ": read failed");
  return buf.str();
}

}  // namespace gauntlet::reports
