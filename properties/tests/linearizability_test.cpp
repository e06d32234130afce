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

TEST(LinearizabilityTest, FormatsHistoryOneLinePerEvent) {
  std::vector<Event> h{{0, {false, 1}, -1, 0, 2}, {1, {true, 0}, 1, 1, 3}};
  const std::string text = format_history(h, [](const CounterOp& op, long r) {
    return op.read ? "read -> " + std::to_string(r) : "add " + std::to_string(op.add);
  });
  EXPECT_EQ(text, "  thread 0 [0, 2] add 1\n  thread 1 [1, 3] read -> 1\n");
}

}  // namespace
}  // namespace gauntlet::properties
