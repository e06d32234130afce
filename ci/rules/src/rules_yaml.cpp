#include "gauntlet/ci/rules/rules_yaml.h"

#include <fmt/format.h>

namespace gauntlet::ci::rules {
namespace {

// Characters YAML reads as line breaks or cannot hold in single quotes.
bool needs_escapes(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) return true;
    if (c == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x85) return true;  // NEL
    if (c == 0xe2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0xa8 || static_cast<unsigned char>(s[i + 2]) == 0xa9))
      return true;  // line and paragraph separators
  }
  return false;
}

std::string double_quoted(std::string_view s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\\' || c == '"') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", c);
    } else if (c == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x85) {
      out += "\\u0085";
      ++i;
    } else if (c == 0xe2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0xa8 || static_cast<unsigned char>(s[i + 2]) == 0xa9)) {
      out += static_cast<unsigned char>(s[i + 2]) == 0xa8 ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string quoted(std::string_view s) {
  if (needs_escapes(s)) return double_quoted(s);
  std::string out = "'";
  for (char c : s) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

void append_map(std::string& out, const char* key, const KeyValues& entries) {
  if (entries.empty()) return;
  out += fmt::format("        {}:\n", key);
  for (const auto& [k, v] : entries) out += fmt::format("          {}: {}\n", k, quoted(v));
}

}  // namespace

std::string to_rules_yaml(const RuleSet& rules) {
  std::string sources = rules.sources;
  for (char& c : sources) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';  // a comment is one line
  }
  std::string out = fmt::format(
      "# Prometheus alerting rules written by `gauntlet rules` from {}.\n"
      "# Regenerate them rather than editing them (docs/rules.md).\n",
      sources);
  if (rules.groups.empty()) return out + "groups: []\n";
  out += "groups:\n";
  for (const RuleGroup& g : rules.groups) {
    out += fmt::format("  - name: {}\n    rules:\n", quoted(g.name));
    for (const AlertRule& r : g.rules) {
      out += fmt::format("      - alert: {}\n", r.alert);
      out += fmt::format("        expr: {}\n", quoted(r.expr));
      out += fmt::format("        for: {}\n", r.for_duration);
      append_map(out, "labels", r.labels);
      append_map(out, "annotations", r.annotations);
    }
  }
  return out;
}

}  // namespace gauntlet::ci::rules
