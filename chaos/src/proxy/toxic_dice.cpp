#include "toxic_dice.h"

namespace gauntlet::chaos::proxy::detail {

std::uint64_t splitmix64(std::uint64_t x) noexcept {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t fnv1a(std::string_view text) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

bool toxic_applies(std::uint64_t seed, std::string_view proxy, const Toxic& toxic, std::uint64_t connection) noexcept {
  if (toxic.toxicity >= 1.0) return true;
  if (toxic.toxicity <= 0.0) return false;
  const std::uint64_t draw = splitmix64(splitmix64(seed ^ fnv1a(proxy)) ^ fnv1a(toxic.name) ^ splitmix64(connection));
  const double unit = static_cast<double>(draw >> 11) * 0x1.0p-53;
  return unit < toxic.toxicity;
}

std::uint64_t stream_seed(std::uint64_t seed, std::string_view proxy, std::uint64_t connection,
                          Stream stream) noexcept {
  return splitmix64(splitmix64(seed ^ fnv1a(proxy)) ^
                    splitmix64(connection * 2 + (stream == Stream::kUpstream ? 0 : 1)));
}

}  // namespace gauntlet::chaos::proxy::detail
