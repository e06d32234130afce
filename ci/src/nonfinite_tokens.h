#pragma once
// Rewrites Google Benchmark's bare NaN / Infinity tokens into same-length
// string literals so a strict JSON parser accepts the text and error columns
// still point at the original text.
#include <string>
#include <string_view>

namespace gauntlet::ci::detail {

inline constexpr std::string_view kNaNMarker = "N";           // "NaN"       -> "\"N\""
inline constexpr std::string_view kNegNaNMarker = "-N";       // "-NaN"      -> "\"-N\""
inline constexpr std::string_view kInfMarker = "Infini";      // "Infinity"  -> "\"Infini\""
inline constexpr std::string_view kNegInfMarker = "-Infini";  // "-Infinity" -> "\"-Infini\""

/// Copy of `text` with bare tokens outside string literals replaced.
std::string quote_nonfinite_tokens(std::string_view text);

}  // namespace gauntlet::ci::detail
