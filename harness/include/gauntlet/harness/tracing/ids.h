#pragma once
/// Trace and span identifiers (W3C Trace Context sizes) and the seeded
/// generator a Tracer draws them from.
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gauntlet::tracing {

/// A 128-bit trace id; all zero means "invalid".
struct TraceId {
  std::uint64_t high = 0;
  std::uint64_t low = 0;

  /// True unless all bits are zero.
  constexpr bool valid() const noexcept { return high != 0 || low != 0; }
  /// 32 lowercase hex characters.
  std::string to_hex() const;
  /// Parses exactly 32 lowercase hex characters; nullopt otherwise (the
  /// all-zero id parses: validity is the caller's call).
  static std::optional<TraceId> from_hex(std::string_view hex) noexcept;

  friend constexpr bool operator==(const TraceId&, const TraceId&) = default;
};

/// A 64-bit span id; zero means "invalid" (and "no parent" in SpanData).
struct SpanId {
  std::uint64_t value = 0;

  constexpr bool valid() const noexcept { return value != 0; }
  /// 16 lowercase hex characters.
  std::string to_hex() const;
  /// Parses exactly 16 lowercase hex characters; nullopt otherwise.
  static std::optional<SpanId> from_hex(std::string_view hex) noexcept;

  friend constexpr bool operator==(const SpanId&, const SpanId&) = default;
};

/// Seeded generator of ids: splitmix64 over a shared counter, handed out to
/// each thread in blocks so threads never contend on a lock (and rarely on
/// the counter). Ids are never zero and never repeat within one generator
/// (splitmix64's output function is a bijection of the counter). On one
/// thread the sequence is a pure function of the seed. Thread-safe.
class IdGenerator {
 public:
  /// Counter values a thread reserves at a time. Alternating two generators on
  /// one thread skips to a fresh block at each switch.
  static constexpr std::uint64_t kBlockSize = 1024;

  explicit IdGenerator(std::uint64_t seed) noexcept;
  IdGenerator(const IdGenerator&) = delete;
  IdGenerator& operator=(const IdGenerator&) = delete;

  /// A fresh non-zero 64-bit value.
  std::uint64_t next() noexcept;
  SpanId next_span_id() noexcept { return SpanId{next()}; }
  TraceId next_trace_id() noexcept {
    const std::uint64_t high = next();
    return TraceId{high, next()};
  }
  /// A trace id and a span id for a new root span, drawn in that order
  /// (same values as next_trace_id() then next_span_id(), one cache lookup).
  void next_root_ids(TraceId& trace_id, SpanId& span_id) noexcept;
  std::uint64_t seed() const noexcept { return seed_; }

 private:
  std::uint64_t seed_;
  std::uint64_t instance_;  // distinguishes generators in thread-local caches
  // On its own cache line: threads read seed_ and instance_ on every draw and
  // write next_block_ once per block.
  alignas(64) std::atomic<std::uint64_t> next_block_{0};
};

}  // namespace gauntlet::tracing
