#include "gauntlet/harness/tracing/ids.h"

#include "tracing/hex.h"

namespace gauntlet::tracing {
namespace {

constexpr std::uint64_t kGolden = 0x9e3779b97f4a7c15ULL;
constexpr std::uint64_t kBlock = IdGenerator::kBlockSize;

constexpr std::uint64_t splitmix64_mix(std::uint64_t z) noexcept {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::atomic<std::uint64_t> g_next_instance{1};

struct BlockCache {
  std::uint64_t instance = 0;
  std::uint64_t next = 0;
  std::uint64_t end = 0;
};
// initial-exec: this library is linked into executables, and the default
// model for position-independent code costs a call per access.
[[gnu::tls_model("initial-exec")]] thread_local BlockCache t_cache;

// Draws the next value from this thread's block of `instance`'s counter.
inline std::uint64_t draw(BlockCache& cache, std::uint64_t instance, std::uint64_t seed,
                          std::atomic<std::uint64_t>& next_block) noexcept {
  for (;;) {
    if (cache.instance != instance || cache.next == cache.end) [[unlikely]] {
      cache.instance = instance;
      cache.next = next_block.fetch_add(kBlock, std::memory_order_relaxed);
      cache.end = cache.next + kBlock;
    }
    // splitmix64: the k-th output is mix(seed + (k + 1) * golden).
    const std::uint64_t k = cache.next++;
    const std::uint64_t value = splitmix64_mix(seed + (k + 1) * kGolden);
    if (value != 0) [[likely]]
      return value;  // zero occurs once in 2^64 draws
  }
}

}  // namespace

std::string TraceId::to_hex() const {
  std::string out(32, '0');
  detail::write_hex(high, out.data());
  detail::write_hex(low, out.data() + 16);
  return out;
}

std::optional<TraceId> TraceId::from_hex(std::string_view hex) noexcept {
  TraceId id;
  if (hex.size() != 32 || !detail::read_hex(hex.substr(0, 16), id.high) || !detail::read_hex(hex.substr(16), id.low)) {
    return std::nullopt;
  }
  return id;
}

std::string SpanId::to_hex() const {
  std::string out(16, '0');
  detail::write_hex(value, out.data());
  return out;
}

std::optional<SpanId> SpanId::from_hex(std::string_view hex) noexcept {
  SpanId id;
  if (hex.size() != 16 || !detail::read_hex(hex, id.value)) return std::nullopt;
  return id;
}

IdGenerator::IdGenerator(std::uint64_t seed) noexcept
    : seed_(seed), instance_(g_next_instance.fetch_add(1, std::memory_order_relaxed)) {}

std::uint64_t IdGenerator::next() noexcept { return draw(t_cache, instance_, seed_, next_block_); }

void IdGenerator::next_root_ids(TraceId& trace_id, SpanId& span_id) noexcept {
  BlockCache& cache = t_cache;
  trace_id.high = draw(cache, instance_, seed_, next_block_);
  trace_id.low = draw(cache, instance_, seed_, next_block_);
  span_id.value = draw(cache, instance_, seed_, next_block_);
}

}  // namespace gauntlet::tracing
