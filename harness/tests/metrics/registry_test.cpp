#include "gauntlet/harness/metrics/registry.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

namespace gauntlet::metrics {
namespace {

TEST(RegistryTest, FamiliesHandOutStableSeries) {
  Registry r;
  auto fam = r.counter_family("http_requests", "Requests served.", {"route", "code"});
  ASSERT_TRUE(fam.ok());
  auto a = (*fam)->with({{"route", "/a"}, {"code", "200"}});
  auto a_again = (*fam)->with({{"code", "200"}, {"route", "/a"}});  // order does not matter
  auto b = (*fam)->with({{"route", "/b"}, {"code", "200"}});
  ASSERT_TRUE(a.ok() && a_again.ok() && b.ok());
  EXPECT_EQ(*a, *a_again);
  EXPECT_NE(*a, *b);
  (*a)->inc(3);
  (*b)->inc();
  RegistrySnapshot s = r.snapshot();
  ASSERT_EQ(s.families.size(), 1u);
  const FamilySnapshot& f = s.families[0];
  EXPECT_EQ(f.name, "http_requests");
  EXPECT_EQ(f.type, MetricType::kCounter);
  ASSERT_EQ(f.series.size(), 2u);
  EXPECT_EQ(f.series[0].label_values, (std::vector<std::string>{"/a", "200"}));
  EXPECT_EQ(f.series[0].counter, 3u);
  EXPECT_EQ(f.series[1].counter, 1u);
}

TEST(RegistryTest, ReRegisteringTheSameShapeReturnsTheSameFamily) {
  Registry r;
  auto g1 = r.gauge_family("queue_depth", "Items queued.", {"queue"});
  auto g2 = r.gauge_family("queue_depth", "Other help is fine.", {"queue"});
  ASSERT_TRUE(g1.ok() && g2.ok());
  EXPECT_EQ(*g1, *g2);
  auto c1 = r.counter("jobs_total", "Jobs.");
  auto c2 = r.counter("jobs", "Jobs.");
  ASSERT_TRUE(c1.ok() && c2.ok());
  EXPECT_EQ(*c1, *c2);
  EXPECT_EQ(r.snapshot().families.at(0).name, "jobs");
}

TEST(RegistryTest, DifferentShapeIsAlreadyExists) {
  Registry r;
  ASSERT_TRUE(r.counter_family("events", "Events.", {"kind"}).ok());
  auto as_gauge = r.gauge_family("events", "Events.", {"kind"});
  ASSERT_THAT(as_gauge, matchers::StatusIs(ErrorCode::kAlreadyExists));
  auto other_labels = r.counter_family("events", "Events.", {"type"});
  ASSERT_THAT(other_labels, matchers::StatusIs(ErrorCode::kAlreadyExists));
  ASSERT_TRUE(r.histogram("latency", "Latency.", HistogramOptions::range(1, 1e6)).ok());
  auto other_range = r.histogram("latency", "Latency.", HistogramOptions::range(1, 1e9));
  EXPECT_THAT(other_range, matchers::StatusIs(ErrorCode::kAlreadyExists, ::testing::HasSubstr("latency")));
}

TEST(RegistryTest, InvalidNamesAreErrorsNotCrashes) {
  Registry r;
  auto bad_name = r.counter("http-requests", "x");
  EXPECT_THAT(bad_name, matchers::StatusIs(ErrorCode::kInvalidArgument, ::testing::HasSubstr("http-requests")));
  auto bad_label = r.gauge_family("temp", "x", {"__hidden"});
  ASSERT_THAT(bad_label, matchers::StatusIs(ErrorCode::kInvalidArgument));
  auto dup_label = r.gauge_family("temp", "x", {"a", "a"});
  ASSERT_THAT(dup_label, matchers::StatusIs(ErrorCode::kInvalidArgument));
  auto bad_options = r.histogram("sizes", "x", HistogramOptions::range(-1, 3.6e12));
  ASSERT_THAT(bad_options, matchers::StatusIs(ErrorCode::kInvalidArgument));
  EXPECT_TRUE(r.snapshot().families.empty());
}

TEST(RegistryTest, WithChecksLabelSets) {
  Registry r;
  auto fam = r.histogram_family("rpc_latency", "RPC latency.", {"method"});
  ASSERT_TRUE(fam.ok());
  struct Case {
    Labels labels;
    const char* why;
  };
  const std::vector<Case> cases = {
      {{}, "missing"},
      {{{"method", "a"}, {"extra", "b"}}, "extra"},
      {{{"verb", "get"}}, "unknown"},
      {{{"method", "a"}, {"method", "b"}}, "duplicate"},
      {{{"method", "\xff"}}, "not utf-8"},
  };
  for (const Case& c : cases) {
    auto s = (*fam)->with(c.labels);
    EXPECT_THAT(s, matchers::StatusIs(ErrorCode::kInvalidArgument, ::testing::HasSubstr("rpc_latency"))) << c.why;
  }
  auto ok = (*fam)->with({{"method", "get"}});
  ASSERT_TRUE(ok.ok());
  (*ok)->record(5.0);
  RegistrySnapshot snap = r.snapshot();
  ASSERT_EQ(snap.families[0].series.size(), 1u);
  ASSERT_TRUE(snap.families[0].series[0].histogram.has_value());
  EXPECT_EQ(snap.families[0].series[0].histogram->count, 1u);
  EXPECT_EQ(snap.families[0].export_bounds.size(), 42u);
}

TEST(RegistryTest, SnapshotListsFamiliesByName) {
  Registry r;
  ASSERT_TRUE(r.gauge("zeta", "z").ok());
  ASSERT_TRUE(r.counter("alpha", "a").ok());
  ASSERT_TRUE(r.histogram("mid", "m").ok());
  RegistrySnapshot s = r.snapshot();
  ASSERT_EQ(s.families.size(), 3u);
  EXPECT_EQ(s.families[0].name, "alpha");
  EXPECT_EQ(s.families[1].name, "mid");
  EXPECT_EQ(s.families[2].name, "zeta");
}

}  // namespace
}  // namespace gauntlet::metrics
