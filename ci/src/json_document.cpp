#include "json_document.h"

#include <fstream>
#include <sstream>

#include "nonfinite_tokens.h"

namespace gauntlet::ci::detail {

Result<nlohmann::json> parse_json_document(std::string_view text, const std::string& source, std::string_view what) {
  using json = nlohmann::json;
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return Error(ErrorCode::kParseError, source + ":1:1: empty file, expected " + std::string(what));
  const std::string cleaned = quote_nonfinite_tokens(text);
  json doc = json::parse(cleaned, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_discarded()) return doc;
  // Re-parse with exceptions only to learn where and why.
  try {
    const json unused = json::parse(cleaned);
    (void)unused;
  } catch (const json::parse_error& e) {
    const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    auto [line, col] = line_and_column(text, offset);
    std::string why = e.what();
    const auto colon = why.find(": ", why.find("column"));
    if (colon != std::string::npos) why = why.substr(colon + 2);
    return Error(ErrorCode::kParseError, source + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " + why);
  }
  return Error(ErrorCode::kParseError, source + ": malformed JSON");
}

Result<std::string> read_text_file(const std::string& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error(ErrorCode::kNotFound, path + ": cannot open " + std::string(what));
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return Error(ErrorCode::kIoError, path + ": read failed");
  return buf.str();
}

}  // namespace gauntlet::ci::detail
