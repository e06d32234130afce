#include "json_document.h"

#include "gauntlet/harness/input_file.h"
#include "gauntlet/harness/nesting.h"
#include "nonfinite_tokens.h"

namespace gauntlet::ci::detail {
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

Result<json> parse_json_document(std::string_view text, const std::string& source, std::string_view what) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return Error(ErrorCode::kParseError, source + ":1:1: empty file, expected " + std::string(what));
  if (json_nesting_depth(text) > kMaxNestingDepth)
    return Error(ErrorCode::kParseError,
                 source + ": nesting deeper than " + std::to_string(kMaxNestingDepth) + " levels");
  const std::string cleaned = quote_nonfinite_tokens(text);
  // Every parser failure arrives as an exception (parse_error, or out_of_range
  // for a number beyond a double) and leaves as a value.
  try {
    return json::parse(cleaned);
  } catch (const json::exception& e) {
    auto [line, col] = line_and_column(text, offset_of(e, text));
    return Error(ErrorCode::kParseError,
                 source + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " + reason(e));
  }
}

Result<std::string> read_text_file(const std::string& path, std::string_view what) {
  return read_input_file(path, what);
}

}  // namespace gauntlet::ci::detail
