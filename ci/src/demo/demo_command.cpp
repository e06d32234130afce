// `gauntlet demo`: the built-in chaos scenarios in virtual time and the
// property suites this build produced, then one report (HTML, JUnit XML,
// Markdown) from their journals and results. No configuration.
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "gauntlet/chaos/journal.h"
#include "gauntlet/chaos/runner.h"
#include "gauntlet/chaos/scenarios/builtin.h"
#include "gauntlet/harness/cli/command_registry.h"
#include "gauntlet/reports/output_file.h"
#include "gauntlet/reports/report.h"
#include "gauntlet/reports/writers.h"
#include "property_suites.h"

namespace gauntlet::demo {
namespace {

// '|'-separated paths of the property-suite executables of this build tree.
#ifndef GAUNTLET_DEMO_PROPERTY_SUITES
#define GAUNTLET_DEMO_PROPERTY_SUITES ""
#endif

std::vector<std::string> property_suites() {
  std::vector<std::string> out;
  std::string_view all = GAUNTLET_DEMO_PROPERTY_SUITES;
  while (!all.empty()) {
    const std::size_t bar = all.find('|');
    out.emplace_back(all.substr(0, bar));
    all = bar == std::string_view::npos ? std::string_view{} : all.substr(bar + 1);
  }
  return out;
}

struct DemoOptions {
  std::string out = "gauntlet-report";
  std::uint64_t seed = 1;
};

int run_demo(const DemoOptions& o, cli::CommandIO& io) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(fs::path(o.out) / "chaos", ec);
  if (ec) {
    io.err << "gauntlet demo: cannot create " << o.out << ": " << ec.message() << "\n";
    return 2;
  }
  reports::Report report;
  report.title = "Gauntlet demo";
  report.environment.emplace_back("seed", std::to_string(o.seed));
  const auto& builtins = chaos::builtin_scenarios();
  int index = 0;
  for (const auto& b : builtins) {
    io.out << fmt::format("[{}/{}] chaos {:<20} virtual time ... ", ++index, builtins.size(), b.name) << std::flush;
    auto scenario = chaos::builtin_scenario(b.name);
    if (!scenario.ok()) {
      io.err << "gauntlet demo: " << scenario.error().to_string() << "\n";
      return 2;
    }
    auto run = chaos::run_scenario(*scenario, chaos::RunOptions{o.seed, chaos::TimeMode::kVirtual, {}, b.name});
    if (!run.ok()) {
      io.err << "gauntlet demo: " << run.error().to_string() << "\n";
      return 2;
    }
    const std::string journal = (fs::path(o.out) / "chaos" / (b.name + ".journal.json")).string();
    if (Status s = chaos::write_text_file(journal, chaos::journal_json(*scenario, *run)); !s) {
      io.err << "gauntlet demo: " << s.error().message() << "\n";
      return 2;
    }
    if (Status s = reports::add_input(report, journal); !s) {
      io.err << "gauntlet demo: " << s.error().message() << "\n";
      return 2;
    }
    io.out << (run->passed() ? "pass" : "FAIL (replay: " + run->replay + ")") << "\n";
  }
  const fs::path dir(o.out);
  if (Status s = detail::run_property_suites(property_suites(), dir / "properties", report, io.out); !s) {
    io.err << "gauntlet demo: " << s.error().message() << "\n";
    return 2;
  }
  reports::MarkdownOptions md;
  md.html_name = "index.html";
  for (const auto& [name, text] : {std::pair{"index.html", reports::write_html(report)},
                                   std::pair{"junit.xml", reports::write_junit_xml(report)},
                                   std::pair{"summary.md", reports::write_markdown(report, md)}}) {
    if (Status s = write_file_atomically(dir / name, text); !s) {
      io.err << "gauntlet demo: " << s.error().message() << "\n";
      return 2;
    }
  }
  const bool passed = reports::summarize(report).passed;
  io.out << (passed ? "PASS" : "FAIL") << ": report at " << (dir / "index.html").string() << "\n";
  return passed ? 0 : 1;
}

}  // namespace

GAUNTLET_REGISTER_COMMAND("demo", "run the built-in chaos scenarios in virtual time and write a report",
                          [](CLI::App& cmd) -> cli::CommandAction {
                            auto o = std::make_shared<DemoOptions>();
                            cmd.add_option("--out", o->out, "report directory")->capture_default_str();
                            cmd.add_option("--seed", o->seed, "seed of every scenario")->capture_default_str();
                            return [o](cli::CommandIO& io) { return run_demo(*o, io); };
                          });

}  // namespace gauntlet::demo
