#pragma once
/// The re-run line a failing gate prints (console, Markdown, gauntlet.gate/1
/// "rerun"): one builder for the `gate` command and `demo`.
#include <cstdint>
#include <string>
#include <vector>

#include "gauntlet/ci/confirmation.h"

namespace gauntlet::ci {

/// What a `gauntlet gate` run was given that decides its verdict. Output
/// files (--json, --markdown, ...) are not part of it: a re-run prints.
struct GateInvocation {
  std::string baseline, current, config, metric, history, machine;
  std::vector<std::string> journals;
  std::vector<std::string> confirm_with;  ///< BASE_BINARY CURRENT_BINARY, or empty
  ConfirmOptions confirm;                 ///< used only with confirm_with
  bool strict_environment = false;
  bool fail_inconclusive = false;
  std::uint64_t seed = 0;  ///< the seed in force (config or --seed)
};

/// "gauntlet gate --baseline B --current C ... --seed N": every option of
/// `g` that was given, each word quoted for a POSIX shell (shell_line).
std::string gate_rerun_line(const GateInvocation& g);

}  // namespace gauntlet::ci
