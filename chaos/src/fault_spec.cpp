#include "gauntlet/chaos/fault_spec.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <utility>

namespace gauntlet::chaos {
namespace {

constexpr std::array<std::pair<std::string_view, FaultAction>, 8> kActions{{
    {"off", FaultAction::kOff},
    {"return", FaultAction::kReturn},
    {"throw", FaultAction::kThrow},
    {"delay", FaultAction::kDelay},
    {"sleep", FaultAction::kSleep},
    {"pause", FaultAction::kPause},
    {"yield", FaultAction::kYield},
    {"print", FaultAction::kPrint},
}};

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Recursive-descent parser over one spec; `pos_` is a 0-based offset.
class SpecParser {
 public:
  explicit SpecParser(std::string_view spec) : spec_(spec) {}

  Result<FaultProgram> parse() {
    FaultProgram program;
    skip_spaces();
    if (pos_ == spec_.size()) return fail("empty spec", "an action");
    while (true) {
      auto term = parse_term();
      if (!term) return std::move(term).error();
      program.terms.push_back(std::move(*term));
      skip_spaces();
      if (pos_ == spec_.size()) break;
      if (spec_.substr(pos_, 2) != "->") return fail("unexpected character", "'->' or end of spec");
      pos_ += 2;
      skip_spaces();
    }
    return program;
  }

 private:
  Result<FaultTerm> parse_term() {
    FaultTerm term;
    // Optional p% and n* prefixes: a number followed by '%' or '*'.
    for (int prefix = 0; prefix < 2 && pos_ < spec_.size() && (is_digit(spec_[pos_]) || spec_[pos_] == '.'); ++prefix) {
      std::size_t start = pos_;
      while (pos_ < spec_.size() && (is_digit(spec_[pos_]) || spec_[pos_] == '.')) ++pos_;
      std::string_view number = spec_.substr(start, pos_ - start);
      char mark = pos_ < spec_.size() ? spec_[pos_] : '\0';
      if (mark == '%' && prefix == 0) {
        double p = 0;
        auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), p);
        if (ec != std::errc() || end != number.data() + number.size() || p < 0 || p > 100 || !std::isfinite(p)) {
          return fail_at(start, fmt::format("invalid probability '{}'", number), "a number from 0 to 100");
        }
        term.probability = p / 100.0;
        ++pos_;
      } else if (mark == '*') {
        std::uint64_t n = 0;
        auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), n);
        if (ec != std::errc() || end != number.data() + number.size() || n == 0) {
          return fail_at(start, fmt::format("invalid count '{}'", number), "a positive integer");
        }
        term.count = n;
        ++pos_;
        break;
      } else {
        return fail("number without '%' or '*'", prefix == 0 ? "'%' or '*'" : "'*'");
      }
    }
    std::size_t name_start = pos_;
    while (pos_ < spec_.size() && std::isalpha(static_cast<unsigned char>(spec_[pos_]))) ++pos_;
    std::string_view name = spec_.substr(name_start, pos_ - name_start);
    if (name.empty()) return fail("missing action", "an action");
    bool known = false;
    for (auto [text, action] : kActions) {
      if (text == name) {
        term.action = action;
        known = true;
      }
    }
    if (!known) {
      return fail_at(name_start, fmt::format("unknown action '{}'", name),
                     "one of off, return, throw, delay, sleep, pause, yield, print");
    }
    bool has_arg = false;
    if (pos_ < spec_.size() && spec_[pos_] == '(') {
      std::size_t open = pos_;
      int depth = 0;
      for (; pos_ < spec_.size(); ++pos_) {
        if (spec_[pos_] == '(') ++depth;
        if (spec_[pos_] == ')' && --depth == 0) break;
      }
      if (pos_ == spec_.size()) return fail_at(open, "unclosed '('", "')'");
      term.arg = std::string(spec_.substr(open + 1, pos_ - open - 1));
      ++pos_;
      has_arg = true;
    }
    return check_arg(std::move(term), has_arg, name_start);
  }

  Result<FaultTerm> check_arg(FaultTerm term, bool has_arg, std::size_t at) {
    switch (term.action) {
      case FaultAction::kOff:
      case FaultAction::kPause:
      case FaultAction::kYield:
        if (has_arg) return fail_at(at, fmt::format("action '{}' takes no argument", to_string(term.action)), "no '('");
        break;
      case FaultAction::kDelay:
      case FaultAction::kSleep: {
        std::int64_t ms = -1;
        auto [end, ec] = std::from_chars(term.arg.data(), term.arg.data() + term.arg.size(), ms);
        if (!has_arg || ec != std::errc() || end != term.arg.data() + term.arg.size() || ms < 0) {
          return fail_at(at, fmt::format("action '{}' needs a duration", to_string(term.action)),
                         "milliseconds as a non-negative integer, e.g. delay(50)");
        }
        term.millis = ms;
        break;
      }
      default:
        break;
    }
    return term;
  }

  void skip_spaces() {
    while (pos_ < spec_.size() && is_space(spec_[pos_])) ++pos_;
  }
  Error fail(std::string_view what, std::string_view expected) const { return fail_at(pos_, what, expected); }
  Error fail_at(std::size_t at, std::string_view what, std::string_view expected) const {
    return Error(ErrorCode::kParseError,
                 fmt::format("fault spec \"{}\": {} at column {} (expected {})", spec_, what, at + 1, expected));
  }

  std::string_view spec_;
  std::size_t pos_ = 0;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string_view to_string(FaultAction action) noexcept {
  for (auto [text, a] : kActions) {
    if (a == action) return text;
  }
  return "off";
}

std::string FaultProgram::to_spec() const {
  std::string out;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const FaultTerm& t = terms[i];
    if (i > 0) out += "->";
    if (t.probability < 1.0) out += fmt::format("{}%", t.probability * 100.0);
    if (t.count) out += fmt::format("{}*", *t.count);
    out += to_string(t.action);
    bool takes_arg =
        t.action != FaultAction::kOff && t.action != FaultAction::kPause && t.action != FaultAction::kYield;
    if (takes_arg && (!t.arg.empty() || t.action == FaultAction::kDelay || t.action == FaultAction::kSleep)) {
      out += fmt::format("({})", t.arg);
    }
  }
  return out;
}

Result<FaultProgram> parse_fault_spec(std::string_view spec) { return SpecParser(spec).parse(); }

Result<std::vector<FaultArming>> parse_fault_list(std::string_view list, std::string_view source) {
  std::vector<FaultArming> out;
  std::size_t entry = 0;
  while (!list.empty()) {
    std::size_t semi = list.find(';');
    std::string_view item = trim(list.substr(0, semi));
    list = semi == std::string_view::npos ? std::string_view{} : list.substr(semi + 1);
    ++entry;
    if (item.empty()) continue;
    std::size_t eq = item.find('=');
    std::string_view name = trim(item.substr(0, eq));
    if (eq == std::string_view::npos || name.empty()) {
      return Error(ErrorCode::kParseError, fmt::format("{} entry {} \"{}\": expected point=spec", source, entry, item));
    }
    auto program = parse_fault_spec(trim(item.substr(eq + 1)));
    if (!program) {
      return program.error().with_context(fmt::format("{} entry {} ({})", source, entry, name));
    }
    out.push_back({std::string(name), std::move(*program)});
  }
  return out;
}

}  // namespace gauntlet::chaos
