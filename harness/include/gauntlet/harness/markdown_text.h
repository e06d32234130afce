#pragma once
/// Markdown (GitHub flavour) for text from outside: every Markdown writer
/// (the gate's summary, the report's) passes names and messages through these.
#include <string>
#include <string_view>

namespace gauntlet {

/// Inline text: HTML specials as entities, Markdown punctuation
/// backslash-escaped, newlines as spaces, invalid UTF-8 as U+FFFD; safe in
/// table cells.
std::string markdown_inline(std::string_view text);

/// A fenced code block ("text") whose fence is longer than any backtick run
/// inside; invalid UTF-8 as U+FFFD.
std::string markdown_code_block(std::string_view text);

}  // namespace gauntlet
