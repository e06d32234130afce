#include "gauntlet/chaos/proxy/control_api.h"
#include "test_sockets.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>

namespace gauntlet::chaos::proxy {
namespace {

using json = nlohmann::json;

TEST(ControlApiTest, ProxyLifecycleShapesAndCodes) {
  ProxyServer server;
  ControlApi api(server, "2.5.0-gauntlet");
  auto created =
      api.handle("POST", "/proxies", R"({"name":"redis","listen":"localhost:0","upstream":"localhost:6379"})");
  ASSERT_EQ(created.status, 201) << created.body;
  json p = json::parse(created.body);
  EXPECT_EQ(p["name"], "redis");
  EXPECT_EQ(p["upstream"], "localhost:6379");
  EXPECT_EQ(p["enabled"], true);
  EXPECT_EQ(p["toxics"], json::array());
  EXPECT_NE(p["listen"].get<std::string>().rfind("127.0.0.1:", 0), std::string::npos);

  auto dup = api.handle("POST", "/proxies", R"({"name":"redis","upstream":"localhost:6379"})");
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(json::parse(dup.body)["status"], 409);
  EXPECT_EQ(api.handle("POST", "/proxies", R"({"name":"x"})").status, 400);
  EXPECT_EQ(api.handle("POST", "/proxies", "{not json").status, 400);
  EXPECT_EQ(api.handle("GET", "/proxies/nope", "").status, 404);
  EXPECT_EQ(json::parse(api.handle("GET", "/proxies/nope", "").body)["error"], "proxy 'nope' not found");

  auto all = json::parse(api.handle("GET", "/proxies", "").body);
  ASSERT_TRUE(all.contains("redis"));
  EXPECT_EQ(all["redis"]["name"], "redis");

  auto toxic = api.handle("POST", "/proxies/redis/toxics", R"({"type":"latency","attributes":{"latency":1000}})");
  ASSERT_EQ(toxic.status, 200) << toxic.body;
  json t = json::parse(toxic.body);
  EXPECT_EQ(t, json::parse(R"({"name":"latency_downstream","type":"latency","stream":"downstream","toxicity":1.0,
                                "attributes":{"latency":1000,"jitter":0}})"));
  EXPECT_EQ(api.handle("POST", "/proxies/redis/toxics", R"({"type":"bogus"})").status, 400);
  EXPECT_EQ(api.handle("POST", "/proxies/redis/toxics", R"({"type":"latency"})").status, 409);
  auto updated = api.handle("POST", "/proxies/redis/toxics/latency_downstream", R"({"attributes":{"jitter":50}})");
  ASSERT_EQ(updated.status, 200);
  EXPECT_EQ(json::parse(updated.body)["attributes"], json::parse(R"({"latency":1000,"jitter":50})"));
  EXPECT_EQ(json::parse(api.handle("GET", "/proxies/redis/toxics", "").body).size(), 1u);
  EXPECT_EQ(api.handle("GET", "/proxies/redis/toxics/latency_downstream", "").status, 200);
  EXPECT_EQ(api.handle("DELETE", "/proxies/redis/toxics/latency_downstream", "").status, 204);
  EXPECT_EQ(api.handle("GET", "/proxies/redis/toxics/latency_downstream", "").status, 404);

  auto disabled = api.handle("POST", "/proxies/redis", R"({"enabled":false})");
  ASSERT_EQ(disabled.status, 200);
  EXPECT_EQ(json::parse(disabled.body)["enabled"], false);
  EXPECT_EQ(api.handle("POST", "/reset", "").status, 204);
  EXPECT_EQ(json::parse(api.handle("GET", "/proxies/redis", "").body)["enabled"], true);
  EXPECT_EQ(api.handle("DELETE", "/proxies/redis", "").status, 204);
  EXPECT_EQ(api.handle("DELETE", "/proxies/redis", "").status, 404);
  EXPECT_EQ(json::parse(api.handle("GET", "/version", "").body)["version"], "2.5.0-gauntlet");
}

TEST(ControlApiTest, PopulateCreatesAndKeepsUnchanged) {
  ProxyServer server;
  ControlApi api(server, "v");
  auto r = api.handle("POST", "/populate",
                      R"([{"name":"one","listen":"127.0.0.1:0","upstream":"127.0.0.1:7171"},
                          {"name":"two","listen":"127.0.0.1:0","upstream":"127.0.0.1:7474","enabled":false}])");
  ASSERT_EQ(r.status, 201) << r.body;
  json body = json::parse(r.body);
  ASSERT_EQ(body["proxies"].size(), 2u);
  EXPECT_EQ(body["proxies"][0]["name"], "one");
  EXPECT_EQ(body["proxies"][1]["enabled"], false);
  EXPECT_EQ(api.handle("POST", "/populate", R"({"name":"x"})").status, 400);
}

// Toxiproxy clients' examples name their upstreams; a name that does not
// resolve is accepted too (its connections are then closed), and listed as given.
TEST(ControlApiTest, HostNameUpstreamsAreAcceptedAndListedAsGiven) {
  ProxyServer server;
  ControlApi api(server, "v");
  auto created = api.handle("POST", "/proxies", R"({"name":"cache","upstream":"cache.invalid:6379"})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(json::parse(created.body)["upstream"], "cache.invalid:6379");
  auto populated = api.handle("POST", "/populate",
                              R"([{"name":"db","listen":"127.0.0.1:0","upstream":"db.invalid:5432"},
                                  {"name":"local","listen":"127.0.0.1:0","upstream":"localhost:7171"}])");
  ASSERT_EQ(populated.status, 201) << populated.body;
  auto all = json::parse(api.handle("GET", "/proxies", "").body);
  EXPECT_EQ(all["cache"]["upstream"], "cache.invalid:6379");
  EXPECT_EQ(all["db"]["upstream"], "db.invalid:5432");
  EXPECT_EQ(all["local"]["upstream"], "localhost:7171");
  auto moved = api.handle("POST", "/proxies/local", R"({"upstream":"elsewhere.invalid:7171"})");
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(json::parse(moved.body)["upstream"], "elsewhere.invalid:7171");
  auto bad = api.handle("POST", "/proxies", R"({"name":"bad","upstream":"cache.invalid"})");
  EXPECT_EQ(bad.status, 400) << bad.body;
}

TEST(ControlApiTest, SlicerVariationMayEqualTheAverage) {
  ProxyServer server;
  ControlApi api(server, "v");
  ASSERT_EQ(api.handle("POST", "/proxies", R"({"name":"s","upstream":"127.0.0.1:7171"})").status, 201);
  auto equal = api.handle("POST", "/proxies/s/toxics",
                          R"({"type":"slicer","attributes":{"average_size":10,"size_variation":10,"delay":0}})");
  ASSERT_EQ(equal.status, 200) << equal.body;
  EXPECT_EQ(json::parse(equal.body)["attributes"]["size_variation"], 10);
  auto larger = api.handle("POST", "/proxies/s/toxics/slicer_downstream", R"({"attributes":{"size_variation":11}})");
  EXPECT_EQ(larger.status, 400) << larger.body;
}

// Runs curl exactly as Toxiproxy's README shows, against a live control server.
struct CurlResult {
  int status = 0;
  std::string body;
};
CurlResult curl(const std::string& args) {
  const std::string cmd = "curl -s -w '\\n%{http_code}' --max-time 5 " + args;
  std::string out;
  if (FILE* pipe = ::popen(cmd.c_str(), "r")) {
    std::array<char, 4096> buf{};
    while (std::fgets(buf.data(), buf.size(), pipe)) out += buf.data();
    ::pclose(pipe);
  }
  const auto nl = out.rfind('\n');
  if (nl == std::string::npos) return {};
  return {std::atoi(out.c_str() + nl + 1), out.substr(0, nl)};
}

TEST(ControlApiTest, ToxiproxyReadmeCurlCallsWork) {
  testing::EchoServer redis;
  ProxyServer server;
  ControlApi api(server, "2.5.0-gauntlet");
  auto http = ControlServer::start(api, {"127.0.0.1", 0});
  ASSERT_TRUE(http.ok()) << http.error().to_string();
  const std::string base = "localhost:" + std::to_string((*http)->endpoint().port);

  CurlResult created = curl("-XPOST -d '{\"name\":\"redis\",\"listen\":\"localhost:0\",\"upstream\":\"" +
                            redis.address() + "\"}' " + base + "/proxies");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::uint16_t port = testing::port_of(json::parse(created.body)["listen"].get<std::string>());

  CurlResult toxic = curl("-XPOST -d '{\"type\" : \"latency\", \"attributes\" : {\"latency\" : 1000}}' " + base +
                          "/proxies/redis/toxics");
  ASSERT_EQ(toxic.status, 200) << toxic.body;
  EXPECT_EQ(json::parse(toxic.body)["name"], "latency_downstream");

  CurlResult listed = curl(base + "/proxies");
  EXPECT_EQ(listed.status, 200);
  EXPECT_EQ(json::parse(listed.body)["redis"]["toxics"][0]["attributes"]["latency"], 1000);

  CurlResult removed = curl("-XDELETE " + base + "/proxies/redis/toxics/latency_downstream");
  EXPECT_EQ(removed.status, 204);

  CurlResult down = curl("-XPOST -d '{\"enabled\": false}' " + base + "/proxies/redis");
  EXPECT_EQ(down.status, 200);
  testing::Client refused(port);
  EXPECT_TRUE(refused.connect_error);

  CurlResult reset = curl("-XPOST " + base + "/reset");
  EXPECT_EQ(reset.status, 204);
  testing::Client client(port);
  ASSERT_FALSE(client.connect_error);
  ASSERT_TRUE(client.send("PING"));
  EXPECT_EQ(client.receive(4), "PING");

  CurlResult version = curl(base + "/version");
  EXPECT_EQ(version.status, 200);
  EXPECT_EQ(json::parse(version.body)["version"], "2.5.0-gauntlet");
}

}  // namespace
}  // namespace gauntlet::chaos::proxy
