#include "gauntlet/harness/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>

namespace gauntlet {
namespace {

const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  return "not a regular file";
}

// Closes the descriptor on every path.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::size_t max_input_bytes() noexcept {
  const char* env = std::getenv("GAUNTLET_MAX_INPUT_BYTES");
  if (env == nullptr || *env == '\0') return kDefaultMaxInputBytes;
  std::size_t v = 0;
  const char* end = env + std::strlen(env);
  auto [p, ec] = std::from_chars(env, end, v);
  if (ec != std::errc() || p != end || v == 0) return kDefaultMaxInputBytes;
  return v;
}

Result<std::string> read_input_file(const std::filesystem::path& path, std::string_view what, std::size_t max_bytes) {
  const std::string name = path.string();
  // Non-blocking open: a FIFO without a writer must not hang the command.
  Fd file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
  if (file.fd < 0) {
    const int err = errno;
    const std::string why = fmt::format("{}: cannot open {}: {}", name, what, std::strerror(err));
    if (err == ENOENT || err == ENOTDIR) return Error(ErrorCode::kNotFound, why);
    if (err == EACCES || err == EISDIR || err == ELOOP || err == ENAMETOOLONG) {
      return Error(ErrorCode::kInvalidArgument, why);
    }
    return Error(ErrorCode::kIoError, why);
  }
  struct stat st {};
  if (::fstat(file.fd, &st) != 0) {
    return Error(ErrorCode::kIoError, fmt::format("{}: cannot stat {}: {}", name, what, std::strerror(errno)));
  }
  if (!S_ISREG(st.st_mode)) {
    return Error(ErrorCode::kInvalidArgument,
                 fmt::format("{}: {} is {}, expected a regular file", name, what, kind_of(st.st_mode)));
  }
  auto too_large = [&] {
    return Error(ErrorCode::kOutOfRange, fmt::format("{}: {} is larger than the {}-byte limit "
                                                     "(GAUNTLET_MAX_INPUT_BYTES)",
                                                     name, what, max_bytes));
  };
  if (st.st_size > 0 && static_cast<std::uintmax_t>(st.st_size) > max_bytes) return too_large();
  std::string out;
  // Files in /proc report size 0; read in chunks up to one byte past the cap.
  char chunk[64 * 1024];
  for (;;) {
    const ssize_t n = ::read(file.fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      return Error(ErrorCode::kIoError, fmt::format("{}: cannot read {}: {}", name, what, std::strerror(errno)));
    }
    if (n == 0) break;
    if (out.size() + static_cast<std::size_t>(n) > max_bytes) return too_large();
    out.append(chunk, static_cast<std::size_t>(n));
  }
  return out;
}

}  // namespace gauntlet
