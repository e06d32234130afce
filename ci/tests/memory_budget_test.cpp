// Memory budgets of the whole run: the context keys `gauntlet bench run`
// writes, `budgets: max_memory_mb / max_memory_growth_mb`, their verdicts and
// margins, and `gauntlet gate --current FILE --config FILE` on them.
#include "gauntlet/ci/benchmark_file.h"
#include "gauntlet/ci/gate.h"
#include "gauntlet/ci/gate_config.h"
#include "gauntlet/ci/gate_reporters.h"
#include "gauntlet/cli/testing/cli_run.h"
#include "gauntlet/harness/testing/status_matchers.h"
#include "gauntlet/records/gate_result_json.h"

#include "gate_test_files.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>

namespace gauntlet::ci {
namespace {

using matchers::StatusIs;
using ::testing::HasSubstr;

constexpr double kMiB = 1024.0 * 1024.0;
constexpr std::int64_t kPeak = 126'812'160;   // 120.9375 MiB
constexpr std::int64_t kGrowth = 10'485'760;  // 10 MiB

// A one-benchmark run whose context carries `context_extra` (e.g. the memory keys).
std::string run_json(const nlohmann::json& context_extra) {
  nlohmann::json doc{{"context", {{"host_name", "h"}, {"num_cpus", 2}}}};
  for (const auto& [k, v] : context_extra.items()) doc["context"][k] = v;
  doc["benchmarks"] = nlohmann::json::array();
  for (int i = 0; i < 5; ++i)
    doc["benchmarks"].push_back({{"name", "BM_A"},
                                 {"run_type", "iteration"},
                                 {"repetition_index", i},
                                 {"iterations", 100},
                                 {"real_time", 1000 + i},
                                 {"cpu_time", 1000},
                                 {"time_unit", "ns"}});
  return doc.dump();
}

nlohmann::json measured(const std::string& peak, const std::string& growth) {
  return {{std::string(kPeakRssKey), peak}, {std::string(kRssGrowthKey), growth}};
}

// --- reading the context keys -------------------------------------------

TEST(MemoryContextTest, ReadsBothKeysAsWholeBytes) {
  auto f = parse_benchmark_json(run_json(measured(std::to_string(kPeak), std::to_string(kGrowth))), "r.json");
  ASSERT_THAT(f, matchers::IsOk());
  EXPECT_EQ(f->context.peak_rss_bytes, kPeak);
  EXPECT_EQ(f->context.rss_growth_bytes, kGrowth);
  EXPECT_EQ(f->context.extra.at(std::string(kPeakRssKey)), std::to_string(kPeak));  // as written
  auto zero = parse_benchmark_json(run_json(measured("0", "0")), "r.json");
  ASSERT_THAT(zero, matchers::IsOk());
  EXPECT_EQ(zero->context.rss_growth_bytes, 0);
  auto number = parse_benchmark_json(run_json({{std::string(kPeakRssKey), 4096}}), "r.json");
  ASSERT_THAT(number, matchers::IsOk());
  EXPECT_EQ(number->context.peak_rss_bytes, 4096);
  EXPECT_FALSE(number->context.rss_growth_bytes.has_value());
}

TEST(MemoryContextTest, FilesFromElsewhereLackThem) {
  auto f = parse_benchmark_json(run_json(nlohmann::json::object()), "r.json");
  ASSERT_THAT(f, matchers::IsOk());
  EXPECT_FALSE(f->context.peak_rss_bytes.has_value());
  EXPECT_FALSE(f->context.rss_growth_bytes.has_value());
}

TEST(MemoryContextTest, AValueThatIsNotWholeBytesNamesFileAndKey) {
  for (const nlohmann::json& bad :
       {nlohmann::json("-5"), nlohmann::json("12.5"), nlohmann::json("12 MiB"), nlohmann::json(""),
        nlohmann::json("+7"), nlohmann::json(true), nlohmann::json("99999999999999999999999")}) {
    auto f = parse_benchmark_json(run_json({{std::string(kRssGrowthKey), bad}}), "run.json");
    EXPECT_THAT(f, StatusIs(ErrorCode::kSchemaError,
                            HasSubstr("run.json: context.gauntlet_rss_growth_bytes: expected a whole number of "
                                      "bytes >= 0, got ")))
        << bad.dump();
  }
  auto negative = parse_benchmark_json(run_json({{std::string(kPeakRssKey), -1}}), "run.json");
  EXPECT_THAT(negative, StatusIs(ErrorCode::kSchemaError, HasSubstr("run.json: context.gauntlet_peak_rss_bytes: ")));
  auto fraction = parse_benchmark_json(run_json({{std::string(kPeakRssKey), 1.5}}), "run.json");
  EXPECT_THAT(fraction,
              StatusIs(ErrorCode::kSchemaError, HasSubstr("context.gauntlet_peak_rss_bytes: expected a whole number")));
}

// --- config -------------------------------------------------------------

TEST(MemoryConfigTest, ReadsBothLimitsInMiB) {
  auto c = parse_gate_config(
      "budgets:\n  max_memory_mb: 500\n  max_memory_growth_mb: 64.5\n  operations:\n    x: {p95_ms: 1}\n", "g.yaml");
  ASSERT_THAT(c, matchers::IsOk());
  EXPECT_EQ(c->memory.max_memory_mb, 500);
  EXPECT_EQ(c->memory.max_memory_growth_mb, 64.5);
  ASSERT_EQ(c->budgets.size(), 1u);
  // Memory alone needs no operations.
  auto alone = parse_gate_config("budgets:\n  max_memory_growth_mb: 8\n", "g.yaml");
  ASSERT_THAT(alone, matchers::IsOk());
  EXPECT_EQ(alone->memory.max_memory_mb, 0);
  EXPECT_EQ(alone->memory.max_memory_growth_mb, 8);
  EXPECT_TRUE(alone->budgets.empty());
  // Older configs load as before, with no memory budget.
  auto old = parse_gate_config("budgets:\n  tolerance_pct: 5\n  operations:\n    x: {p95_ms: 1}\n", "g.yaml");
  ASSERT_THAT(old, matchers::IsOk());
  EXPECT_FALSE(old->memory.any());
}

TEST(MemoryConfigTest, BadLimitsNameFieldAndPlace) {
  const std::pair<const char*, const char*> cases[] = {
      {"budgets:\n  max_memory_mb: -1\n", "g.yaml:2:18: budgets.max_memory_mb: must lie in [0, 1e+07]"},
      {"budgets:\n  max_memory_mb: 0\n",
       "g.yaml:2:18: budgets.max_memory_mb: must be above 0 MiB (leave it out for no limit)"},
      {"budgets:\n  max_memory_growth_mb: 1e12\n", "g.yaml:2:25: budgets.max_memory_growth_mb: must lie in [0, 1e+07]"},
      {"budgets:\n  max_memory_growth_mb: .nan\n", "g.yaml:2:25: budgets.max_memory_growth_mb: must lie in"},
      {"budgets:\n  max_memory_mb: lots\n", "g.yaml:2:18: budgets.max_memory_mb: expected a number"},
      {"budgets:\n  max_memory_gb: 2\n", "g.yaml:2:3: budgets.max_memory_gb: unknown field"},
      {"budgets:\n  operations:\n    x: {max_memory_mb: 5}\n",
       "g.yaml:3:9: budgets.operations.x.max_memory_mb: unknown field"},
      {"budgets:\n  tolerance_pct: 5\n", "budgets.operations: expected a map of operation names"},
  };
  for (const auto& [yaml, message] : cases)
    EXPECT_THAT(parse_gate_config(yaml, "g.yaml"), StatusIs(ErrorCode::kSchemaError, HasSubstr(message))) << yaml;
}

// --- verdicts -----------------------------------------------------------

BenchmarkContext context_with(std::optional<std::int64_t> peak, std::optional<std::int64_t> growth) {
  BenchmarkContext c;
  c.peak_rss_bytes = peak;
  c.rss_growth_bytes = growth;
  return c;
}

TEST(MemoryCheckTest, WithinBreachedAndNotMeasuredWithMargins) {
  const MemoryBudget limits{500, 8};
  auto checks = check_memory(context_with(kPeak, kGrowth), limits, "r.json");
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0].kind, "peak");
  EXPECT_EQ(checks[0].verdict, "within");
  EXPECT_FALSE(checks[0].breached);
  EXPECT_DOUBLE_EQ(checks[0].limit_bytes, 500 * kMiB);
  EXPECT_DOUBLE_EQ(checks[0].measured_bytes, kPeak);
  EXPECT_NEAR(checks[0].margin, (500 - 120.9375) / 500, 1e-12);
  EXPECT_EQ(checks[1].kind, "growth");
  EXPECT_EQ(checks[1].verdict, "breached");
  EXPECT_TRUE(checks[1].breached);
  EXPECT_DOUBLE_EQ(checks[1].margin, -0.25);  // 10 MiB against 8 MiB

  // Exactly at the limit is within.
  auto at = check_memory(context_with(500 * 1024 * 1024, std::nullopt), {500, 0}, "r.json");
  ASSERT_EQ(at.size(), 1u);
  EXPECT_EQ(at[0].verdict, "within");
  EXPECT_DOUBLE_EQ(at[0].margin, 0);

  auto none = check_memory(context_with(std::nullopt, std::nullopt), limits, "plain.json");
  ASSERT_EQ(none.size(), 2u);
  for (const records::MemoryCheck& m : none) {
    EXPECT_EQ(m.verdict, "not_measured");
    EXPECT_TRUE(m.breached);
    EXPECT_TRUE(std::isnan(m.measured_bytes));
    EXPECT_TRUE(std::isnan(m.margin));
    EXPECT_THAT(m.reason, HasSubstr("need a run from `gauntlet bench run`"));
  }
  EXPECT_THAT(none[0].reason, HasSubstr("plain.json has no context.gauntlet_peak_rss_bytes"));
  EXPECT_TRUE(check_memory(context_with(kPeak, kGrowth), {}, "r.json").empty());
}

TEST(MemoryCheckTest, TheGateCountsThemAsBudgetBreachesAndPrintsThem) {
  BenchmarkFile cur = testing::file_named("c.json");
  testing::add_runs(cur, "BM_A", testing::noisy(10, 100, 0.02, 1));
  cur.context.peak_rss_bytes = kPeak;
  cur.context.rss_growth_bytes = kGrowth;
  GateConfig config;
  config.memory = {500, 8};
  records::GateResult single = run_single_gate(cur, config);
  EXPECT_FALSE(single.passed);
  EXPECT_EQ(single.summary.budget_breaches, 1);
  const std::string console = gate_console_table(single, false);
  EXPECT_THAT(console, HasSubstr("memory within: peak 120.9 MiB < 500.0 MiB (margin +75.8%)\n"));
  EXPECT_THAT(console, HasSubstr("memory breach: growth 10.0 MiB > 8.0 MiB (margin -25.0%)\n"));
  const std::string md = gate_markdown(single);
  EXPECT_THAT(md, HasSubstr("| whole run | memory growth | 10.0 MiB | 8.0 MiB | -25.0% | - | breached |"));
  EXPECT_THAT(md, HasSubstr("| whole run | memory peak | 120.9 MiB | 500.0 MiB | +75.8% | - | within |"));

  // A comparison judges them on the current run too.
  BenchmarkFile base = testing::file_named("b.json");
  testing::add_runs(base, "BM_A", testing::noisy(10, 100, 0.02, 2));
  config.memory = {500, 0};
  auto compared = run_gate(base, cur, config);
  ASSERT_THAT(compared, matchers::IsOk());
  ASSERT_EQ(compared->memory.size(), 1u);
  EXPECT_EQ(compared->memory[0].verdict, "within");
  cur.context.peak_rss_bytes.reset();
  auto unmeasured = run_gate(base, cur, config);
  ASSERT_THAT(unmeasured, matchers::IsOk());
  EXPECT_FALSE(unmeasured->passed);
  EXPECT_EQ(unmeasured->summary.budget_breaches, 1);

  // Journals alone: no run file, nothing measured memory.
  records::GateResult journals_only = run_budget_gate(config, {});
  ASSERT_EQ(journals_only.memory.size(), 1u);
  EXPECT_EQ(journals_only.memory[0].verdict, "not_measured");
  EXPECT_FALSE(journals_only.passed);
}

// --- the command ----------------------------------------------------------

class MemoryBudgetCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("gauntlet_memory_budget_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    const auto p = (dir_ / name).string();
    std::ofstream(p) << text;
    return p;
  }
  std::filesystem::path dir_;
};

TEST_F(MemoryBudgetCommandTest, CurrentAloneExitsZeroWithinOneBreachedOneNotMeasured) {
  const auto cfg = write("c.yaml", "budgets:\n  max_memory_mb: 500\n  max_memory_growth_mb: 64\n");
  const auto within = write("within.json", run_json(measured(std::to_string(kPeak), std::to_string(kGrowth))));
  const auto json = (dir_ / "gate.json").string();
  cli::testing::CliRun ok = cli::testing::run_cli({"gate", "--current", within, "--config", cfg, "--json", json});
  EXPECT_EQ(ok.code, 0) << ok.out << ok.err;
  EXPECT_THAT(ok.out, HasSubstr("memory within: peak 120.9 MiB < 500.0 MiB (margin +75.8%)"));
  EXPECT_THAT(ok.out, HasSubstr("memory within: growth 10.0 MiB < 64.0 MiB (margin +84.4%)"));
  const auto doc = nlohmann::json::parse(std::ifstream(json));
  ASSERT_EQ(doc["memory"].size(), 2u);
  EXPECT_EQ(doc["memory"][0]["kind"], "peak");
  EXPECT_EQ(doc["memory"][0]["measured_bytes"], kPeak);
  EXPECT_EQ(doc["memory"][1]["verdict"], "within");

  const auto over = write("over.json", run_json(measured("629145600", "0")));  // 600 MiB
  cli::testing::CliRun breached = cli::testing::run_cli({"gate", "--current", over, "--config", cfg});
  EXPECT_EQ(breached.code, 1) << breached.out << breached.err;
  EXPECT_THAT(breached.out, HasSubstr("memory breach: peak 600.0 MiB > 500.0 MiB (margin -20.0%)"));
  EXPECT_THAT(breached.out, HasSubstr("1 budget breach(es)"));

  const auto plain = write("plain.json", run_json(nlohmann::json::object()));
  cli::testing::CliRun unmeasured = cli::testing::run_cli({"gate", "--current", plain, "--config", cfg});
  EXPECT_EQ(unmeasured.code, 1) << unmeasured.out << unmeasured.err;
  EXPECT_THAT(unmeasured.out, HasSubstr("memory breach: peak not measured (limit 500.0 MiB): "));
  EXPECT_THAT(unmeasured.out, HasSubstr("memory budgets need a run from `gauntlet bench run`"));
  EXPECT_THAT(unmeasured.out, HasSubstr("2 budget breach(es)"));
}

TEST_F(MemoryBudgetCommandTest, ABadMemoryValueIsBadInputExitTwo) {
  const auto cfg = write("c.yaml", "budgets:\n  max_memory_mb: 500\n");
  const auto bad = write("bad.json", run_json({{std::string(kPeakRssKey), "lots"}}));
  cli::testing::CliRun r = cli::testing::run_cli({"gate", "--current", bad, "--config", cfg});
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("bad.json: context.gauntlet_peak_rss_bytes: expected a whole number of bytes >= 0, "
                               "got \"lots\""));
  const auto bad_cfg = write("bad.yaml", "budgets:\n  max_memory_mb: -3\n");
  cli::testing::CliRun c = cli::testing::run_cli({"gate", "--current", bad, "--config", bad_cfg});
  EXPECT_EQ(c.code, 2);
  EXPECT_THAT(c.err, HasSubstr("bad.yaml:2:18: budgets.max_memory_mb: must lie in [0, 1e+07]"));
}

}  // namespace
}  // namespace gauntlet::ci
