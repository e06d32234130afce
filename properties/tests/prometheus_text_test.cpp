#include "gauntlet/properties/metrics/prometheus_text.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

#include <cmath>

namespace gauntlet::properties::metrics {
namespace {

TEST(PrometheusTextTest, ParsesLabelsWithEscapes) {
  auto samples = parse_prometheus_text(
      "# HELP x_total help\n# TYPE x_total counter\nx_total{a=\"q\\\"uo\\\\te\\nnl\",b=\"\"} 3.5\ny 1e3\nz{} +Inf\n");
  ASSERT_TRUE(samples.ok()) << samples.error().to_string();
  ASSERT_EQ(samples->size(), 3u);
  EXPECT_EQ((*samples)[0].name, "x_total");
  ASSERT_EQ((*samples)[0].labels.size(), 2u);
  EXPECT_EQ((*samples)[0].labels[0].second, "q\"uo\\te\nnl");
  EXPECT_EQ((*samples)[0].labels[1].second, "");
  EXPECT_DOUBLE_EQ((*samples)[0].value, 3.5);
  EXPECT_DOUBLE_EQ((*samples)[1].value, 1000);
  EXPECT_TRUE(std::isinf((*samples)[2].value));
}

TEST(PrometheusTextTest, ErrorNamesLineAndColumn) {
  auto samples = parse_prometheus_text("ok 1\nbad{a=\"x} 1\n");
  EXPECT_THAT(samples, matchers::StatusIs(ErrorCode::kParseError, ::testing::HasSubstr("line 2")));
  auto bad_escape = parse_prometheus_text("m{a=\"\\t\"} 1\n");
  ASSERT_FALSE(bad_escape.ok());
  EXPECT_THAT(parse_prometheus_text("m 12abc\n"), matchers::StatusIs(ErrorCode::kParseError));
}

TEST(PrometheusTextTest, MetricNameRule) {
  EXPECT_TRUE(is_valid_metric_name("a:b_c9"));
  EXPECT_FALSE(is_valid_metric_name("9a"));
  EXPECT_FALSE(is_valid_metric_name("a-b"));
  EXPECT_FALSE(is_valid_metric_name(""));
}

}  // namespace
}  // namespace gauntlet::properties::metrics
