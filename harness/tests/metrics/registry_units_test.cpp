// Meter families, units and OpenTelemetry names in the registry, and the
// collisions mapping can cause.
#include "gauntlet/harness/metrics/registry.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

namespace gauntlet::metrics {
namespace {

FamilySnapshot only_family(const RegistrySnapshot& s) {
  EXPECT_EQ(s.families.size(), 1u);
  return s.families.at(0);
}

TEST(MeterFamilyTest, ExportsTheCountAsACounter) {
  ManualClock clock;
  Registry r;
  auto jobs = r.meter_family("jobs_total", "Jobs done.", {"queue"}, clock);
  ASSERT_TRUE(jobs.ok()) << jobs.error().message();
  Meter& a = **(*jobs)->with({{"queue", "a"}});
  a.mark(5);
  clock.advance(10 * kNanosPerSecond);
  EXPECT_DOUBLE_EQ(a.mean_rate(), 0.5);  // rates stay on the meter
  const FamilySnapshot f = only_family(r.snapshot());
  EXPECT_EQ(f.name, "jobs");
  EXPECT_EQ(f.type, MetricType::kCounter);
  ASSERT_EQ(f.series.size(), 1u);
  EXPECT_EQ(f.series[0].counter, 5u);

  auto again = r.meter_family("jobs", "Other help.", {"queue"}, clock);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *jobs);
  auto unlabelled = r.meter("ticks", "Ticks.", clock);
  ASSERT_TRUE(unlabelled.ok());
  (*unlabelled)->mark();
  EXPECT_EQ(r.snapshot().families.at(1).series.at(0).counter, 1u);
}

TEST(MeterFamilyTest, ACounterOrAnotherClockIsAnotherShape) {
  ManualClock clock;
  ManualClock other;
  Registry r;
  ASSERT_TRUE(r.meter_family("jobs", "Jobs.", {}, clock).ok());
  auto as_counter = r.counter_family("jobs", "Jobs.");
  EXPECT_THAT(as_counter,
              matchers::StatusIs(ErrorCode::kAlreadyExists, ::testing::HasSubstr("already registered as a meter")));
  auto other_clock = r.meter_family("jobs", "Jobs.", {}, other);
  ASSERT_THAT(other_clock, matchers::StatusIs(ErrorCode::kAlreadyExists));
}

TEST(RegistryUnitTest, UnitIsPartOfTheFamily) {
  Registry r;
  auto latency = r.histogram_family({.name = "request_duration_seconds", .help = "Latency.", .unit = "s"}, {"route"},
                                    HistogramOptions::range(1e-6, 60));
  ASSERT_TRUE(latency.ok()) << latency.error().message();
  EXPECT_EQ((*latency)->unit(), "seconds");
  EXPECT_EQ(only_family(r.snapshot()).unit, "seconds");
  auto same = r.histogram_family({.name = "request_duration_seconds", .help = "x", .unit = "seconds"}, {"route"},
                                 HistogramOptions::range(1e-6, 60));
  ASSERT_TRUE(same.ok()) << "\"s\" and \"seconds\" are one unit";
  EXPECT_EQ(*same, *latency);
  auto without = r.histogram_family("request_duration_seconds", "x", {"route"}, HistogramOptions::range(1e-6, 60));
  EXPECT_THAT(without, matchers::StatusIs(ErrorCode::kAlreadyExists, ::testing::HasSubstr("unit seconds")));
}

TEST(RegistryUnitTest, APrometheusNameNotEndingWithItsUnitIsRefused) {
  Registry r;
  auto bad = r.gauge_family({.name = "heap_size", .help = "Heap.", .unit = "By"});
  EXPECT_THAT(bad, matchers::StatusIs(ErrorCode::kInvalidArgument, ::testing::HasSubstr("must end with \"_bytes\"")));
  EXPECT_TRUE(r.snapshot().families.empty());
}

TEST(RegistryOtelNameTest, DottedNamesAreMappedNotRejected) {
  Registry r;
  auto flow = r.histogram_family({.name = "flow.execution.duration", .help = "Flow time.", .unit = "s"}, {"flow"},
                                 HistogramOptions::range(1e-6, 60));
  ASSERT_TRUE(flow.ok()) << flow.error().message();
  EXPECT_EQ((*flow)->name(), "flow_execution_duration_seconds");
  auto again = r.histogram_family({.name = "flow.execution.duration", .help = "Flow time.", .unit = "s"}, {"flow"},
                                  HistogramOptions::range(1e-6, 60));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *flow);
  auto runs = r.counter_family({.name = "flow.executions", .help = "Runs.", .unit = "{execution}"});
  ASSERT_TRUE(runs.ok());
  EXPECT_EQ((*runs)->name(), "flow_executions");
  EXPECT_EQ((*runs)->unit(), "");
}

TEST(RegistryOtelNameTest, TwoNamesMappedToOneAreACollisionNamingBoth) {
  Registry r;
  ASSERT_TRUE(r.histogram_family({.name = "flow.execution.duration", .help = "x", .unit = "s"}).ok());
  auto dotted = r.histogram_family({.name = "flow_execution.duration", .help = "x", .unit = "s"});
  ASSERT_THAT(dotted, matchers::StatusIs(ErrorCode::kAlreadyExists));
  EXPECT_EQ(dotted.error().message(),
            "metric \"flow_execution.duration\" and metric \"flow.execution.duration\" are both exported as "
            "\"flow_execution_duration_seconds\"");
  auto plain = r.histogram_family({.name = "flow_execution_duration_seconds", .help = "x", .unit = "s"});
  EXPECT_THAT(plain,
              matchers::StatusIs(ErrorCode::kAlreadyExists, ::testing::HasSubstr("\"flow.execution.duration\"")));
}

TEST(RegistryCollisionTest, ClashingSampleNamesAreRefused) {
  Registry r;
  ASSERT_TRUE(r.counter("requests", "x").ok());
  auto gauge = r.gauge("requests_total", "x");
  ASSERT_THAT(gauge, matchers::StatusIs(ErrorCode::kAlreadyExists));
  EXPECT_EQ(gauge.error().message(),
            "metric \"requests_total\" (gauge) and metric \"requests\" (counter) would both expose \"requests_total\"");
  ASSERT_TRUE(r.histogram("latency", "x").ok());
  auto count = r.gauge_family({.name = "latency.count", .help = "x"});
  EXPECT_THAT(count, matchers::StatusIs(ErrorCode::kAlreadyExists, ::testing::HasSubstr("\"latency_count\"")));
  EXPECT_EQ(r.snapshot().families.size(), 2u);
}

}  // namespace
}  // namespace gauntlet::metrics
