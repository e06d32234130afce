#include "gauntlet/reports/output_file.h"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <system_error>

namespace gauntlet::reports {

Status write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  std::filesystem::path tmp = path;
  tmp += ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Error(ErrorCode::kIoError, path.string() + ": cannot create " + tmp.string());
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(tmp, ignored);
      return Error(ErrorCode::kIoError, path.string() + ": write failed");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    return Error(ErrorCode::kIoError, path.string() + ": cannot rename into place: " + ec.message());
  }
  return Status::Ok();
}

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
