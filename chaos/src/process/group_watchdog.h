#pragma once
// The group watchdog: one small process per harness process that SIGKILLs
// every target's process group when the harness dies, even by SIGKILL. A
// target's parent-death signal kills only the target itself; what the target
// started (a shell's children, a server's workers) lives on in its group, and
// only a process that outlives the harness can end it.
//
// The watchdog is forked on first use and reads the groups to watch from a
// socket whose other end only the harness holds (close-on-exec, so no target
// inherits it). When the harness dies the socket reaches end of file: the
// watchdog SIGKILLs every group still registered and exits. It runs in a
// process group of its own with every signal blocked, holds none of the
// harness's descriptors (stdio is /dev/null), and is reaped by whoever
// inherits it. One killed from outside is replaced on the next registration.
#include "gauntlet/harness/error.h"

#include <sys/types.h>

namespace gauntlet::chaos::process::detail {

/// Registers process group `pgid` (a target that leads its own group).
/// Errors: kUnavailable when the watchdog cannot be started or reached.
Status watch_group(pid_t pgid);

/// Forgets `pgid` (its target was killed and reaped). Never fails.
void unwatch_group(pid_t pgid) noexcept;

}  // namespace gauntlet::chaos::process::detail
