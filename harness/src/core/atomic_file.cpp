#include "gauntlet/harness/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <system_error>

namespace gauntlet {
namespace {

// Writes all of `content` to `fd` and fsyncs it.
bool write_all(int fd, std::string_view content) {
  for (std::size_t done = 0; done < content.size();) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return ::fsync(fd) == 0;
}

// Renames `tmp` over `path`; on failure removes `tmp`.
Status rename_into_place(const std::filesystem::path& tmp, const std::filesystem::path& path) {
  std::error_code ec, ignored;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ignored);
    return Error(ErrorCode::kIoError, path.string() + ": cannot rename into place (" + ec.message() + ")");
  }
  return Status::Ok();
}

}  // namespace

Status write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  std::filesystem::path tmp = path;
  tmp += ".tmp." + std::to_string(::getpid());
  std::error_code ignored;
  // First choice: an unnamed file in the target's folder (O_TMPFILE), named
  // only once it is complete. A process killed while writing leaves nothing.
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  const int anon = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  if (anon >= 0) {
    const bool written = write_all(anon, content);
    const std::string fd_path = "/proc/self/fd/" + std::to_string(anon);
    const bool named = written && ::linkat(AT_FDCWD, fd_path.c_str(), AT_FDCWD, tmp.c_str(), AT_SYMLINK_FOLLOW) == 0;
    const int err = errno;
    ::close(anon);
    if (named) return rename_into_place(tmp, path);
    if (!written) return Error(ErrorCode::kIoError, path.string() + ": write failed (" + std::strerror(err) + ")");
    // linkat refused (no /proc): fall through to a named temp file.
  }
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) {
    return Error(ErrorCode::kIoError, path.string() + ": cannot write (" + std::strerror(errno) + ")");
  }
  const bool written = write_all(fd, content);
  const bool closed = ::close(fd) == 0;
  if (!written || !closed) {
    std::filesystem::remove(tmp, ignored);
    return Error(ErrorCode::kIoError, path.string() + ": write failed");
  }
  return rename_into_place(tmp, path);
}

}  // namespace gauntlet
