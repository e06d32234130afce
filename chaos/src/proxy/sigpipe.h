#pragma once
// SIGPIPE without process-wide state. splice(2) into a socket whose peer has
// gone raises SIGPIPE at the calling thread (splice has no MSG_NOSIGNAL), and
// the default disposition ends the process. So the proxy splices only on a
// thread that blocks SIGPIPE in its own signal mask, and after a failed splice
// it takes the signal that stayed pending there. The process's disposition
// and the other threads' masks are never touched.
namespace gauntlet::chaos::proxy::detail {

/// Adds SIGPIPE to the calling thread's signal mask (pthread_sigmask).
void block_sigpipe_in_this_thread() noexcept;

/// Whether SIGPIPE is blocked in the calling thread's signal mask.
bool sigpipe_blocked_in_this_thread() noexcept;

/// Takes a pending SIGPIPE without waiting (sigtimedwait with a zero timeout),
/// so none stays pending; call only on a thread that blocks SIGPIPE. Keeps errno.
void discard_pending_sigpipe() noexcept;

}  // namespace gauntlet::chaos::proxy::detail
