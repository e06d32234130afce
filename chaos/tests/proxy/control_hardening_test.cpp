// The control API under careless and hostile clients: bodies of the wrong
// type, updates that fail half-way, absurd toxic attributes, bytes that are
// not UTF-8, idle connections and a process out of descriptors.
#include "gauntlet/chaos/proxy/control_api.h"
#include "gauntlet/harness/utf8.h"
#include "test_sockets.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

extern char** environ;

namespace gauntlet::chaos::proxy {
namespace {

namespace asio = boost::asio;
using json = nlohmann::json;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

std::string create_body(const std::string& name) {
  return R"({"name":")" + name + R"(","listen":"127.0.0.1:0","upstream":"127.0.0.1:9"})";
}

TEST(ControlHardeningTest, PatchWithANonStringListenIsRefusedAndChangesNothing) {
  ProxyServer server;
  ControlApi api(server, "t");
  ASSERT_EQ(api.handle("POST", "/proxies", create_body("a")).status, 201);
  const std::string before = api.handle("GET", "/proxies/a", "").body;
  auto reply = api.handle("PATCH", "/proxies/a", R"({"listen":5})");
  EXPECT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(json::parse(reply.body)["error"], "bad request body: 'listen' must be a string");
  EXPECT_EQ(api.handle("PATCH", "/proxies/a", R"({"upstream":[1]})").status, 400);
  EXPECT_EQ(api.handle("GET", "/proxies/a", "").body, before);
}

TEST(ControlHardeningTest, AFailedPatchLeavesTheProxyListeningWhereItWas) {
  asio::io_context io;
  tcp::acceptor busy(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));  // holds a port
  ProxyServer server;
  ControlApi api(server, "t");
  ASSERT_EQ(api.handle("POST", "/proxies", create_body("a")).status, 201);
  const json before = json::parse(api.handle("GET", "/proxies/a", "").body);
  const std::string busy_at = "127.0.0.1:" + std::to_string(busy.local_endpoint().port());
  auto reply = api.handle("PATCH", "/proxies/a", R"({"listen":")" + busy_at + R"(","upstream":"127.0.0.1:10"})");
  EXPECT_EQ(reply.status, 500) << reply.body;
  const json after = json::parse(api.handle("GET", "/proxies/a", "").body);
  EXPECT_EQ(after, before);  // enabled, same listen address, same upstream
  EXPECT_TRUE(after["enabled"].get<bool>());
  // And it really listens there.
  const std::string listen = after["listen"].get<std::string>();
  tcp::socket client(io);
  boost::system::error_code ec;
  client.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"),
                               static_cast<std::uint16_t>(std::stoi(listen.substr(listen.rfind(':') + 1)))),
                 ec);
  EXPECT_FALSE(ec) << ec.message();
}

TEST(ControlHardeningTest, ToxicAttributesMustBeBoundedWholeNumbers) {
  ProxyServer server;
  ControlApi api(server, "t");
  ASSERT_EQ(api.handle("POST", "/proxies", create_body("a")).status, 201);
  const std::pair<const char*, const char*> cases[] = {
      {R"({"type":"latency","attributes":{"latency":9.2e15}})", "latency must be at most 86400000 ms"},
      {R"({"type":"latency","attributes":{"latency":1e300}})",
       "attributes.latency' must be a whole number within +/-1e18"},
      {R"({"type":"latency","attributes":{"latency":1.5}})", "attributes.latency' must be a whole number"},
      {R"({"type":"timeout","attributes":{"timeout":10000000000000}})", "timeout must be at most 86400000 ms"},
      {R"({"type":"bandwidth","attributes":{"rate":0}})", "rate must be at least 1 KB/s"},
      {R"({"type":"slicer","attributes":{"average_size":10,"delay":1e12}})", "delay must be at most 60000000 us"},
      {R"({"type":"limit_data","attributes":{"bytes":18446744073709551615}})", "must be a whole number within 64 bits"},
  };
  for (const auto& [body, why] : cases) {
    auto reply = api.handle("POST", "/proxies/a/toxics", body);
    EXPECT_EQ(reply.status, 400) << body << " -> " << reply.body;
    EXPECT_NE(reply.body.find(why), std::string::npos) << body << " -> " << reply.body;
  }
  EXPECT_EQ(json::parse(api.handle("GET", "/proxies/a/toxics", "").body), json::array());
  EXPECT_EQ(api.handle("POST", "/proxies/a/toxics", R"({"type":"latency","attributes":{"latency":86400000}})").status,
            200);
}

TEST(ControlHardeningTest, BytesThatAreNotUtf8AreEchoedReplacedNeverThrown) {
  ProxyServer server;
  ControlApi api(server, "t");
  ControlReply reply;
  ASSERT_NO_THROW(reply = api.handle("GET",
                                     "/proxies/a/toxi\xEE"
                                     "cs/x",
                                     ""));
  EXPECT_EQ(reply.status, 404);
  EXPECT_TRUE(is_valid_utf8(reply.body)) << reply.body;
  ASSERT_NO_THROW(reply = api.handle("DELETE", "/nope\xC3(", ""));
  EXPECT_TRUE(is_valid_utf8(reply.body));
}

TEST(ControlHardeningTest, IdleConnectionsAreClosedAfterTheIdleTimeout) {
  ProxyServer server;
  ControlApi api(server, "t");
  ControlServerOptions options;
  options.idle_timeout = std::chrono::milliseconds(200);
  auto http = ControlServer::start(api, {"127.0.0.1", 0}, options);
  ASSERT_TRUE(http.ok());
  asio::io_context io;
  tcp::socket idle(io);
  idle.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), (*http)->endpoint().port));
  asio::write(idle, asio::buffer(std::string("GET /vers")));  // half a request, then silence
  const auto start = Clock::now();
  char byte = 0;
  boost::system::error_code ec;
  idle.read_some(asio::buffer(&byte, 1), ec);  // returns when the server closes
  EXPECT_EQ(ec, asio::error::eof) << ec.message();
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
}

// The control API in a child process with 64 descriptors: 80 idle clients
// exhaust them; the accept loop must back off (no spinning) and answer once
// the idle ones time out.
TEST(ControlHardeningTest, OutOfDescriptorsBacksOffAndRecovers) {
  int to_child[2], from_child[2];
  ASSERT_EQ(::pipe(to_child), 0);
  ASSERT_EQ(::pipe(from_child), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_child[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, from_child[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, to_child[1]);
  posix_spawn_file_actions_addclose(&actions, from_child[0]);
  std::string exe = GAUNTLET_CONTROL_SERVER_CHILD, limit = "64", idle_ms = "2500";
  char* argv[] = {exe.data(), limit.data(), idle_ms.data(), nullptr};
  pid_t pid = 0;
  // Under UBSan the child needs fd_exhaustion.ubsan.supp (the file says why).
  std::vector<std::string> env_text;
  std::string ubsan = "UBSAN_OPTIONS=";
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::string_view(*e).starts_with(ubsan)) {
      ubsan = std::string(*e) + ":";
    } else {
      env_text.emplace_back(*e);
    }
  }
  env_text.push_back(ubsan + "suppressions=" GAUNTLET_SOURCE_DIR "/chaos/tests/proxy/fd_exhaustion.ubsan.supp");
  std::vector<char*> env;
  for (std::string& e : env_text) env.push_back(e.data());
  env.push_back(nullptr);
  ASSERT_EQ(::posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv, env.data()), 0);
  posix_spawn_file_actions_destroy(&actions);
  ::close(to_child[0]);
  ::close(from_child[1]);
  char line[64] = {};
  ASSERT_GT(::read(from_child[0], line, sizeof line - 1), 0);
  unsigned port = 0;
  ASSERT_EQ(std::sscanf(line, "port %u", &port), 1) << line;

  asio::io_context io;
  const tcp::endpoint at(asio::ip::make_address("127.0.0.1"), static_cast<std::uint16_t>(port));
  std::vector<tcp::socket> idle;
  for (int i = 0; i < 80; ++i) {
    idle.emplace_back(io);
    idle.back().connect(at);  // completes in the listen backlog even when not accepted
  }
  auto cpu_ticks = [pid] {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string skip;
    long utime = 0, stime = 0;
    for (int i = 0; i < 11; ++i) fields >> skip;  // state .. cmajflt
    fields >> utime >> stime;
    return utime + stime;
  };
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const long before = cpu_ticks();
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  const long spent = cpu_ticks() - before;
  EXPECT_LT(spent, ::sysconf(_SC_CLK_TCK) / 4) << "the accept loop spins at EMFILE (" << spent << " ticks in 1 s)";

  // A fresh client is answered once the idle ones have timed out.
  tcp::socket client(io);
  client.connect(at);
  const std::string request = "GET /version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  asio::write(client, asio::buffer(request));
  struct timeval tv {
    10, 0
  };
  ::setsockopt(client.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string answer;
  char buf[512];
  boost::system::error_code ec;
  for (std::size_t n; (n = client.read_some(asio::buffer(buf), ec)) > 0 || !ec;) answer.append(buf, n);
  EXPECT_NE(answer.find("200 OK"), std::string::npos) << answer << " / " << ec.message();
  EXPECT_NE(answer.find("\"version\":\"child\""), std::string::npos) << answer;

  ::close(to_child[1]);
  ::close(from_child[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}

}  // namespace
}  // namespace gauntlet::chaos::proxy
