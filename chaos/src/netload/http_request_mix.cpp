#include "http_request_mix.h"

#include "gauntlet/harness/stats/seeded_random.h"

#include <algorithm>
#include <cmath>

namespace gauntlet::chaos::netload::detail {

namespace {

constexpr std::uint64_t kGamma = 0x9E3779B97F4A7C15ULL;

bool iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(x) == lower(y);
  });
}

// RFC 9110 tchar.
bool is_token(std::string_view text) {
  if (text.empty()) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
  });
}

bool is_method(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// A request target: starts with '/', no spaces or control characters.
bool is_path(std::string_view text) {
  return !text.empty() && text.front() == '/' && std::none_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) <= ' ' || c == 0x7f;
  });
}

bool is_field_value(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

bool has_header(const HttpRequestTemplate& request, std::string_view name) {
  return std::any_of(request.headers.begin(), request.headers.end(),
                     [&](const auto& header) { return iequals(header.first, name); });
}

Status bad(const std::string& field, std::string_view rule) {
  return Error(ErrorCode::kInvalidArgument, "net load: " + field + " " + std::string(rule));
}

}  // namespace

std::string http_request_bytes(const HttpRequestTemplate& request, const Endpoint& host, bool keep_alive) {
  std::string out = request.method + " " + request.path + " HTTP/1.1\r\n";
  auto field = [&out](std::string_view name, std::string_view value) {
    out.append(name).append(": ").append(value).append("\r\n");
  };
  if (!has_header(request, "Host")) field("Host", host.to_string());
  if (!has_header(request, "User-Agent")) field("User-Agent", "gauntlet-netload");
  for (const auto& [name, value] : request.headers) field(name, value);
  if (!keep_alive) field("Connection", "close");
  if (!request.body.empty()) field("Content-Length", std::to_string(request.body.size()));
  out += "\r\n";
  out += request.body;
  return out;
}

Status validate_request_mix(const NetLoadSpec& spec) {
  if (spec.protocol != Protocol::kHttp) return {};
  if (spec.requests.empty() && !is_path(spec.path)) {
    return bad("path", "must start with '/' and have no spaces or control characters");
  }
  if (spec.requests.size() > kMaxRequestTemplates) {
    return bad("requests", "must have at most " + std::to_string(kMaxRequestTemplates) + " templates");
  }
  for (std::size_t i = 0; i < spec.requests.size(); ++i) {
    const HttpRequestTemplate& r = spec.requests[i];
    const std::string at = "requests[" + std::to_string(i) + "].";
    if (!(std::isfinite(r.weight) && r.weight > 0)) return bad(at + "weight", "must be finite and > 0");
    if (!is_method(r.method)) return bad(at + "method", "must be upper-case letters A-Z");
    if (!is_path(r.path)) return bad(at + "path", "must start with '/' and have no spaces or control characters");
    for (const auto& [name, value] : r.headers) {
      if (!is_token(name)) return bad(at + "headers", "name '" + name + "' is not a token");
      if (!is_field_value(value)) return bad(at + "headers", "value of " + name + " must not contain CR, LF or NUL");
      for (std::string_view framing : {"Content-Length", "Transfer-Encoding", "Connection"}) {
        if (iequals(name, framing)) return bad(at + "headers", std::string(framing) + " is set by the load generator");
      }
    }
    if (r.body.size() > kMaxRequestBodyBytes) return bad(at + "body", "must be at most 1 MiB");
  }
  if (spec.ok_statuses.empty()) return bad("ok_statuses", "must not be empty");
  for (const auto& [lo, hi] : spec.ok_statuses) {
    if (lo < 100 || hi > 599 || lo > hi) {
      return bad("ok_statuses",
                 "range " + std::to_string(lo) + ".." + std::to_string(hi) + " must lie within 100..599 with lo <= hi");
    }
  }
  return {};
}

RequestMix::RequestMix(const NetLoadSpec& spec) : key_(stats::SeededRandom(spec.seed).next()) {
  if (spec.protocol == Protocol::kRawTcp) {
    requests_.push_back({spec.raw_request, false});
    cumulative_.push_back(1);
    return;
  }
  if (spec.requests.empty()) {
    HttpRequestTemplate get;
    get.path = spec.path;
    requests_.push_back({http_request_bytes(get, spec.target, spec.keep_alive), false});
    cumulative_.push_back(1);
    return;
  }
  double total = 0;
  for (const HttpRequestTemplate& r : spec.requests) {
    requests_.push_back({http_request_bytes(r, spec.target, spec.keep_alive), r.method == "HEAD"});
    cumulative_.push_back(total += r.weight);
  }
}

std::size_t RequestMix::index(std::uint64_t number) const noexcept {
  if (requests_.size() == 1) return 0;
  const double u = stats::SeededRandom(key_ + number * kGamma).uniform() * cumulative_.back();
  const auto at = std::upper_bound(cumulative_.begin(), cumulative_.end(), u) - cumulative_.begin();
  return std::min(static_cast<std::size_t>(at), requests_.size() - 1);
}

}  // namespace gauntlet::chaos::netload::detail
