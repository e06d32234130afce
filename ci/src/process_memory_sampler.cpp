#include "process_memory_sampler.h"

#include "gauntlet/harness/process_memory.h"

#include <algorithm>

namespace gauntlet::ci::detail {

bool MemoryReadings::read(pid_t pid, bool has_started) noexcept {
  ProcessMemory now;
  if (!read_process_memory(pid, now)) return false;
  const std::uint64_t rss = now.rss_bytes / 1024;
  if (count == 0 || (has_started && !started)) first_kib = rss;
  started = started || has_started;
  last_kib = rss;
  peak_kib = std::max({peak_kib, rss, now.peak_rss_bytes / 1024});
  ++count;
  return true;
}

}  // namespace gauntlet::ci::detail
