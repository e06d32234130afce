#pragma once
// Escaping for every output format; writers pass all outside text through these.
#include <cstddef>
#include <string>
#include <string_view>

namespace gauntlet::reports::detail {

/// HTML text and attribute values: & < > " ' become entities.
void append_html(std::string& out, std::string_view text);
std::string html(std::string_view text);

/// XML 1.0 text or attribute: entities for & < > " ', tab/newline/CR as character
/// references in attributes, other control characters (not allowed in XML 1.0)
/// and invalid UTF-8 replaced by U+FFFD.
std::string xml_attr(std::string_view text);
std::string xml_text(std::string_view text);

/// Keeps at most `max_bytes` of `text` (cut on a UTF-8 boundary) and says how
/// much was dropped.
std::string cap_text(std::string_view text, std::size_t max_bytes);

/// Numbers with fixed decimals, no exponent; "n/a" for NaN and infinities.
std::string fixed(double value, int decimals);

/// A value in `unit` for people: nanoseconds scale to "23.4 ms", "1.20 µs";
/// other units print as "12.3 unit". "n/a" when not finite.
std::string quantity(double value, const std::string& unit);

}  // namespace gauntlet::reports::detail
