#pragma once
// Every target is forked from one long-lived thread. The kernel's
// parent-death signal fires when the forking *thread* exits, so forking from a
// short-lived thread (a scenario's observer) would kill the target early.
#include <functional>

namespace gauntlet::chaos::process::detail {

/// Runs `fn` on the process-wide launcher thread and waits for it.
void run_on_launcher_thread(const std::function<void()>& fn);

}  // namespace gauntlet::chaos::process::detail
