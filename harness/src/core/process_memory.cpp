#include "gauntlet/harness/process_memory.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace gauntlet {
namespace {

// "/proc/<pid>/status" into `out` (at least 32 bytes).
void status_path(pid_t pid, char* out) noexcept {
  char digits[16];
  int n = 0;
  for (auto v = static_cast<unsigned long>(pid); n == 0 || v > 0; v /= 10)
    digits[n++] = static_cast<char>('0' + v % 10);
  std::memcpy(out, "/proc/", 6);
  char* p = out + 6;
  while (n > 0) *p++ = digits[--n];
  std::memcpy(p, "/status", 8);
}

// The number after `key` ("VmRSS:") at the start of a line, in kB; -1 if absent.
long long field_kib(const char* text, const char* key) noexcept {
  const std::size_t key_len = std::strlen(key);
  for (const char* line = text; *line != '\0';) {
    if (std::strncmp(line, key, key_len) == 0) {
      const char* p = line + key_len;
      while (*p == ' ' || *p == '\t') ++p;
      if (*p < '0' || *p > '9') return -1;
      long long v = 0;
      for (; *p >= '0' && *p <= '9'; ++p) v = v * 10 + (*p - '0');
      return v;
    }
    const char* next = std::strchr(line, '\n');
    if (next == nullptr) break;
    line = next + 1;
  }
  return -1;
}

}  // namespace

bool read_process_memory(pid_t pid, ProcessMemory& out) noexcept {
  char path[32];
  status_path(pid, path);
  const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char text[8192];
  std::size_t size = 0;
  for (;;) {
    const ssize_t n = ::read(fd, text + size, sizeof text - 1 - size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    size += static_cast<std::size_t>(n);
    if (size == sizeof text - 1) break;
  }
  ::close(fd);
  text[size] = '\0';
  const long long rss = field_kib(text, "VmRSS:");
  if (rss < 0) return false;
  const long long hwm = field_kib(text, "VmHWM:");
  out.rss_bytes = static_cast<std::uint64_t>(rss) * 1024;
  out.peak_rss_bytes = hwm > 0 ? static_cast<std::uint64_t>(hwm) * 1024 : 0;
  return true;
}

}  // namespace gauntlet
