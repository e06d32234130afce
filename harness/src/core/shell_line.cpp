#include "gauntlet/harness/shell_line.h"

namespace gauntlet {
namespace {

bool plain(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("_@%+=:,./-").find(c) != std::string_view::npos;
}

}  // namespace

std::string shell_quote(std::string_view word) {
  bool all_plain = !word.empty();
  for (char c : word) all_plain = all_plain && plain(c);
  if (all_plain) return std::string(word);
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string shell_line(const std::vector<std::string>& argv,
                       const std::vector<std::pair<std::string, std::string>>& env) {
  std::string line;
  auto append = [&line](const std::string& part) {
    if (!line.empty()) line += ' ';
    line += part;
  };
  for (const auto& [name, value] : env) append(name + "=" + shell_quote(value));
  for (const std::string& word : argv) append(shell_quote(word));
  return line;
}

}  // namespace gauntlet
