#pragma once
/// Resident memory of one process, read from /proc/<pid>/status (Linux).
/// The one reader of it: chaos sums it over a target's process group, and the
/// guardian of a benchmark process reads it between fork and exit, so it is
/// async-signal-safe (open, read, close; no allocation, no locale).
#include <sys/types.h>

#include <cstdint>

namespace gauntlet {

struct ProcessMemory {
  std::uint64_t rss_bytes = 0;       ///< resident now (VmRSS)
  std::uint64_t peak_rss_bytes = 0;  ///< the kernel's high-water mark of its image (VmHWM)
};

/// Reads `pid`'s status once. False when it cannot be read or holds no VmRSS
/// (a process gone, or a zombie that has released its memory).
bool read_process_memory(pid_t pid, ProcessMemory& out) noexcept;

}  // namespace gauntlet
