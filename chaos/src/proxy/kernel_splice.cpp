#include "kernel_splice.h"

#include "sigpipe.h"

#include <cerrno>

#include <fcntl.h>
#include <unistd.h>

namespace gauntlet::chaos::proxy::detail {

SplicePipe::SplicePipe() noexcept {
  int fds[2];
  if (::pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0) return;
  read_fd_ = fds[0];
  write_fd_ = fds[1];
  // Larger pipes mean fewer system calls per megabyte; unprivileged
  // processes may grow them up to /proc/sys/fs/pipe-max-size (1 MiB default).
  const int size = ::fcntl(write_fd_, F_SETPIPE_SZ, 1 << 20);
  if (size > 0) capacity_ = static_cast<std::size_t>(size);
}

SplicePipe::~SplicePipe() {
  if (read_fd_ >= 0) ::close(read_fd_);
  if (write_fd_ >= 0) ::close(write_fd_);
}

ssize_t SplicePipe::fill(int from_fd) noexcept {
  return ::splice(from_fd, nullptr, write_fd_, nullptr, capacity_, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
}

ssize_t SplicePipe::drain(int to_fd, std::size_t n) noexcept {
  const ssize_t moved = ::splice(read_fd_, nullptr, to_fd, nullptr, n, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
  if (moved < 0 && errno == EPIPE) discard_pending_sigpipe();
  return moved;
}

}  // namespace gauntlet::chaos::proxy::detail
