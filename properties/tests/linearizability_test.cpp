#include "gauntlet/properties/linearizability.h"

#include <gtest/gtest.h>

namespace gauntlet::properties {
namespace {

struct CounterOp {
  bool read = false;
  int add = 0;
};
struct CounterSpec {
  long apply(long& value, const CounterOp& op) const {
    if (!op.read) value += op.add;
    return op.read ? value : -1;
  }
};
using Event = HistoryEvent<CounterOp, long>;

TEST(LinearizabilityTest, OverlappingReadMayTakeEitherValue) {
  // add(5) on thread 0 overlaps a read on thread 1 that saw 5.
  std::vector<Event> h{{0, {false, 5}, -1, 0, 3}, {1, {true, 0}, 5, 1, 2}};
  auto order = find_linearization(h, 0L, CounterSpec{});
  ASSERT_TRUE(order.has_value());
  EXPECT_EQ(*order, (std::vector<std::size_t>{0, 1}));
}

TEST(LinearizabilityTest, ReadAfterCompletedAddMustSeeIt) {
  // add(5) returned (tick 1) before the read was invoked (tick 2), yet the read saw 0.
  std::vector<Event> h{{0, {false, 5}, -1, 0, 1}, {1, {true, 0}, 0, 2, 3}};
  EXPECT_FALSE(find_linearization(h, 0L, CounterSpec{}).has_value());
}

TEST(LinearizabilityTest, LostUpdateIsNotExplained) {
  std::vector<Event> h{{0, {false, 1}, -1, 0, 2}, {1, {false, 1}, -1, 1, 3}, {0, {true, 0}, 1, 4, 5}};
  EXPECT_FALSE(find_linearization(h, 0L, CounterSpec{}).has_value());
  h[2].observed = 2;
  EXPECT_TRUE(find_linearization(h, 0L, CounterSpec{}).has_value());
}

// A thread's own operations keep their order even where their (widened)
// intervals overlap: here the read cannot come before the add on its thread.
TEST(LinearizabilityTest, ProgramOrderHoldsWhereIntervalsOverlap) {
  std::vector<Event> h{{0, {false, 5}, -1, 0, 10}, {0, {true, 0}, 0, 5, 15}};
  EXPECT_FALSE(find_linearization(h, 0L, CounterSpec{}).has_value());
  h[1].observed = 5;
  EXPECT_TRUE(find_linearization(h, 0L, CounterSpec{}).has_value());
}

// Widening by a fixed slack must not pile up along a thread. Thread 0 makes
// four adds back to back; thread 1 adds 1 while thread 0's first add runs, then
// sets 10 overlapping thread 0's third add, then reads. Widened by 3 each way
// (times as the step log records them), the set may follow that third add, so
// the read of 10 - 4 = 6 is explained. Pushing each of thread 0's steps past
// its predecessor's widened end made the set come first and the read unexplained.
TEST(LinearizabilityTest, SlackDoesNotAccumulateAlongAThread) {
  auto widened = [](int thread, CounterOp op, long observed, std::uint64_t start, std::uint64_t end) {
    return Event{thread, op, observed, start + 100 - 3, end + 100 + 3};
  };
  std::vector<Event> h{widened(0, {false, 2}, -1, 0, 2),  widened(0, {false, 3}, -1, 6, 7),
                       widened(0, {false, -1}, -1, 8, 9), widened(0, {false, -4}, -1, 12, 13),
                       widened(1, {false, 1}, -1, 1, 3),  widened(1, {false, 0}, -1, 7, 7),
                       widened(1, {true, 0}, 6, 20, 21)};
  // Thread 1's second step is a set, modelled as an add of whatever brings the total to 10.
  struct SetSpec {
    long apply(long& value, const CounterOp& op) const {
      if (op.read) return value;
      value = op.add == 0 ? 10 : value + op.add;
      return -1;
    }
  };
  EXPECT_TRUE(find_linearization(h, 0L, SetSpec{}).has_value());
}

TEST(LinearizabilityTest, FormatsHistoryOneLinePerEvent) {
  std::vector<Event> h{{0, {false, 1}, -1, 0, 2}, {1, {true, 0}, 1, 1, 3}};
  const std::string text = format_history(h, [](const CounterOp& op, long r) {
    return op.read ? "read -> " + std::to_string(r) : "add " + std::to_string(op.add);
  });
  EXPECT_EQ(text, "  thread 0 [0, 2] add 1\n  thread 1 [1, 3] read -> 1\n");
}

}  // namespace
}  // namespace gauntlet::properties
