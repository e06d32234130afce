// Fault-point hits and fires exported as counters of a metrics registry.
#include "gauntlet/chaos/fault_metrics.h"

#include <gtest/gtest.h>

#include "gauntlet/chaos/fault_point.h"
#include "gauntlet/harness/metrics/exposition.h"
#include "gauntlet/harness/testing/status_matchers.h"

namespace gauntlet::chaos {
namespace {

int lookup(int key) {
  GAUNTLET_FAULT_POINT_RETURN("metrics_test.lookup", [](std::string_view) { return -1; });
  return key;
}

class FaultMetricsTest : public ::testing::Test {
 protected:
  void SetUp() override { FaultRegistry::instance().reset(3); }
  void TearDown() override {
    FaultRegistry::instance().disarm_all();
    FaultRegistry::instance().reset(0);
  }
};

TEST_F(FaultMetricsTest, HitsAndFiresBecomeLabelledCounters) {
  ASSERT_TRUE(FaultRegistry::instance().arm("metrics_test.lookup", "2*return(x)"));
  int failed = 0;
  for (int i = 0; i < 5; ++i) failed += lookup(i) < 0 ? 1 : 0;
  ASSERT_EQ(failed, 2);
  metrics::Registry registry;
  ASSERT_TRUE(export_fault_metrics(FaultRegistry::instance(), registry).ok());
  const std::string text = metrics::to_prometheus_text(registry.snapshot());
  EXPECT_NE(text.find("gauntlet_fault_hits_total{point=\"metrics_test.lookup\"} 5"), std::string::npos) << text;
  EXPECT_NE(text.find("gauntlet_fault_fires_total{point=\"metrics_test.lookup\"} 2"), std::string::npos) << text;

  // Exporting again adds only what happened since.
  lookup(9);
  ASSERT_TRUE(export_fault_metrics(FaultRegistry::instance(), registry).ok());
  ASSERT_TRUE(export_fault_metrics(FaultRegistry::instance(), registry).ok());
  const std::string again = metrics::to_prometheus_text(registry.snapshot());
  EXPECT_NE(again.find("gauntlet_fault_hits_total{point=\"metrics_test.lookup\"} 6"), std::string::npos) << again;
  EXPECT_NE(again.find("gauntlet_fault_fires_total{point=\"metrics_test.lookup\"} 2"), std::string::npos) << again;
}

TEST_F(FaultMetricsTest, CountersNeverGoDownAfterAReset) {
  ASSERT_TRUE(FaultRegistry::instance().arm("metrics_test.lookup", "return(x)"));
  for (int i = 0; i < 4; ++i) lookup(i);
  metrics::Registry registry;
  ASSERT_TRUE(export_fault_metrics(FaultRegistry::instance(), registry).ok());
  FaultRegistry::instance().reset(4);  // stats start from zero again
  lookup(1);
  ASSERT_TRUE(export_fault_metrics(FaultRegistry::instance(), registry).ok());
  const std::string text = metrics::to_prometheus_text(registry.snapshot());
  EXPECT_NE(text.find("gauntlet_fault_hits_total{point=\"metrics_test.lookup\"} 4"), std::string::npos) << text;
}

TEST_F(FaultMetricsTest, NameTakenByAnotherTypeIsTheRegistrysError) {
  metrics::Registry registry;
  ASSERT_TRUE(registry.gauge("gauntlet_fault_hits", "not a counter").ok());
  Status s = export_fault_metrics(FaultRegistry::instance(), registry);
  ASSERT_THAT(s, matchers::StatusIs(ErrorCode::kAlreadyExists));
}

}  // namespace
}  // namespace gauntlet::chaos
