#include "gauntlet/chaos/event_scheduler.h"

#include <gtest/gtest.h>

#include <string>

namespace gauntlet::chaos {
namespace {

TEST(EventSchedulerTest, RunsInTimeOrderWithTiesInSchedulingOrder) {
  ManualClock clock(0);
  EventScheduler s(clock);
  std::string order;
  s.at(30, [&] { order += "c"; });
  s.at(10, [&] { order += "a"; });
  s.at(10, [&] { order += "b"; });
  s.at(10, [&] {
    order += "x";
    s.after(5, [&] { order += "y"; });  // at 15, before c
  });
  EXPECT_EQ(s.run_until(100), 5u);
  EXPECT_EQ(order, "abxyc");
  EXPECT_EQ(clock.now_ns(), 100);
}

TEST(EventSchedulerTest, StopsAtTheEndAndKeepsLaterEvents) {
  ManualClock clock(0);
  EventScheduler s(clock);
  Nanos seen = -1;
  s.at(50, [&] { seen = clock.now_ns(); });
  s.at(150, [] {});
  EXPECT_EQ(s.run_until(100), 1u);
  EXPECT_EQ(seen, 50);
  EXPECT_EQ(s.pending(), 1u);
  s.at(10, [&] { seen = clock.now_ns(); });  // in the past: runs now
  s.run_until(120);
  EXPECT_EQ(seen, 100);
}

}  // namespace
}  // namespace gauntlet::chaos
