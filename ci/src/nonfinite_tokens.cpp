#include "nonfinite_tokens.h"

#include <cctype>

namespace gauntlet::ci::detail {
namespace {

bool starts_token(std::string_view text, std::size_t i, std::string_view token) {
  if (text.substr(i, token.size()) != token) return false;
  const std::size_t end = i + token.size();
  // Must not run into an identifier character (e.g. "NaNx").
  return end >= text.size() || !std::isalnum(static_cast<unsigned char>(text[end]));
}

}  // namespace

std::string quote_nonfinite_tokens(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (in_string) {
      out.push_back(c);
      if (c == '\\' && i + 1 < text.size()) {
        out.push_back(text[i + 1]);
        i += 2;
        continue;
      }
      if (c == '"') in_string = false;
      ++i;
      continue;
    }
    if (c == '"') {
      in_string = true;
      out.push_back(c);
      ++i;
      continue;
    }
    struct Rewrite {
      std::string_view token;
      std::string_view marker;
    };
    static constexpr Rewrite kRewrites[] = {
        {"-Infinity", kNegInfMarker}, {"Infinity", kInfMarker}, {"-NaN", kNegNaNMarker}, {"NaN", kNaNMarker}};
    bool rewritten = false;
    for (const Rewrite& r : kRewrites) {
      if (starts_token(text, i, r.token)) {
        out.push_back('"');
        out.append(r.marker);
        out.push_back('"');
        i += r.token.size();
        rewritten = true;
        break;
      }
    }
    if (!rewritten) {
      out.push_back(c);
      ++i;
    }
  }
  return out;
}

}  // namespace gauntlet::ci::detail
