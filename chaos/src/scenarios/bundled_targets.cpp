#include <fmt/format.h>
#include <fmt/ranges.h>

#include "gauntlet/chaos/scenarios/builtin.h"
#include "gauntlet/fixtures/service_chain/service_chain.h"

namespace gauntlet::chaos {

Result<TargetFactory> bundled_target(std::string_view name) {
  std::string_view variant = "healthy";
  if (name.starts_with("service_chain/")) {
    variant = name.substr(std::string_view("service_chain/").size());
  } else if (name != "service_chain") {
    return Error(ErrorCode::kNotFound, fmt::format("target '{}' is unknown (known: service_chain/<{}>)", name,
                                                   fmt::join(fixtures::chain_variants(), "|")));
  }
  if (auto config = fixtures::chain_config(variant); !config) return config.error();
  return fixtures::service_chain_target(std::string(variant));
}

}  // namespace gauntlet::chaos
