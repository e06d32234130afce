#include "sigpipe.h"

#include <cerrno>
#include <csignal>
#include <ctime>

#include <pthread.h>

namespace gauntlet::chaos::proxy::detail {
namespace {

sigset_t only_sigpipe() noexcept {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGPIPE);
  return set;
}

}  // namespace

void block_sigpipe_in_this_thread() noexcept {
  const sigset_t set = only_sigpipe();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

bool sigpipe_blocked_in_this_thread() noexcept {
  sigset_t current;
  sigemptyset(&current);
  if (pthread_sigmask(SIG_BLOCK, nullptr, &current) != 0) return false;
  return sigismember(&current, SIGPIPE) == 1;
}

void discard_pending_sigpipe() noexcept {
  const int saved = errno;
  const sigset_t set = only_sigpipe();
  const timespec zero{0, 0};
  // Standard signals do not queue: one call takes whatever is pending.
  while (sigtimedwait(&set, nullptr, &zero) < 0 && errno == EINTR) {
  }
  errno = saved;
}

}  // namespace gauntlet::chaos::proxy::detail
