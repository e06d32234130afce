// `gauntlet report INPUT... --html F --junit F --markdown F --json F`:
// reads every input (kind recognised by content), writes the chosen formats.
#include <cstdlib>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "gauntlet/harness/cli/command_registry.h"
#include "gauntlet/reports/output_file.h"
#include "gauntlet/reports/report.h"
#include "gauntlet/reports/writers.h"

namespace gauntlet::reports {
namespace {

struct ReportOptions {
  std::vector<std::string> inputs;
  std::string html, junit, markdown, json, title = "Gauntlet report";
  std::vector<std::string> env;
  std::size_t markdown_max_bytes = MarkdownOptions{}.max_bytes;
  bool fail_on_failure = false;
};

// CI variables shown in the summary when set.
constexpr const char* kCiVariables[] = {"GITHUB_REPOSITORY", "GITHUB_REF_NAME", "GITHUB_SHA",     "GITHUB_RUN_ID",
                                        "CI_PROJECT_PATH",   "CI_COMMIT_REF_NAME", "CI_COMMIT_SHA", "CI_PIPELINE_ID"};

int run_report(const ReportOptions& o, cli::CommandIO& io) {
  if (o.html.empty() && o.junit.empty() && o.markdown.empty() && o.json.empty()) {
    io.err << "gauntlet report: nothing to write (give --html, --junit, --markdown or --json)\n";
    return 2;
  }
  Report report;
  report.title = o.title;
  for (const char* name : kCiVariables) {
    if (const char* v = std::getenv(name); v != nullptr && *v != '\0') report.environment.emplace_back(name, v);
  }
  for (const std::string& kv : o.env) {
    std::size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      io.err << "gauntlet report: --env \"" << kv << "\" is not KEY=VALUE\n";
      return 2;
    }
    report.environment.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
  }
  for (const std::string& input : o.inputs) {
    if (Status s = add_input(report, input); !s) {
      io.err << "gauntlet report: " << s.error().message() << "\n";
      return exit_code_for(s.error().code());
    }
  }
  auto write = [&](const std::string& path, const std::string& content) {
    if (path.empty()) return true;
    if (Status s = write_file_atomically(path, content); !s) {
      io.err << "gauntlet report: " << s.error().message() << "\n";
      return false;
    }
    return true;
  };
  MarkdownOptions md;
  md.max_bytes = o.markdown_max_bytes;
  md.html_name = o.html.empty() ? "" : std::filesystem::path(o.html).filename().string();
  bool ok = write(o.html, o.html.empty() ? "" : write_html(report)) &&
            write(o.junit, o.junit.empty() ? "" : write_junit_xml(report)) &&
            write(o.markdown, o.markdown.empty() ? "" : write_markdown(report, md)) &&
            write(o.json, o.json.empty() ? "" : write_report_json(report));
  if (!ok) return 3;
  ReportSummary s = summarize(report);
  return o.fail_on_failure && !s.passed ? 1 : 0;
}

}  // namespace

GAUNTLET_REGISTER_COMMAND(
    "report", "merge test, property, chaos and benchmark results into HTML, JUnit XML, Markdown and JSON",
    [](CLI::App& cmd) -> cli::CommandAction {
      auto o = std::make_shared<ReportOptions>();
      cmd.add_option("inputs", o->inputs,
                     "GoogleTest XML/JSON, gauntlet.journal/1, gauntlet.gate/1, gauntlet.properties/1 JSON, "
                     "history database")
          ->required();
      cmd.add_option("--html", o->html, "write the self-contained HTML page here");
      cmd.add_option("--junit", o->junit, "write JUnit XML here");
      cmd.add_option("--markdown", o->markdown, "write the Markdown summary here (e.g. $GITHUB_STEP_SUMMARY)");
      cmd.add_option("--json", o->json, "write the gauntlet.report/1 JSON here");
      cmd.add_option("--title", o->title, "report title");
      cmd.add_option("--env", o->env, "KEY=VALUE shown in the summary (repeatable)");
      cmd.add_option("--markdown-max-bytes", o->markdown_max_bytes, "Markdown size limit")->check(CLI::Range(1024, 1 << 30));
      cmd.add_flag("--fail-on-failure", o->fail_on_failure, "exit 1 when anything in the report failed");
      return [o](cli::CommandIO& io) { return run_report(*o, io); };
    });

}  // namespace gauntlet::reports
