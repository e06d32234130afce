// Exposition writers, each output checked by independent readers:
// `promtool check metrics` and python3-prometheus-client's parsers.
#include "format_checkers.h"
#include "gauntlet/harness/metrics/exposition.h"
#include "gauntlet/harness/metrics/registry.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace gauntlet::metrics {
namespace {

using testing::promtool_check;
using testing::python_openmetrics_parse;
using testing::python_prometheus_parse;

// Backslash, quote, newline and non-ASCII in a label value.
const std::string kTrickyValue = "C:\\dir \"quoted\"\nline2 caf\xc3\xa9 \xe2\x9c\x93";

// A registry with every metric type, labels, empty series and edge values.
void populate(Registry& r) {
  auto requests =
      r.counter_family("http_requests", "Requests \"served\" \\ by route.\nSecond line.", {"route", "code"});
  (*(*requests)->with({{"route", "/a"}, {"code", "200"}}))->inc(7);
  (*(*requests)->with({{"route", kTrickyValue}, {"code", "500"}}))->inc();
  (void)r.counter("jobs_started_total", "Jobs started.");
  auto temp = r.gauge_family("temperature_celsius", "Temperature.", {"room"});
  (*(*temp)->with({{"room", "lab"}}))->set(-3.25);
  (*(*temp)->with({{"room", "hall"}}))->set(1e21);
  auto latency = r.histogram_family("request_duration_seconds", "Request duration.", {"route"},
                                    HistogramOptions::range(1e-6, 3600, {0.001, 0.01, 0.1, 1, 10}));
  Histogram& a = **(*latency)->with({{"route", "/a"}});
  for (double v : {0.0005, 0.001, 0.02, 0.3, 0.3, 5.0, 7200.0}) a.record(v);
  (void)(*latency)->with({{"route", "/empty"}});
  auto sizes = r.histogram("payload_bytes", "Payload sizes (default bounds).", HistogramOptions::range(1, 1e9));
  for (double v : {1.0, 100.0, 4096.0, 65536.0}) (*sizes)->record(v);
}

TEST(PrometheusTextTest, WritesExpectedLines) {
  Registry r;
  populate(r);
  const std::string text = to_prometheus_text(r.snapshot());
  EXPECT_NE(text.find("# HELP http_requests_total Requests \"served\" \\\\ by route.\\nSecond line.\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("# TYPE http_requests_total counter\n"), std::string::npos);
  EXPECT_NE(text.find("http_requests_total{route=\"/a\",code=\"200\"} 7\n"), std::string::npos);
  EXPECT_NE(text.find("http_requests_total{route=\"C:\\\\dir \\\"quoted\\\"\\nline2 caf\xc3\xa9 \xe2\x9c\x93\","
                      "code=\"500\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("jobs_started_total 0\n"), std::string::npos);
  EXPECT_NE(text.find("temperature_celsius{room=\"lab\"} -3.25\n"), std::string::npos);
  EXPECT_NE(text.find("temperature_celsius{room=\"hall\"} 1e+21\n"), std::string::npos);
  EXPECT_NE(text.find("request_duration_seconds_bucket{route=\"/a\",le=\"0.001\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("request_duration_seconds_bucket{route=\"/a\",le=\"1\"} 5\n"), std::string::npos);
  EXPECT_NE(text.find("request_duration_seconds_bucket{route=\"/a\",le=\"10\"} 6\n"), std::string::npos);
  EXPECT_NE(text.find("request_duration_seconds_bucket{route=\"/a\",le=\"+Inf\"} 7\n"), std::string::npos);
  EXPECT_NE(text.find("request_duration_seconds_count{route=\"/a\"} 7\n"), std::string::npos);
  EXPECT_NE(text.find("request_duration_seconds_bucket{route=\"/empty\",le=\"+Inf\"} 0\n"), std::string::npos);
  EXPECT_NE(text.find("payload_bytes_bucket{le=\"4096\"} 3\n"), std::string::npos);
  EXPECT_EQ(text.find("# EOF"), std::string::npos);
}

TEST(PrometheusTextTest, PromtoolAndPythonAcceptIt) {
  GAUNTLET_REQUIRE_CHECKERS();
  Registry r;
  populate(r);
  const std::string text = to_prometheus_text(r.snapshot());
  const auto promtool = promtool_check(text);
  EXPECT_EQ(promtool.exit_code, 0) << promtool.output << "\n" << text;
  const auto python = python_prometheus_parse(text);
  ASSERT_EQ(python.exit_code, 0) << python.output;
  EXPECT_NE(python.output.find("family http_requests counter 2"), std::string::npos) << python.output;
  EXPECT_NE(python.output.find("family request_duration_seconds histogram"), std::string::npos);
  // The tricky label value survives the round trip.
  const std::string escaped_json = nlohmann::json(kTrickyValue).dump(-1, ' ', false);
  EXPECT_NE(python.output.find("\"route\": " + escaped_json), std::string::npos) << python.output;
}

TEST(PrometheusTextTest, EmptyRegistryAndEmptyFamiliesAreValid) {
  GAUNTLET_REQUIRE_CHECKERS();
  Registry r;
  EXPECT_EQ(to_prometheus_text(r.snapshot()), "");
  ASSERT_TRUE(r.histogram_family("idle_seconds", "Nothing yet.", {"x"}).ok());
  const std::string text = to_prometheus_text(r.snapshot());
  EXPECT_EQ(promtool_check(text).exit_code, 0) << text;
  const std::string om = to_openmetrics_text(r.snapshot());
  EXPECT_EQ(python_openmetrics_parse(om).exit_code, 0) << om;
}

TEST(OpenMetricsTest, WritesFamilyNamesAndEof) {
  Registry r;
  populate(r);
  const std::string text = to_openmetrics_text(r.snapshot());
  EXPECT_NE(text.find("# TYPE http_requests counter\n"), std::string::npos) << text;
  EXPECT_NE(text.find("# HELP http_requests Requests \\\"served\\\" \\\\ by route.\\nSecond line.\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("http_requests_total{route=\"/a\",code=\"200\"} 7\n"), std::string::npos);
  EXPECT_TRUE(text.ends_with("# EOF\n"));
}

TEST(OpenMetricsTest, PythonOpenMetricsParserAcceptsIt) {
  GAUNTLET_REQUIRE_CHECKERS();
  Registry r;
  populate(r);
  const std::string text = to_openmetrics_text(r.snapshot());
  const auto python = python_openmetrics_parse(text);
  ASSERT_EQ(python.exit_code, 0) << python.output << "\n" << text;
  EXPECT_NE(python.output.find("family http_requests counter 2"), std::string::npos) << python.output;
  EXPECT_NE(python.output.find("family temperature_celsius gauge 2"), std::string::npos);
  // 2 series x (5 bounds + Inf + sum + count) = 16 samples.
  EXPECT_NE(python.output.find("family request_duration_seconds histogram 16"), std::string::npos);
  EXPECT_NE(python.output.find("sample request_duration_seconds_bucket {\"le\": \"+Inf\", \"route\": \"/a\"} 7.0"),
            std::string::npos)
      << python.output;
  const std::string escaped_json = nlohmann::json(kTrickyValue).dump(-1, ' ', false);
  EXPECT_NE(python.output.find("\"route\": " + escaped_json), std::string::npos) << python.output;
  // promtool reads OpenMetrics too when told it is Prometheus text minus # EOF;
  // the same registry's 0.0.4 output is checked in PrometheusTextTest.
}

TEST(JsonSnapshotTest, VersionedWithQuantiles) {
  Registry r;
  populate(r);
  const nlohmann::json j = nlohmann::json::parse(to_json(r.snapshot()));
  EXPECT_EQ(j.at("schema"), "gauntlet.metrics/1");
  const auto& families = j.at("families");
  ASSERT_EQ(families.size(), 5u);
  const auto find = [&](const std::string& name) -> const nlohmann::json& {
    for (const auto& f : families) {
      if (f.at("name") == name) return f;
    }
    throw std::runtime_error("family not found: " + name);
  };
  const auto& latency = find("request_duration_seconds");
  EXPECT_EQ(latency.at("type"), "histogram");
  const auto& a = latency.at("series").at(0);
  EXPECT_EQ(a.at("labels").at("route"), "/a");
  EXPECT_EQ(a.at("count"), 7);
  EXPECT_EQ(a.at("min"), 0.0005);
  EXPECT_EQ(a.at("max"), 7200.0);
  EXPECT_NEAR(a.at("p50").get<double>(), 0.3, 0.3 / 100);
  EXPECT_EQ(a.at("p99"), 7200.0);
  EXPECT_EQ(a.at("buckets").size(), 5u);
  EXPECT_EQ(a.at("buckets").at(4).at("count"), 6);
  const auto& empty = latency.at("series").at(1);
  EXPECT_EQ(empty.at("count"), 0);
  EXPECT_TRUE(empty.at("p50").is_null());
  EXPECT_TRUE(empty.at("min").is_null());
  const auto& requests = find("http_requests");
  EXPECT_EQ(requests.at("series").at(0).at("value"), 7);
  EXPECT_EQ(requests.at("series").at(1).at("labels").at("route"), kTrickyValue);
  EXPECT_EQ(find("temperature_celsius").at("series").at(0).at("value"), 1e21);
}

}  // namespace
}  // namespace gauntlet::metrics
