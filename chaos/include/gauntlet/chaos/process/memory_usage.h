#pragma once
/// Resident memory of a target process and everything in its process group,
/// read from /proc (Linux).
#include <cstdint>

#include "gauntlet/harness/error.h"

namespace gauntlet::chaos::process {

struct MemoryUsage {
  std::uint64_t rss_bytes = 0;       ///< resident now (VmRSS), summed over the group
  std::uint64_t peak_rss_bytes = 0;  ///< each process's high-water mark (VmHWM), summed over the group
  int processes = 0;                 ///< live processes counted
};

/// Sums over every live process whose process group is `pgid` (a target's pid
/// is its group id). kNotFound when no such process is alive, kUnavailable
/// when /proc cannot be read.
Result<MemoryUsage> process_group_memory(int pgid);

}  // namespace gauntlet::chaos::process
