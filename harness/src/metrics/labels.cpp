#include "gauntlet/harness/metrics/labels.h"

#include <fmt/format.h>

namespace gauntlet::metrics {
namespace {

bool is_letter(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

Error bad_char(std::string_view what, std::string_view name, std::size_t pos) {
  return Error(ErrorCode::kInvalidArgument,
               fmt::format("invalid {} \"{}\": character {} ('{}') is not allowed", what, name, pos + 1,
                           name[pos] >= 0x20 && name[pos] < 0x7f
                               ? fmt::format("{}", name[pos])
                               : fmt::format("\\x{:02x}", static_cast<unsigned char>(name[pos]))));
}

}  // namespace

Status validate_metric_name(std::string_view name) {
  if (name.empty()) return Error(ErrorCode::kInvalidArgument, "invalid metric name: empty");
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool ok = is_letter(c) || c == '_' || c == ':' || (i > 0 && is_digit(c));
    if (!ok) return bad_char("metric name", name, i);
  }
  return Status::Ok();
}

Status validate_label_name(std::string_view name) {
  if (name.empty()) return Error(ErrorCode::kInvalidArgument, "invalid label name: empty");
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool ok = is_letter(c) || c == '_' || (i > 0 && is_digit(c));
    if (!ok) return bad_char("label name", name, i);
  }
  if (name.starts_with("__")) {
    return Error(ErrorCode::kInvalidArgument,
                 fmt::format("invalid label name \"{}\": names starting with __ are reserved", name));
  }
  if (name == "le" || name == "quantile") {
    return Error(ErrorCode::kInvalidArgument,
                 fmt::format("invalid label name \"{}\": reserved for histogram and summary samples", name));
  }
  return Status::Ok();
}

Status validate_label_value(std::string_view value) {
  // UTF-8 well-formedness (RFC 3629: no overlongs, surrogates or > U+10FFFF).
  const auto* s = reinterpret_cast<const unsigned char*>(value.data());
  const std::size_t n = value.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    std::size_t len = 0;
    unsigned lo = 0x80, hi = 0xBF;  // bounds of the second byte
    if (c < 0x80) len = 1;
    else if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) {
      len = 3;
      lo = 0xA0;
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) len = 3;
    else if (c == 0xED) {
      len = 3;
      hi = 0x9F;
    } else if (c == 0xF0) {
      len = 4;
      lo = 0x90;
    } else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else if (c == 0xF4) {
      len = 4;
      hi = 0x8F;
    }
    bool ok = len != 0 && i + len <= n;
    for (std::size_t k = 1; ok && k < len; ++k) {
      const unsigned b = s[i + k];
      ok = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
    }
    if (!ok) {
      return Error(ErrorCode::kInvalidArgument, fmt::format("invalid label value: not UTF-8 at byte {}", i + 1));
    }
    i += len;
  }
  return Status::Ok();
}

}  // namespace gauntlet::metrics
