// nginx behind the fault proxy, driven by the load generator: the toxics'
// effects must show in what the load generator measures.
#include "gauntlet/chaos/netload/net_load.h"
#include "gauntlet/chaos/process/nginx.h"
#include "gauntlet/chaos/proxy/proxy_server.h"

#include "../scratch_dir.h"

#include <gtest/gtest.h>

#include <unistd.h>

namespace gauntlet::chaos {
namespace {

struct NginxProxyTest : ::testing::Test {
  std::unique_ptr<process::SupervisedProcess> nginx;
  proxy::ProxyServer proxies{proxy::ProxyOptions{11, false}};
  std::uint16_t proxy_port = 0;
  std::uint16_t nginx_port = 0;

  void SetUp() override {
    process::NginxOptions options;
    options.dir = chaos::testing::scratch_dir("nginx");
    auto started = process::launch_nginx(options, RealClock::instance());
    if (!started.ok() && started.error().message().find("not found") != std::string::npos) {
      GTEST_SKIP() << started.error().message();
    }
    ASSERT_TRUE(started.ok()) << started.error().to_string();
    nginx = std::move(*started);
    nginx_port = nginx->spec().readiness.port;
    auto p = proxies.create({"nginx", "127.0.0.1:0", "127.0.0.1:" + std::to_string(nginx_port), true});
    ASSERT_TRUE(p.ok());
    proxy_port = static_cast<std::uint16_t>(std::stoi(p->listen.substr(p->listen.rfind(':') + 1)));
  }

  netload::NetLoadSpec http_load(std::uint16_t port) {
    netload::NetLoadSpec spec;
    spec.target = {"127.0.0.1", port};
    spec.connections = 4;
    spec.duration_ns = 3 * kNanosPerSecond;
    spec.max_requests = 200;
    return spec;
  }
};

TEST_F(NginxProxyTest, CleanProxyServesEveryRequest) {
  auto r = netload::run_net_load(http_load(proxy_port), RealClock::instance());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->succeeded, 200u);
  EXPECT_EQ(r->status_counts[200], 200u);
}

TEST_F(NginxProxyTest, LatencyToxicShowsInEveryRequest) {
  proxy::Toxic latency;
  latency.name = "slow";
  latency.type = proxy::ToxicType::kLatency;
  latency.latency = 50;
  ASSERT_TRUE(proxies.add_toxic("nginx", latency).ok());
  netload::NetLoadSpec spec = http_load(proxy_port);
  spec.max_requests = 40;
  auto r = netload::run_net_load(spec, RealClock::instance());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->succeeded, 40u);
  EXPECT_GE(r->latency.min, 50e6);
  EXPECT_GE(r->latency.quantile(0.5), 50e6);
}

TEST_F(NginxProxyTest, ResetToxicOnHalfTheConnectionsShowsAsConnectionErrors) {
  proxy::Toxic reset;
  reset.name = "rst";
  reset.type = proxy::ToxicType::kResetPeer;
  reset.toxicity = 0.5;
  ASSERT_TRUE(proxies.add_toxic("nginx", reset).ok());
  auto r = netload::run_net_load(http_load(proxy_port), RealClock::instance());
  ASSERT_TRUE(r.ok());
  EXPECT_GT(r->connection_errors, 0u);
  EXPECT_GT(r->succeeded, 0u);
  EXPECT_EQ(r->succeeded + r->failed, 200u);
  EXPECT_GT(proxies.stats("nginx")->toxic_connections, 0u);
}

TEST_F(NginxProxyTest, OpenLoopCorrectsForAStalledServer) {
  // Pausing nginx for 300 ms stalls every connection; the open loop keeps its
  // schedule, so requests due during the stall carry the wait in their latency.
  netload::NetLoadSpec spec = http_load(nginx_port);
  spec.loop = netload::LoadLoop::kOpen;
  spec.rate = 200;
  spec.max_requests = 0;
  spec.duration_ns = kNanosPerSecond;
  std::thread pauser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    (void)nginx->pause();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    (void)nginx->resume();
  });
  auto r = netload::run_net_load(spec, RealClock::instance());
  pauser.join();
  ASSERT_TRUE(r.ok());
  EXPECT_GE(r->latency.max, 250e6);
  // Coordinated omission: with 4 connections only a few sends were stuck, but
  // ~60 requests were due during the stall and each is charged its wait.
  EXPECT_GE(r->latency.quantile(0.9), 50e6);
  EXPECT_LT(r->service.quantile(0.9), r->latency.quantile(0.9));
}

}  // namespace
}  // namespace gauntlet::chaos
