// The README's "Chaos suites in CI" snippet, compiled and run.
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "gauntlet/chaos/chaos_test.h"
#include "gauntlet/chaos/fault_point.h"
#include "gauntlet/chaos/fault_registry.h"
#include "gauntlet/chaos/scenarios/builtin.h"

using gauntlet::Error, gauntlet::ErrorCode, gauntlet::Status;

// Your code: a named fault point where a dependency can fail.
Status read_row(int id) {
  GAUNTLET_FAULT_POINT_RETURN("db.read", [](std::string_view v) {
    return Status(Error(ErrorCode::kUnavailable, std::string(v)));
  });
  return id >= 0 ? Status{} : Status(Error(ErrorCode::kNotFound, "no such row"));
}

// A test arms it: every call fails with "busy" until the guard goes away.
TEST(ReadRow, ReportsABusyDatabase) {
  auto busy = gauntlet::chaos::FaultGuard::arm("db.read", "return(busy)");
  ASSERT_TRUE(busy.ok());
  EXPECT_EQ(read_row(1).error().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(read_row(1).error().message(), "busy");
}

// A whole scenario: the test fails, printing the replay command, when a
// hypothesis breaks (here: transient outage, recovery within 2 s).
GAUNTLET_CHAOS_TEST(Resilience, TransientOutage) {
  return gauntlet::chaos::builtin_scenario("transient_outage");
}
