#pragma once
// Seeded choices of the proxy: which connections get a toxic, and the
// random streams for jitter and slice sizes. Same seed, same choices.
#include "gauntlet/chaos/proxy/toxic.h"

#include <cstdint>
#include <string_view>

namespace gauntlet::chaos::proxy::detail {

std::uint64_t splitmix64(std::uint64_t x) noexcept;
std::uint64_t fnv1a(std::string_view text) noexcept;

/// Whether connection number `connection` (1, 2, ... per proxy) of `proxy`
/// gets `toxic`: toxicity 1 always, 0 never, otherwise a draw from the seed,
/// the proxy name, the toxic name and the connection number.
bool toxic_applies(std::uint64_t seed, std::string_view proxy, const Toxic& toxic, std::uint64_t connection) noexcept;

/// Seed for the random stream of one direction of one connection.
std::uint64_t stream_seed(std::uint64_t seed, std::string_view proxy, std::uint64_t connection, Stream stream) noexcept;

}  // namespace gauntlet::chaos::proxy::detail
