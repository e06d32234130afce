#include "gauntlet/chaos/fault_point.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

#include <atomic>
#include <cstdlib>
#include <thread>
#include <vector>

#include "gauntlet/chaos/fault_registry.h"

namespace gauntlet::chaos {
namespace {

int guarded(int x) {
  GAUNTLET_FAULT_POINT_RETURN("test.guarded", [](std::string_view v) { return std::atoi(std::string(v).c_str()); });
  return x;
}

void throwing() { GAUNTLET_FAULT_POINT("test.throwing"); }

FaultOutcome decide() { return GAUNTLET_FAULT_POINT_EVAL("test.decide"); }

class FaultPointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    FaultRegistry::instance().disarm_all();
    FaultRegistry::instance().reset(42);
  }
  void TearDown() override { FaultRegistry::instance().disarm_all(); }
};

TEST_F(FaultPointTest, DisarmedSiteDoesNothingAndCountsNothing) {
  EXPECT_EQ(guarded(5), 5);
  EXPECT_NO_THROW(throwing());
  EXPECT_FALSE(decide().fired());
}

TEST_F(FaultPointTest, ReturnThrowAndEvalFollowTheArmedProgram) {
  ASSERT_TRUE(FaultRegistry::instance().arm("test.guarded", "return(-7)"));
  EXPECT_EQ(guarded(5), -7);
  ASSERT_TRUE(FaultRegistry::instance().arm("test.throwing", "throw(disk on fire)"));
  try {
    throwing();
    FAIL() << "expected InjectedFault";
  } catch (const InjectedFault& e) {
    EXPECT_EQ(e.point(), "test.throwing");
    EXPECT_STREQ(e.what(), "disk on fire");
  }
  ASSERT_TRUE(FaultRegistry::instance().arm("test.decide", "delay(30)"));
  FaultOutcome o = decide();
  EXPECT_EQ(o.action, FaultAction::kDelay);
  EXPECT_EQ(o.delay_ns, 30 * kNanosPerMilli);
  FaultRegistry::instance().disarm("test.guarded");
  EXPECT_EQ(guarded(5), 5);
}

TEST_F(FaultPointTest, CountLimitsTriggersThenFallsThrough) {
  ASSERT_TRUE(FaultRegistry::instance().arm("test.guarded", "2*return(1)->return(2)"));
  EXPECT_EQ(guarded(0), 1);
  EXPECT_EQ(guarded(0), 1);
  EXPECT_EQ(guarded(0), 2);
  auto stats = FaultRegistry::instance().stats();
  auto it = std::find_if(stats.begin(), stats.end(), [](auto& s) { return s.point == "test.guarded"; });
  ASSERT_NE(it, stats.end());
  EXPECT_EQ(it->hits, 3u);
  EXPECT_EQ(it->fires, 3u);
}

std::vector<bool> pattern(std::uint64_t seed, int n) {
  FaultRegistry::instance().reset(seed);
  EXPECT_TRUE(FaultRegistry::instance().arm("test.decide", "30%return"));
  std::vector<bool> out;
  for (int i = 0; i < n; ++i) out.push_back(decide().fired());
  return out;
}

TEST_F(FaultPointTest, DecisionsDependOnSeedAndHitNumberOnly) {
  auto a = pattern(7, 2000);
  auto b = pattern(7, 2000);
  auto c = pattern(8, 2000);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  auto fired = std::count(a.begin(), a.end(), true);
  // 30% of 2000 = 600; binomial sd ~ 20.5, so +-5 sd.
  EXPECT_GT(fired, 500);
  EXPECT_LT(fired, 700);
}

TEST_F(FaultPointTest, ConcurrentHitsFireTheSameSetAsSequentialOnes) {
  // The number of fires over N hits depends only on (seed, hit numbers).
  auto sequential = pattern(99, 4000);
  auto expected = std::count(sequential.begin(), sequential.end(), true);
  FaultRegistry::instance().reset(99);
  ASSERT_TRUE(FaultRegistry::instance().arm("test.decide", "30%return"));
  std::atomic<int> fired{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) fired += decide().fired() ? 1 : 0;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(fired.load(), expected);
}

TEST_F(FaultPointTest, GuardRestoresThePreviousProgram) {
  ASSERT_TRUE(FaultRegistry::instance().arm("test.guarded", "return(3)"));
  {
    auto guard = FaultGuard::arm("test.guarded", "return(9)");
    ASSERT_TRUE(guard);
    EXPECT_EQ(guarded(0), 9);
  }
  EXPECT_EQ(guarded(0), 3);
  auto bad = FaultGuard::arm("test.guarded", "retrun");
  EXPECT_THAT(bad, matchers::StatusIs(ErrorCode::kParseError, ::testing::HasSubstr("fault point 'test.guarded'")));
}

TEST_F(FaultPointTest, EnvironmentListArmsAllOrNothing) {
  ::setenv("GAUNTLET_FAULTS", "test.guarded=return(11);test.decide=bogus", 1);
  Status s = FaultRegistry::instance().arm_from_environment();
  EXPECT_THAT(s, matchers::StatusIs(ErrorCode::kParseError));
  EXPECT_EQ(guarded(0), 0);
  ::setenv("GAUNTLET_FAULTS", "test.guarded=return(11)", 1);
  ASSERT_TRUE(FaultRegistry::instance().arm_from_environment());
  EXPECT_EQ(guarded(0), 11);
  ::unsetenv("GAUNTLET_FAULTS");
}

TEST_F(FaultPointTest, PrintGoesToTheSinkAndPauseWaitsForRearming) {
  std::vector<std::string> printed;
  FaultRegistry::instance().set_print_sink([&](std::string_view point, std::string_view msg) {
    printed.push_back(std::string(point) + ":" + std::string(msg));
  });
  ASSERT_TRUE(FaultRegistry::instance().arm("test.throwing", "print(hello)"));
  throwing();
  FaultRegistry::instance().set_print_sink(nullptr);
  ASSERT_EQ(printed.size(), 1u);
  EXPECT_EQ(printed[0], "test.throwing:hello");

  ASSERT_TRUE(FaultRegistry::instance().arm("test.decide", "pause"));
  std::atomic<bool> resumed{false};
  std::thread paused([&] {
    decide();
    resumed = true;
  });
  auto hits = [] {
    for (const auto& st : FaultRegistry::instance().stats()) {
      if (st.point == "test.decide") return st.hits;
    }
    return std::uint64_t{0};
  };
  while (hits() == 0) std::this_thread::yield();  // the thread is now inside the pause
  EXPECT_FALSE(resumed.load());
  FaultRegistry::instance().disarm("test.decide");
  paused.join();
  EXPECT_TRUE(resumed.load());
}

}  // namespace
}  // namespace gauntlet::chaos
