// Test helper: a fault proxy's control API under a descriptor limit. Sets
// RLIMIT_NOFILE to argv[1] in this process (never in the test process), serves
// the control API with an idle timeout of argv[2] ms, prints "port <n>" and
// runs until its stdin closes (at most 60 s).
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "gauntlet/chaos/proxy/control_api.h"

int main(int argc, char** argv) {
  using namespace gauntlet::chaos::proxy;
  if (argc < 3) return 2;
  const rlim_t limit = std::strtoul(argv[1], nullptr, 10);
  const rlimit r{limit, limit};
  if (::setrlimit(RLIMIT_NOFILE, &r) != 0) return 3;
  ProxyServer server;
  ControlApi api(server, "child");
  ControlServerOptions options;
  options.idle_timeout = std::chrono::milliseconds(std::strtol(argv[2], nullptr, 10));
  auto http = ControlServer::start(api, {"127.0.0.1", 0}, options);
  if (!http.ok()) return 3;
  std::printf("port %u\n", static_cast<unsigned>((*http)->endpoint().port));
  std::fflush(stdout);
  char c = 0;
  ::alarm(60);  // bounded even if the test forgets to close stdin
  while (::read(STDIN_FILENO, &c, 1) > 0) {
  }
  return 0;
}
