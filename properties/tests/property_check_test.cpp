#include "gauntlet/properties/property_check.h"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <cstdlib>

namespace gauntlet::properties {
namespace {

using records::PropertyOutcome;
using records::PropertyResult;

const PropertyResult& last_result() {
  static PropertyResult copy;
  copy = detail::recorded_results().back();
  return copy;
}

TEST(PropertyCheckTest, PassingPropertyIsRecordedWithCases) {
  check_property({Severity::kMust, 1.0},
                 [](unsigned a, unsigned b) { RC_ASSERT(a + b == b + a); });  // unsigned: wraps, never overflows
  const PropertyResult& r = last_result();
  EXPECT_EQ(r.outcome, PropertyOutcome::kPassed);
  EXPECT_EQ(r.test, "PropertyCheckTest.PassingPropertyIsRecordedWithCases");
  EXPECT_EQ(r.cases, case_budget());
  EXPECT_FALSE(r.fails_test);
}

TEST(PropertyCheckTest, FailingMustPropertyFailsWithCounterexampleAndRerun) {
  EXPECT_NONFATAL_FAILURE(check_property({Severity::kMust, 1.0}, [](int a) { RC_ASSERT(a < 10); }),
                          "--gtest_filter=PropertyCheckTest.FailingMustPropertyFailsWithCounterexampleAndRerun");
  const PropertyResult& r = last_result();
  EXPECT_EQ(r.outcome, PropertyOutcome::kFailed);
  EXPECT_TRUE(r.fails_test);
  ASSERT_EQ(r.counterexample.size(), 1u);
  EXPECT_EQ(r.counterexample[0].second, "(10)");  // shrunk to the minimal failing value
  EXPECT_NE(r.rerun.find("RC_PARAMS='reproduce="), std::string::npos) << r.rerun;
}

TEST(PropertyCheckTest, FailingShouldPropertyIsRecordedButPassesUnlessStrict) {
  if (strict_mode()) GTEST_SKIP() << "GAUNTLET_STRICT=1 is set for this run";
  check_property({Severity::kShould, 1.0}, [](int a) { RC_ASSERT(a < 10); });
  const PropertyResult& r = last_result();
  EXPECT_EQ(r.outcome, PropertyOutcome::kFailed);
  EXPECT_EQ(r.severity, "SHOULD");
  EXPECT_FALSE(r.fails_test);
}

TEST(PropertyCheckTest, StrictModeMakesShouldFailuresFail) {
  ::setenv("GAUNTLET_STRICT", "1", 1);
  EXPECT_NONFATAL_FAILURE(check_property({Severity::kShould, 1.0}, [](int a) { RC_ASSERT(a < 10); }),
                          "SHOULD property");
  ::unsetenv("GAUNTLET_STRICT");
  EXPECT_TRUE(last_result().fails_test);
}

TEST(PropertyCheckTest, SkipIsRecordedAsSkippedNotPassed) {
  const PropertySpec spec{Severity::kMust, 1.0};
  auto skip = [&] { GAUNTLET_SKIP_PROPERTY(spec, "not applicable"); };
  skip();
  EXPECT_EQ(last_result().outcome, PropertyOutcome::kSkipped);
  EXPECT_EQ(last_result().message, "not applicable");
}

TEST(PropertyCheckTest, CaseBudgetHonoursEnvironment) {
  ::setenv("GAUNTLET_PROPERTY_CASES", "40", 1);
  EXPECT_EQ(case_budget(), 40);
  EXPECT_EQ(case_budget(0.5), 20);
  EXPECT_EQ(case_budget(0.01), 5);
  ::unsetenv("GAUNTLET_PROPERTY_CASES");
  ::setenv("GAUNTLET_THOROUGH", "1", 1);
  EXPECT_EQ(case_budget(), 2000);
  ::unsetenv("GAUNTLET_THOROUGH");
  EXPECT_EQ(case_budget(), 100);
}

}  // namespace
}  // namespace gauntlet::properties
