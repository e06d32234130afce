#include "gauntlet/harness/metrics/exposition.h"

#include <fmt/format.h>

#include <fstream>
#include <system_error>

namespace gauntlet::metrics {

Status write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Error(ErrorCode::kIoError, fmt::format("{}: cannot open for writing", tmp.string()));
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(tmp, ignored);
      return Error(ErrorCode::kIoError, fmt::format("{}: write failed", tmp.string()));
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    return Error(ErrorCode::kIoError, fmt::format("{}: rename failed: {}", path.string(), ec.message()));
  }
  return Status::Ok();
}

}  // namespace gauntlet::metrics
