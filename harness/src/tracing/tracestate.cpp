#include "gauntlet/harness/tracing/trace_context.h"

#include <algorithm>
#include <array>

namespace gauntlet::tracing {
namespace {

constexpr std::size_t kMaxMembers = 32;

bool is_lcalpha(char c) noexcept { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_key_char(char c) noexcept {
  return is_lcalpha(c) || is_digit(c) || c == '_' || c == '-' || c == '*' || c == '/';
}

// simple-key = lcalpha 0*255(keychar); tenant-id = (lcalpha / DIGIT) 0*240(keychar);
// system-id = lcalpha 0*13(keychar).
bool valid_key_part(std::string_view s, std::size_t max, bool digit_first) noexcept {
  if (s.empty() || s.size() > max) return false;
  if (!is_lcalpha(s[0]) && !(digit_first && is_digit(s[0]))) return false;
  return std::all_of(s.begin() + 1, s.end(), is_key_char);
}

bool valid_key(std::string_view key) noexcept {
  const auto at = key.find('@');
  if (at == std::string_view::npos) return valid_key_part(key, 256, false);
  return valid_key_part(key.substr(0, at), 241, true) && valid_key_part(key.substr(at + 1), 14, false);
}

// value = 0*255(chr) nblk-chr; chr = %x20 / nblk-chr; nblk-chr = %x21-2B / %x2D-3C / %x3E-7E.
bool valid_value(std::string_view value) noexcept {
  if (value.empty() || value.size() > 256 || value.back() == ' ') return false;
  return std::all_of(value.begin(), value.end(), [](char c) { return c >= 0x20 && c <= 0x7E && c != ',' && c != '='; });
}

std::string_view trim_ows(std::string_view s) noexcept {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

}  // namespace

bool is_valid_tracestate(std::string_view value) noexcept {
  std::array<std::string_view, kMaxMembers> keys;
  std::size_t count = 0;
  std::size_t pos = 0;
  while (pos <= value.size()) {
    std::size_t comma = value.find(',', pos);
    if (comma == std::string_view::npos) comma = value.size();
    const std::string_view member = trim_ows(value.substr(pos, comma - pos));
    pos = comma + 1;
    if (member.empty()) continue;
    const auto eq = member.find('=');
    if (eq == std::string_view::npos) return false;
    const std::string_view key = member.substr(0, eq);
    if (!valid_key(key) || !valid_value(member.substr(eq + 1))) return false;
    if (count == kMaxMembers) return false;
    if (std::find(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(count), key) !=
        keys.begin() + static_cast<std::ptrdiff_t>(count)) {
      return false;
    }
    keys[count++] = key;
  }
  return true;
}

}  // namespace gauntlet::tracing
