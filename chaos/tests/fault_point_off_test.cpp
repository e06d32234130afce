// Built as if configured with GAUNTLET_FAULT_POINTS=OFF: sites compile out.
#undef GAUNTLET_FAULT_POINTS_ENABLED
#define GAUNTLET_FAULT_POINTS_ENABLED 0
#include "gauntlet/chaos/fault_point.h"

#include <gtest/gtest.h>

#include "gauntlet/chaos/fault_registry.h"

namespace gauntlet::chaos {
namespace {

int compiled_out(int x) {
  GAUNTLET_FAULT_POINT_RETURN("off.test", [](std::string_view) { return -1; });
  GAUNTLET_FAULT_POINT("off.test");
  return GAUNTLET_FAULT_POINT_EVAL("off.test").fired() ? -2 : x;
}

TEST(FaultPointsOffTest, ArmedPointsDoNothingAndAreNeverHit) {
  FaultRegistry::instance().reset(1);
  ASSERT_TRUE(FaultRegistry::instance().arm("off.test", "throw(boom)"));
  EXPECT_EQ(compiled_out(7), 7);
  for (const auto& st : FaultRegistry::instance().stats()) {
    if (st.point == "off.test") {
      EXPECT_EQ(st.hits, 0u);
    }
  }
  FaultRegistry::instance().disarm("off.test");
}

}  // namespace
}  // namespace gauntlet::chaos
