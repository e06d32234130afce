// OpenTelemetry names and UCUM units mapped to Prometheus names and units,
// with the examples of the OpenTelemetry compatibility specification and the
// Collector's documentation.
#include "gauntlet/harness/metrics/naming.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

namespace gauntlet::metrics {
namespace {

TEST(PrometheusUnitTest, UcumAbbreviationsBecomeWords) {
  const std::pair<const char*, const char*> cases[] = {
      {"s", "seconds"},
      {"ms", "milliseconds"},
      {"us", "microseconds"},
      {"ns", "nanoseconds"},
      {"min", "minutes"},
      {"By", "bytes"},
      {"KiBy", "kibibytes"},
      {"MBy", "megabytes"},
      {"Cel", "celsius"},
      {"Hz", "hertz"},
      {"%", "percent"},
      {"1", "ratio"},
      {"{request}", ""},
      {"", ""},
      {"By/s", "bytes_per_second"},
      {"1/s", "per_second"},
      {"{request}/s", "per_second"},
      {"m/s", "meters_per_second"},
      {"seconds", "seconds"},
      {"bytes_per_second", "bytes_per_second"},
      {"packets", "packets"},
      {"foo-bar", "foo_bar"},
  };
  for (const auto& [ucum, word] : cases) {
    auto got = prometheus_unit(ucum);
    ASSERT_TRUE(got.ok()) << ucum;
    EXPECT_EQ(*got, word) << ucum;
  }
}

TEST(PrometheusUnitTest, NonAsciiUnitIsInvalidArgument) {
  for (const char* bad : {"\xc2\xb5s", "a b", "s\n"}) {
    auto got = prometheus_unit(bad);
    EXPECT_THAT(got, matchers::StatusIs(ErrorCode::kInvalidArgument, ::testing::HasSubstr("printable ASCII"))) << bad;
  }
}

struct Mapped {
  const char* name;
  const char* unit;
  MetricType type;
  const char* exported;
  const char* exported_unit;
};

TEST(ExportNameTest, OpenTelemetryNamesAreMapped) {
  const Mapped cases[] = {
      {"flow.execution.duration", "s", MetricType::kHistogram, "flow_execution_duration_seconds", "seconds"},
      {"http.server.request.duration", "s", MetricType::kHistogram, "http_server_request_duration_seconds", "seconds"},
      {"system.filesystem.usage", "By", MetricType::kGauge, "system_filesystem_usage_bytes", "bytes"},
      {"system.network.dropped", "{packets}", MetricType::kCounter, "system_network_dropped", ""},
      {"system.network.dropped", "packets", MetricType::kCounter, "system_network_dropped_packets", "packets"},
      {"system.memory.utilization", "1", MetricType::kGauge, "system_memory_utilization_ratio", "ratio"},
      {"network.io.rate", "By/s", MetricType::kGauge, "network_io_rate_bytes_per_second", "bytes_per_second"},
      {"flow.executions.total", "", MetricType::kCounter, "flow_executions", ""},
      {"flow.duration.seconds", "s", MetricType::kHistogram, "flow_duration_seconds", "seconds"},
      {"a.b-c/d", "", MetricType::kGauge, "a_b_c_d", ""},
      {"a..b__c.", "", MetricType::kGauge, "a_b_c_", ""},
      {"flow.", "s", MetricType::kGauge, "flow_seconds", "seconds"},
  };
  for (const Mapped& c : cases) {
    auto got = export_name(c.name, c.unit, c.type);
    ASSERT_TRUE(got.ok()) << c.name << ": " << got.error().message();
    EXPECT_EQ(got->name, c.exported) << c.name;
    EXPECT_EQ(got->unit, c.exported_unit) << c.name;
  }
}

TEST(ExportNameTest, PrometheusNamesAreKeptAndMustEndWithTheirUnit) {
  auto seconds = export_name("request_duration_seconds", "s", MetricType::kHistogram);
  ASSERT_TRUE(seconds.ok());
  EXPECT_EQ(seconds->name, "request_duration_seconds");
  EXPECT_EQ(seconds->unit, "seconds");
  auto word = export_name("payload_bytes", "bytes", MetricType::kGauge);
  ASSERT_TRUE(word.ok());
  EXPECT_EQ(word->unit, "bytes");
  auto counter = export_name("busy_seconds_total", "s", MetricType::kCounter);
  ASSERT_TRUE(counter.ok());
  EXPECT_EQ(counter->name, "busy_seconds");
  auto plain = export_name("http-requests", "", MetricType::kCounter);
  ASSERT_THAT(plain, matchers::StatusIs(ErrorCode::kInvalidArgument)) << "a name without a dot is not mapped";

  auto missing = export_name("request_duration", "s", MetricType::kHistogram);
  ASSERT_THAT(missing, matchers::StatusIs(ErrorCode::kInvalidArgument));
  EXPECT_EQ(missing.error().message(),
            "metric \"request_duration\": with unit \"s\" the name must end with \"_seconds\" (OpenMetrics "
            "requires the unit as the name's suffix), e.g. \"request_duration_seconds\"");
  auto infix = export_name("seconds_before_birthday", "seconds", MetricType::kGauge);
  ASSERT_FALSE(infix.ok()) << "the unit must be the suffix, not anywhere in the name";
}

TEST(ExportNameTest, InvalidOpenTelemetryNamesNameTheCharacter) {
  const std::pair<const char*, const char*> cases[] = {
      {"1flow.x", "character 1"},          {"flow.x y", "character 7"}, {"_flow.x", "character 1"},
      {"flow.caf\xc3\xa9", "character 9"}, {"flow.a:b", "character 7"},
  };
  for (const auto& [name, where] : cases) {
    auto got = export_name(name, "", MetricType::kGauge);
    EXPECT_THAT(got, matchers::StatusIs(ErrorCode::kInvalidArgument, ::testing::HasSubstr(where))) << name;
  }
  const std::string long_name = "a." + std::string(254, 'x');
  auto too_long = export_name(long_name, "", MetricType::kGauge);
  EXPECT_THAT(too_long, matchers::StatusIs(ErrorCode::kInvalidArgument, ::testing::HasSubstr("longer than 255")));
  auto bad_unit = export_name("flow.duration", "\xc2\xb5s", MetricType::kGauge);
  EXPECT_THAT(bad_unit,
              matchers::StatusIs(ErrorCode::kInvalidArgument, ::testing::HasSubstr("metric \"flow.duration\"")));
}

}  // namespace
}  // namespace gauntlet::metrics
