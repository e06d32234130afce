#pragma once
// The proxy's fast path while no toxic applies to a stream: bytes move from
// one socket to the other through a pipe inside the kernel (Linux splice(2)),
// never copied into the proxy's memory. Splicing into a socket whose peer has
// gone raises SIGPIPE at the calling thread: use it only on a thread that
// blocks SIGPIPE (sigpipe.h).
#include <cstddef>
#include <sys/types.h>

namespace gauntlet::chaos::proxy::detail {

class SplicePipe {
 public:
  /// A non-blocking pipe, enlarged to 1 MiB where the system allows.
  SplicePipe() noexcept;
  ~SplicePipe();
  SplicePipe(const SplicePipe&) = delete;
  SplicePipe& operator=(const SplicePipe&) = delete;

  /// False when no pipe could be made (the caller copies instead).
  bool ok() const noexcept { return read_fd_ >= 0; }
  /// Moves what `from_fd` (non-blocking) has now, up to the pipe's capacity,
  /// into the pipe: bytes moved, 0 at end of stream, -1 with errno set.
  ssize_t fill(int from_fd) noexcept;
  /// Moves up to `n` bytes from the pipe to `to_fd` (non-blocking): bytes
  /// moved, or -1 with errno set (EAGAIN: wait until writable). After EPIPE
  /// it takes the SIGPIPE left pending for the calling thread.
  ssize_t drain(int to_fd, std::size_t n) noexcept;

 private:
  int read_fd_ = -1;
  int write_fd_ = -1;
  std::size_t capacity_ = 64 * 1024;
};

}  // namespace gauntlet::chaos::proxy::detail
