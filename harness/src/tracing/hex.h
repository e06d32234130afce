#pragma once
// Lowercase hex of 64-bit words, shared by ids and traceparent.
#include <cstdint>
#include <string_view>

namespace gauntlet::tracing::detail {

inline constexpr char kHexDigits[] = "0123456789abcdef";

/// Writes 16 lowercase hex characters of `value` to `out`.
inline void write_hex(std::uint64_t value, char* out) noexcept {
  for (int i = 15; i >= 0; --i) {
    out[i] = kHexDigits[value & 0xF];
    value >>= 4;
  }
}

/// Value of a lowercase hex digit, or -1 (uppercase is not hex in W3C ids).
constexpr int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

/// Parses up to 16 lowercase hex characters; false on any other character.
inline bool read_hex(std::string_view hex, std::uint64_t& out) noexcept {
  std::uint64_t value = 0;
  for (char c : hex) {
    const int digit = hex_value(c);
    if (digit < 0) return false;
    value = (value << 4) | static_cast<std::uint64_t>(digit);
  }
  out = value;
  return true;
}

}  // namespace gauntlet::tracing::detail
