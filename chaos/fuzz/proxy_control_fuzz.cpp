// Fuzz target: the fault proxy's Toxiproxy-compatible control API, request
// by request, against a real ProxyServer (loopback listeners, port 0). Input:
// requests separated by NUL bytes; each is "METHOD TARGET" then a newline and
// the body. The server is new for every input, so state never leaks between.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "gauntlet/chaos/proxy/control_api.h"
#include "gauntlet/chaos/proxy/proxy_server.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // A host name in an upstream is resolved: one quick attempt, never a long wait.
  ::setenv("RES_OPTIONS", "timeout:1 attempts:1", 1);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace gauntlet::chaos::proxy;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  ProxyServer server(ProxyOptions{1, false});
  ControlApi api(server, "fuzz");
  for (int requests = 0; !input.empty() && requests < 16; ++requests) {
    const std::size_t end = input.find('\0');
    const std::string_view request = input.substr(0, end);
    input = end == std::string_view::npos ? std::string_view{} : input.substr(end + 1);
    const std::size_t newline = request.find('\n');
    const std::string_view head = request.substr(0, newline);
    const std::string_view body = newline == std::string_view::npos ? std::string_view{} : request.substr(newline + 1);
    const std::size_t space = head.find(' ');
    const std::string_view method = head.substr(0, space);
    const std::string_view target = space == std::string_view::npos ? std::string_view{} : head.substr(space + 1);
    const ControlReply reply = api.handle(method, target, body);
    if (reply.status < 200 || reply.status > 599) std::abort();
  }
  return 0;
}
