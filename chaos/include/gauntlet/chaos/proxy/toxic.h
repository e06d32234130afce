#pragma once
/// Toxics: the faults the TCP proxy applies to one direction of a connection.
/// Types, attribute names and units follow Toxiproxy's.
#include "gauntlet/harness/error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gauntlet::chaos::proxy {

enum class ToxicType {
  kLatency,    ///< delay each chunk by latency ± jitter ms after its own arrival (a response is delayed once)
  kBandwidth,  ///< at most `rate` KB/s (1 KB = 1000 bytes)
  kSlowClose,  ///< delay the close by `delay` ms
  kTimeout,    ///< drop all data; close after `timeout` ms (0: never, until removed)
  kResetPeer,  ///< reset the connection (TCP RST) after `timeout` ms
  kSlicer,     ///< split data into ~average_size ± size_variation byte pieces, `delay` µs apart
  kLimitData,  ///< close the connection after `bytes` bytes
};

/// upstream = client → server, downstream = server → client.
enum class Stream { kUpstream, kDownstream };

std::string_view to_string(ToxicType type) noexcept;
std::string_view to_string(Stream stream) noexcept;
/// Parses Toxiproxy's names ("latency", "slow_close", ...); kInvalidArgument otherwise.
Result<ToxicType> toxic_type_from(std::string_view name);
Result<Stream> stream_from(std::string_view name);

/// One toxic with its attributes (only those of its type are used).
struct Toxic {
  std::string name;  ///< defaults to "<type>_<stream>"
  ToxicType type = ToxicType::kLatency;
  Stream stream = Stream::kDownstream;
  double toxicity = 1.0;     ///< probability in [0, 1] that a connection gets it (decided per connection from the seed)
  std::int64_t latency = 0;  ///< ms (latency)
  std::int64_t jitter = 0;   ///< ms (latency)
  std::int64_t rate = 0;     ///< KB/s (bandwidth)
  std::int64_t delay = 0;    ///< ms (slow_close), µs (slicer)
  std::int64_t timeout = 0;  ///< ms (timeout, reset_peer)
  std::int64_t average_size = 0;    ///< bytes (slicer)
  std::int64_t size_variation = 0;  ///< bytes (slicer)
  std::int64_t bytes = 0;           ///< bytes (limit_data)
  friend bool operator==(const Toxic&, const Toxic&) = default;
};

/// Upper bounds of the attributes: a longer wait is a mistake, and the
/// arithmetic on them (milliseconds to microseconds, bytes over a rate) stays
/// exact and in range.
inline constexpr std::int64_t kMaxToxicMillis =
    24LL * 3600 * 1000;  ///< latency, jitter, timeout, slow_close delay: 24 h
inline constexpr std::int64_t kMaxSlicerDelayMicros = 60LL * 1000 * 1000;  ///< slicer delay: 60 s
inline constexpr std::int64_t kMaxBandwidthRate = 1'000'000'000;           ///< KB/s (1 TB/s)
inline constexpr std::int64_t kMaxSliceBytes = 64LL * 1024 * 1024;         ///< slicer average_size, size_variation
inline constexpr std::int64_t kMaxLimitBytes = 1LL << 50;                  ///< limit_data bytes (1 PiB)

/// Checks ranges (toxicity in [0,1], non-negative attributes within the
/// bounds above, bandwidth rate >= 1 (no toxic means no limit), slicer
/// average_size > 0, size_variation <= average_size as Toxiproxy allows: pieces
/// are at least 1 byte). kInvalidArgument naming the field and the bound.
Status validate(const Toxic& toxic);

}  // namespace gauntlet::chaos::proxy
