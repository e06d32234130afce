#pragma once
/// Nesting bounds for structured input. Readers refuse deeper documents
/// before parsing them, so no recursive walk (a parser's, a copy's, a
/// comparison's) can exhaust the stack.
#include <cstddef>
#include <string_view>

namespace gauntlet {

/// Deepest nesting any Gauntlet reader accepts (JSON arrays and objects,
/// YAML collections). Every real document is well under 20.
inline constexpr std::size_t kMaxNestingDepth = 128;

/// Deepest nesting of `[` and `{` in JSON text, outside string literals
/// (escapes honoured). Unbalanced text is measured as far as it goes.
std::size_t json_nesting_depth(std::string_view text) noexcept;

}  // namespace gauntlet
