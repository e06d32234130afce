#include "gauntlet/harness/metrics/labels.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

namespace gauntlet::metrics {
namespace {

TEST(MetricNameTest, AcceptsPrometheusNames) {
  EXPECT_TRUE(validate_metric_name("http_requests").ok());
  EXPECT_TRUE(validate_metric_name("_x").ok());
  EXPECT_TRUE(validate_metric_name("job:rate5m").ok());
  EXPECT_TRUE(validate_metric_name("a1").ok());
}

TEST(MetricNameTest, RejectsBadNamesWithPosition) {
  for (const char* bad : {"", "1abc", "a-b", "a b", "caf\xc3\xa9"}) {
    Status s = validate_metric_name(bad);
    ASSERT_THAT(s, matchers::StatusIs(ErrorCode::kInvalidArgument)) << bad;
  }
  EXPECT_THAT(validate_metric_name("a-b"),
              matchers::StatusIs(ErrorCode::kInvalidArgument, ::testing::HasSubstr("character 2")));
}

TEST(LabelNameTest, RejectsReservedAndInvalid) {
  EXPECT_TRUE(validate_label_name("route").ok());
  EXPECT_TRUE(validate_label_name("_r1").ok());
  for (const char* bad : {"", "__name__", "le", "quantile", "a:b", "9a", "a.b"}) {
    Status s = validate_label_name(bad);
    ASSERT_THAT(s, matchers::StatusIs(ErrorCode::kInvalidArgument)) << bad;
  }
}

TEST(LabelValueTest, AcceptsUtf8AndRejectsMalformed) {
  EXPECT_TRUE(validate_label_value("").ok());
  EXPECT_TRUE(validate_label_value("a\"b\\c\nd").ok());
  EXPECT_TRUE(validate_label_value("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80").ok());
  for (const char* bad : {"\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xff"}) {
    Status s = validate_label_value(bad);
    ASSERT_THAT(s, matchers::StatusIs(ErrorCode::kInvalidArgument)) << bad;
  }
}

}  // namespace
}  // namespace gauntlet::metrics
