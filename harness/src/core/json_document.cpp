#include "gauntlet/harness/json_document.h"

#include "gauntlet/harness/nesting.h"

#include <string>

namespace gauntlet {
namespace {

using json = nlohmann::json;

// nlohmann's message without its "[json.exception.x.n] " tag and, for parse
// errors, without the "parse error at line L, column C: " prefix.
std::string reason(const json::exception& e) {
  std::string why = e.what();
  if (const auto tag = why.find("] "); tag != std::string::npos) why = why.substr(tag + 2);
  if (const auto column = why.find("column"); column != std::string::npos) {
    if (const auto colon = why.find(": ", column); colon != std::string::npos) why = why.substr(colon + 2);
  }
  return why;
}

// Where the error is: the parser's byte offset, or for a number out of range
// ("number overflow parsing '1e400'") the first place that number appears.
std::size_t offset_of(const json::exception& e, std::string_view text) {
  if (const auto* pe = dynamic_cast<const json::parse_error*>(&e)) return pe->byte > 0 ? pe->byte - 1 : 0;
  const std::string what = e.what();
  const auto open = what.find("parsing '");
  const auto close = what.rfind('\'');
  if (open == std::string::npos || close <= open + 9) return 0;
  const std::size_t at = text.find(what.substr(open + 9, close - open - 9));
  return at == std::string_view::npos ? 0 : at;
}

}  // namespace

Result<json> parse_json_document(std::string_view text, std::string_view source, std::string_view what) {
  const std::string from(source);
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return Error(ErrorCode::kParseError, from + ":1:1: empty file, expected " + std::string(what));
  if (json_nesting_depth(text) > kMaxNestingDepth)
    return Error(ErrorCode::kParseError,
                 from + ": nesting deeper than " + std::to_string(kMaxNestingDepth) + " levels");
  // Every parser failure arrives as an exception (parse_error, or out_of_range
  // for a number beyond a double) and leaves as a value.
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::exception& e) {
    auto [line, col] = line_and_column(text, offset_of(e, text));
    return Error(ErrorCode::kParseError,
                 from + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " + reason(e));
  }
}

std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

}  // namespace gauntlet
