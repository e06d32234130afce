#include "gauntlet/harness/atomic_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <system_error>

namespace gauntlet {

Status write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  std::filesystem::path tmp = path;
  tmp += ".tmp." + std::to_string(::getpid());
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) {
    return Error(ErrorCode::kIoError, path.string() + ": cannot write (" + std::strerror(errno) + ")");
  }
  const bool written = std::fwrite(content.data(), 1, content.size(), f) == content.size() && std::fflush(f) == 0 &&
                       ::fsync(::fileno(f)) == 0;
  const bool closed = std::fclose(f) == 0;
  std::error_code ignored;
  if (!written || !closed) {
    std::filesystem::remove(tmp, ignored);
    return Error(ErrorCode::kIoError, path.string() + ": write failed");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ignored);
    return Error(ErrorCode::kIoError, path.string() + ": cannot rename into place (" + ec.message() + ")");
  }
  return Status::Ok();
}

}  // namespace gauntlet
