// Units, meters and mapped OpenTelemetry names in every exposition, each
// output checked by `promtool check metrics` and python3-prometheus-client.
#include "format_checkers.h"
#include "gauntlet/harness/metrics/exposition.h"
#include "gauntlet/harness/metrics/registry.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>

namespace gauntlet::metrics {
namespace {

using testing::promtool_check;
using testing::python_openmetrics_parse;
using testing::python_prometheus_parse;

// A meter family, families with units, and OpenTelemetry-named families.
void populate(Registry& r, const Clock& clock) {
  auto jobs = r.meter_family({.name = "jobs_total", .help = "Jobs done."}, {"queue"}, clock);
  (*(*jobs)->with({{"queue", "a"}}))->mark(5);
  (*(*jobs)->with({{"queue", "b"}}))->mark();
  auto flow = r.histogram_family({.name = "flow.execution.duration", .help = "Flow time.", .unit = "s"}, {"flow"},
                                 HistogramOptions::range(1e-6, 60, {0.01, 0.1, 1}));
  Histogram& h = **(*flow)->with({{"flow", "checkout"}});
  for (double v : {0.005, 0.05, 0.5, 5.0}) h.record(v);
  auto heap = r.gauge_family({.name = "heap_size_bytes", .help = "Heap.", .unit = "By"});
  (*(*heap)->with({}))->set(4096);
  auto busy = r.counter_family({.name = "worker.busy.time", .help = "Busy time.", .unit = "s"}, {"worker"});
  (*(*busy)->with({{"worker", "w1"}}))->inc(12);
  auto load = r.gauge_family({.name = "system.cpu.utilization", .help = "CPU share.", .unit = "1"});
  (*(*load)->with({}))->set(0.25);
  auto transfers = r.meter_family({.name = "net.io", .help = "Bytes moved.", .unit = "By"}, {}, clock);
  (*(*transfers)->with({}))->mark(1024);
}

TEST(UnitExpositionTest, OpenMetricsHasUnitLinesAndPrometheusTextHasNone) {
  ManualClock clock;
  Registry r;
  populate(r, clock);
  const std::string om = to_openmetrics_text(r.snapshot());
  EXPECT_NE(om.find("# TYPE flow_execution_duration_seconds histogram\n"
                    "# UNIT flow_execution_duration_seconds seconds\n"),
            std::string::npos)
      << om;
  EXPECT_NE(om.find("# UNIT heap_size_bytes bytes\n"), std::string::npos);
  EXPECT_NE(om.find("# TYPE worker_busy_time_seconds counter\n# UNIT worker_busy_time_seconds seconds\n"),
            std::string::npos)
      << om;
  EXPECT_NE(om.find("worker_busy_time_seconds_total{worker=\"w1\"} 12\n"), std::string::npos);
  EXPECT_NE(om.find("# UNIT system_cpu_utilization_ratio ratio\n"), std::string::npos);
  EXPECT_NE(om.find("# TYPE jobs counter\n"), std::string::npos);
  EXPECT_NE(om.find("jobs_total{queue=\"a\"} 5\n"), std::string::npos);
  EXPECT_NE(om.find("net_io_bytes_total 1024\n"), std::string::npos);
  EXPECT_EQ(om.find("# UNIT jobs"), std::string::npos) << "no unit, no line";

  const std::string text = to_prometheus_text(r.snapshot());
  EXPECT_EQ(text.find("# UNIT"), std::string::npos) << text;
  EXPECT_NE(text.find("# TYPE jobs_total counter\njobs_total{queue=\"a\"} 5\njobs_total{queue=\"b\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("flow_execution_duration_seconds_bucket{flow=\"checkout\",le=\"0.1\"} 2\n"), std::string::npos);
}

TEST(UnitExpositionTest, PromtoolAndPythonAcceptIt) {
  GAUNTLET_REQUIRE_CHECKERS();
  ManualClock clock;
  Registry r;
  populate(r, clock);
  const std::string text = to_prometheus_text(r.snapshot());
  const auto promtool = promtool_check(text);
  EXPECT_EQ(promtool.exit_code, 0) << promtool.output << "\n" << text;
  const auto python = python_prometheus_parse(text);
  ASSERT_EQ(python.exit_code, 0) << python.output;
  EXPECT_NE(python.output.find("family jobs counter 2"), std::string::npos) << python.output;
  EXPECT_NE(python.output.find("family flow_execution_duration_seconds histogram"), std::string::npos);

  const std::string om = to_openmetrics_text(r.snapshot());
  const auto parsed = python_openmetrics_parse(om);
  ASSERT_EQ(parsed.exit_code, 0) << parsed.output << "\n" << om;
  for (const char* line :
       {"unit flow_execution_duration_seconds seconds", "unit heap_size_bytes bytes",
        "unit worker_busy_time_seconds seconds", "unit system_cpu_utilization_ratio ratio", "unit net_io_bytes bytes",
        "family jobs counter 2", "sample jobs_total {\"queue\": \"a\"} 5.0"}) {
    EXPECT_NE(parsed.output.find(line), std::string::npos) << line << "\n" << parsed.output;
  }
}

TEST(UnitExpositionTest, ParserRefusesAUnitThatIsNotTheSuffix) {
  // Why the registry refuses such names: OpenMetrics readers reject them.
  GAUNTLET_REQUIRE_CHECKERS();
  const auto parsed = python_openmetrics_parse("# TYPE heap_size gauge\n# UNIT heap_size bytes\nheap_size 1\n# EOF\n");
  EXPECT_NE(parsed.exit_code, 0) << parsed.output;
}

TEST(UnitExpositionTest, JsonCarriesTheUnit) {
  ManualClock clock;
  Registry r;
  populate(r, clock);
  const nlohmann::json j = nlohmann::json::parse(to_json(r.snapshot()));
  for (const auto& f : j.at("families")) {
    if (f.at("name") == "flow_execution_duration_seconds") {
      EXPECT_EQ(f.at("unit"), "seconds");
    }
    if (f.at("name") == "jobs") {
      EXPECT_EQ(f.at("unit"), "");
      EXPECT_EQ(f.at("type"), "counter");
      EXPECT_EQ(f.at("series").at(0).at("value"), 5);
    }
  }
}

}  // namespace
}  // namespace gauntlet::metrics
