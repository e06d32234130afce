#include "gauntlet/chaos/process/memory_usage.h"

#include "gauntlet/harness/process_memory.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace gauntlet::chaos::process {
namespace {

// The process group from /proc/<pid>/stat: the 5th field, after the
// parenthesised command name (which may itself hold spaces and parentheses).
bool group_of(const std::filesystem::path& dir, int& pgid) {
  std::ifstream in(dir / "stat");
  std::string text;
  if (!std::getline(in, text)) return false;
  const std::size_t close = text.rfind(')');
  if (close == std::string::npos) return false;
  std::istringstream rest(text.substr(close + 1));
  std::string state;
  int ppid = 0;
  rest >> state >> ppid >> pgid;
  return static_cast<bool>(rest);
}

}  // namespace

Result<MemoryUsage> process_group_memory(int pgid) {
  std::error_code ec;
  std::filesystem::directory_iterator it("/proc", ec);
  if (ec) return Error(ErrorCode::kUnavailable, "cannot read /proc: " + ec.message());
  MemoryUsage usage;
  for (const auto& entry : it) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    int group = 0;
    if (!group_of(entry.path(), group) || group != pgid) continue;
    ProcessMemory memory;
    if (!read_process_memory(std::stoi(name), memory)) continue;  // a zombie, or gone while read
    usage.rss_bytes += memory.rss_bytes;
    usage.peak_rss_bytes += memory.peak_rss_bytes;
    ++usage.processes;
  }
  if (usage.processes == 0) return Error(ErrorCode::kNotFound, "no live process in group " + std::to_string(pgid));
  return usage;
}

}  // namespace gauntlet::chaos::process
