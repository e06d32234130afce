#pragma once
// Steady-state probes: an HTTP check or a command whose result must hold,
// run before the load and after the run.
#include <filesystem>

#include "gauntlet/chaos/verdict.h"
#include "gauntlet/harness/clock.h"
#include "service/service_spec.h"

namespace gauntlet::chaos::service::detail {

/// Runs one probe (its strings already expanded) and says whether it held.
/// `when` is "before" or "after"; a command runs in `cwd`, in its own process
/// group, its output in `logs`, and is killed after the probe's timeout.
Verdict run_probe(const ProbeDecl& probe, std::string_view when, const std::filesystem::path& cwd,
                  const std::filesystem::path& logs, bool allow_remote, Clock& clock);

}  // namespace gauntlet::chaos::service::detail
