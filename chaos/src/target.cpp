#include "gauntlet/chaos/target.h"

#include "gauntlet/chaos/fault_registry.h"

namespace gauntlet::chaos {

std::string_view to_string(TimeMode mode) noexcept { return mode == TimeMode::kVirtual ? "virtual" : "real"; }

void Target::apply_faults(const std::map<std::string, FaultEffect>& effects) {
  for (const auto& [point, effect] : effects) FaultRegistry::instance().arm(point, program_for(effect));
}

Status Target::drive_load(const LoadSpec&, Nanos, Nanos, LoadSink&) {
  return Error(ErrorCode::kFailedPrecondition, "target '" + kind() + "' does not send its own load");
}

}  // namespace gauntlet::chaos
