#include "gauntlet/chaos/proxy/toxic.h"

#include <array>
#include <utility>

namespace gauntlet::chaos::proxy {
namespace {

constexpr std::array<std::pair<ToxicType, std::string_view>, 7> kTypeNames{{
    {ToxicType::kLatency, "latency"},
    {ToxicType::kBandwidth, "bandwidth"},
    {ToxicType::kSlowClose, "slow_close"},
    {ToxicType::kTimeout, "timeout"},
    {ToxicType::kResetPeer, "reset_peer"},
    {ToxicType::kSlicer, "slicer"},
    {ToxicType::kLimitData, "limit_data"},
}};

Error bad(const Toxic& t, std::string_view field, std::string_view rule) {
  return Error(ErrorCode::kInvalidArgument, "toxic '" + t.name + "': " + std::string(field) + " " + std::string(rule));
}

}  // namespace

std::string_view to_string(ToxicType type) noexcept {
  for (const auto& [t, name] : kTypeNames) {
    if (t == type) return name;
  }
  return "unknown";
}

std::string_view to_string(Stream stream) noexcept { return stream == Stream::kUpstream ? "upstream" : "downstream"; }

Result<ToxicType> toxic_type_from(std::string_view name) {
  for (const auto& [t, n] : kTypeNames) {
    if (n == name) return t;
  }
  return Error(ErrorCode::kInvalidArgument, "invalid toxic type '" + std::string(name) + "'");
}

Result<Stream> stream_from(std::string_view name) {
  if (name == "upstream") return Stream::kUpstream;
  if (name == "downstream") return Stream::kDownstream;
  return Error(ErrorCode::kInvalidArgument,
               "stream '" + std::string(name) + "' was invalid, can be either upstream or downstream");
}

Status validate(const Toxic& t) {
  if (t.name.empty()) return bad(t, "name", "must not be empty");
  if (!(t.toxicity >= 0.0 && t.toxicity <= 1.0)) return bad(t, "toxicity", "must be in [0, 1]");
  const std::pair<std::string_view, std::int64_t> fields[] = {{"latency", t.latency},
                                                              {"jitter", t.jitter},
                                                              {"rate", t.rate},
                                                              {"delay", t.delay},
                                                              {"timeout", t.timeout},
                                                              {"average_size", t.average_size},
                                                              {"size_variation", t.size_variation},
                                                              {"bytes", t.bytes}};
  for (const auto& [field, value] : fields) {
    if (value < 0) return bad(t, field, "must not be negative");
  }
  struct Bound {
    std::string_view field;
    std::int64_t value, max;
    std::string_view unit;
  };
  const bool slicer = t.type == ToxicType::kSlicer;
  const Bound bounds[] = {{"latency", t.latency, kMaxToxicMillis, "ms"},
                          {"jitter", t.jitter, kMaxToxicMillis, "ms"},
                          {"timeout", t.timeout, kMaxToxicMillis, "ms"},
                          {"delay", t.delay, slicer ? kMaxSlicerDelayMicros : kMaxToxicMillis, slicer ? "us" : "ms"},
                          {"rate", t.rate, kMaxBandwidthRate, "KB/s"},
                          {"average_size", t.average_size, kMaxSliceBytes, "bytes"},
                          {"size_variation", t.size_variation, kMaxSliceBytes, "bytes"},
                          {"bytes", t.bytes, kMaxLimitBytes, "bytes"}};
  for (const Bound& b : bounds) {
    if (b.value > b.max) {
      return bad(t, b.field, "must be at most " + std::to_string(b.max) + " " + std::string(b.unit));
    }
  }
  if (t.type == ToxicType::kBandwidth && t.rate < 1) {
    return bad(t, "rate", "must be at least 1 KB/s (remove the toxic for no limit)");
  }
  if (t.type == ToxicType::kSlicer) {
    if (t.average_size <= 0) return bad(t, "average_size", "must be positive");
    // Pieces are at least one byte, so a variation as large as the average is fine.
    if (t.size_variation > t.average_size) return bad(t, "size_variation", "must not exceed average_size");
  }
  return {};
}

}  // namespace gauntlet::chaos::proxy
