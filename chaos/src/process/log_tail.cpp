#include "log_tail.h"

#include <fstream>

namespace gauntlet::chaos::process::detail {

std::string file_tail(const std::filesystem::path& path, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return {};
  const auto size = static_cast<std::size_t>(in.tellg());
  const std::size_t take = size < max_bytes ? size : max_bytes;
  in.seekg(static_cast<std::streamoff>(size - take));
  std::string out(take, '\0');
  in.read(out.data(), static_cast<std::streamsize>(take));
  out.resize(static_cast<std::size_t>(in.gcount()));
  return out;
}

bool file_has_line(const std::filesystem::path& path, const std::regex& pattern) {
  std::ifstream in(path);
  std::string line;
  constexpr int kMaxLines = 1'000'000;  // bounded scan
  for (int i = 0; i < kMaxLines && std::getline(in, line); ++i) {
    if (std::regex_search(line, pattern)) return true;
  }
  return false;
}

}  // namespace gauntlet::chaos::process::detail
