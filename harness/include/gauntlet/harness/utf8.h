#pragma once
/// UTF-8 checks for text that reaches a JSON or XML writer: a name from a
/// YAML file, a command-line argument or a database may hold any bytes.
#include <string>
#include <string_view>

namespace gauntlet {

/// True when `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no
/// surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text) noexcept;

/// Byte offset of the first ill-formed sequence, or npos when there is none.
std::size_t first_invalid_utf8(std::string_view text) noexcept;

/// `text` with every ill-formed sequence replaced by U+FFFD (one per
/// maximal ill-formed subpart, as the Unicode standard recommends).
std::string sanitize_utf8(std::string_view text);

}  // namespace gauntlet
