#include "gauntlet/properties/metrics/prometheus_text.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace gauntlet::properties::metrics {
namespace {

bool name_char(char c, bool first) {
  const bool alpha = std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_' || c == ':';
  return first ? alpha : alpha || std::isdigit(static_cast<unsigned char>(c)) != 0;
}

class LineReader {
 public:
  LineReader(std::string_view line, std::size_t number) : line_(line), number_(number) {}

  Error error(const std::string& what) const {
    return Error(ErrorCode::kParseError,
                 "line " + std::to_string(number_) + ", column " + std::to_string(pos_ + 1) + ": " + what);
  }
  bool done() const { return pos_ >= line_.size(); }
  char peek() const { return done() ? '\0' : line_[pos_]; }
  bool accept(char c) {
    if (peek() != c || done()) return false;
    ++pos_;
    return true;
  }
  void skip_spaces() {
    while (!done() && (peek() == ' ' || peek() == '\t')) ++pos_;
  }
  std::string name() {
    const std::size_t start = pos_;
    while (!done() && name_char(peek(), pos_ == start)) ++pos_;
    return std::string(line_.substr(start, pos_ - start));
  }
  Result<std::string> quoted() {
    if (peek() != '"') return error("expected '\"'");
    ++pos_;
    std::string out;
    while (!done() && peek() != '"') {
      char c = line_[pos_++];
      if (c == '\\') {
        if (done()) return error("unfinished escape");
        const char e = line_[pos_++];
        if (e == 'n') {
          out.push_back('\n');
        } else if (e == '\\' || e == '"') {
          out.push_back(e);
        } else {
          return error(std::string("unknown escape \\") + e);
        }
      } else {
        out.push_back(c);
      }
    }
    if (done()) return error("unterminated label value");
    ++pos_;
    return out;
  }
  Result<double> number() {
    const std::size_t start = pos_;
    while (!done() && peek() != ' ' && peek() != '\t') ++pos_;
    const std::string token(line_.substr(start, pos_ - start));
    if (token == "+Inf" || token == "Inf") return std::numeric_limits<double>::infinity();
    if (token == "-Inf") return -std::numeric_limits<double>::infinity();
    if (token == "NaN") return std::numeric_limits<double>::quiet_NaN();
    char* end = nullptr;
    const double value = std::strtod(token.c_str(), &end);
    if (token.empty() || end != token.c_str() + token.size()) return error("bad value '" + token + "'");
    return value;
  }

 private:
  std::string_view line_;
  std::size_t number_;
  std::size_t pos_ = 0;
};

Result<TextSample> parse_line(std::string_view line, std::size_t number) {
  LineReader in(line, number);
  TextSample sample;
  sample.name = in.name();
  if (sample.name.empty()) return in.error("expected a metric name");
  in.skip_spaces();
  if (in.accept('{')) {
    in.skip_spaces();
    while (!in.accept('}')) {
      std::string label = in.name();
      if (label.empty()) return in.error("expected a label name");
      in.skip_spaces();
      if (!in.accept('=')) return in.error("expected '='");
      in.skip_spaces();
      auto value = in.quoted();
      if (!value) return value.error();
      sample.labels.emplace_back(std::move(label), std::move(*value));
      in.skip_spaces();
      if (in.accept(',')) {
        in.skip_spaces();
      } else if (in.peek() != '}') {
        return in.error("expected ',' or '}'");
      }
    }
    in.skip_spaces();
  }
  auto value = in.number();
  if (!value) return value.error();
  sample.value = *value;
  return sample;
}

}  // namespace

Result<std::vector<TextSample>> parse_prometheus_text(std::string_view text) {
  std::vector<TextSample> samples;
  std::size_t number = 0;
  while (!text.empty()) {
    const std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
    ++number;
    if (line.empty() || line.front() == '#') continue;
    auto sample = parse_line(line, number);
    if (!sample) return sample.error();
    samples.push_back(std::move(*sample));
  }
  return samples;
}

Result<std::vector<TextMetadata>> parse_prometheus_metadata(std::string_view text) {
  std::vector<TextMetadata> out;
  std::size_t number = 0;
  while (!text.empty()) {
    const std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
    ++number;
    const bool help = line.starts_with("# HELP ");
    if (!help && !line.starts_with("# TYPE ")) continue;
    line.remove_prefix(7);
    const std::size_t space = line.find(' ');
    TextMetadata m{help ? "HELP" : "TYPE", std::string(line.substr(0, space)),
                   space == std::string_view::npos ? std::string() : std::string(line.substr(space + 1)), number};
    if (!is_valid_metric_name(m.name) || (space == std::string_view::npos && !help)) {
      return Error(ErrorCode::kParseError, "line " + std::to_string(number) + ": malformed # " + m.keyword + " line");
    }
    if (!help && m.rest != "counter" && m.rest != "gauge" && m.rest != "histogram" && m.rest != "summary" &&
        m.rest != "untyped") {
      return Error(ErrorCode::kParseError, "line " + std::to_string(number) + ": unknown type '" + m.rest + "'");
    }
    out.push_back(std::move(m));
  }
  return out;
}

bool is_valid_metric_name(std::string_view name) noexcept {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (!name_char(name[i], i == 0)) return false;
  }
  return true;
}

}  // namespace gauntlet::properties::metrics
