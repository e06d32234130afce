#pragma once
// What the guardian of a guarded child (guarded_child.h) learns of its
// program's memory over its life, from readings of read_process_memory
// (harness/process_memory.h): async-signal-safe, as the guardian needs.
#include <sys/types.h>

#include <cstdint>

namespace gauntlet::ci::detail {

/// What the readings of one process say: its highest resident set (VmHWM,
/// the kernel's high-water mark, so a peak between readings is not missed),
/// its resident set at its start (the first reading once it has started:
/// see read) and at the last reading.
struct MemoryReadings {
  std::uint64_t peak_kib = 0;
  std::uint64_t first_kib = 0;
  std::uint64_t last_kib = 0;
  int count = 0;         ///< readings taken; 0: the process never was read
  bool started = false;  ///< first_kib is a reading taken with `started`

  /// Reads /proc/<pid>/status once; false (nothing changes) when it cannot
  /// be read or holds no VmRSS (a process that has released its memory).
  /// `started`: the process has had time to load its libraries, so this
  /// reading may be its start; until one is, first_kib is the first reading.
  bool read(pid_t pid, bool started) noexcept;
};

}  // namespace gauntlet::ci::detail
