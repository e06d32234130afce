#include "service/placeholders.h"

namespace gauntlet::chaos::service::detail {
namespace {

// Walks `text`, calling on_text for literal runs and on_ref(kind, name) for
// each placeholder; stops at the first error.
template <typename OnText, typename OnRef>
Status walk(std::string_view text, OnText on_text, OnRef on_ref) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      on_text(std::string_view(&text[i], 1));
      i += 2;
      continue;
    }
    if (c == '}') return Error(ErrorCode::kInvalidArgument, "'}' without '{' (write '}}' for a brace)");
    if (c != '{') {
      const std::size_t next = text.find_first_of("{}", i);
      const std::size_t end = next == std::string_view::npos ? text.size() : next;
      on_text(text.substr(i, end - i));
      i = end;
      continue;
    }
    const std::size_t close = text.find('}', i);
    if (close == std::string_view::npos) {
      return Error(ErrorCode::kInvalidArgument, "placeholder '" + std::string(text.substr(i)) + "' is not closed");
    }
    const std::string_view body = text.substr(i + 1, close - i - 1);
    const std::size_t colon = body.find(':');
    const std::string_view kind = body.substr(0, colon);
    const std::string_view name = colon == std::string_view::npos ? std::string_view() : body.substr(colon + 1);
    const bool named = kind == "port" || kind == "proxy" || kind == "endpoint";
    const bool bare = kind == "dir" || kind == "logs";
    if (!(named || bare) || (named && name.empty()) || (bare && colon != std::string_view::npos)) {
      return Error(
          ErrorCode::kInvalidArgument,
          "placeholder '{" + std::string(body) +
              "}' is unknown (use {port:NAME}, {proxy:NAME}, {endpoint:NAME}, {dir}, {logs}; '{{' for a brace)");
    }
    if (Status s = on_ref(kind, name); !s.ok()) return s;
    i = close + 1;
  }
  return {};
}

}  // namespace

Status scan_placeholders(std::string_view text, PlaceholderRefs& refs) {
  return walk(
      text, [](std::string_view) {},
      [&](std::string_view kind, std::string_view name) -> Status {
        if (kind == "port") refs.ports.emplace(name);
        if (kind == "proxy") refs.proxies.emplace(name);
        if (kind == "endpoint") refs.endpoints.emplace(name);
        return {};
      });
}

Result<std::string> expand_placeholders(std::string_view text, const PlaceholderValues& values) {
  std::string out;
  Status s = walk(
      text, [&](std::string_view literal) { out += literal; },
      [&](std::string_view kind, std::string_view name) -> Status {
        if (kind == "dir") {
          out += values.dir;
          return {};
        }
        if (kind == "logs") {
          out += values.logs;
          return {};
        }
        const auto& table = kind == "port" ? values.ports : kind == "proxy" ? values.proxies : values.endpoints;
        auto it = table.find(std::string(name));
        if (it == table.end()) {
          return Error(ErrorCode::kNotFound, "{" + std::string(kind) + ":" + std::string(name) + "} names no " +
                                                 std::string(kind) + " of this scenario");
        }
        out += it->second;
        return {};
      });
  if (!s.ok()) return s.error();
  return out;
}

}  // namespace gauntlet::chaos::service::detail
