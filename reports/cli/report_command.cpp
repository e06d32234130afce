// `gauntlet report INPUT... --html F --junit F --markdown F --json F`:
// reads every input (kind recognised by content), writes the chosen formats.
#include <cstdlib>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "gauntlet/cli/command_registry.h"
#include "gauntlet/harness/atomic_file.h"
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
constexpr const char* kCiVariables[] = {"GITHUB_REPOSITORY", "GITHUB_REF_NAME",    "GITHUB_SHA",    "GITHUB_RUN_ID",
                                        "CI_PROJECT_PATH",   "CI_COMMIT_REF_NAME", "CI_COMMIT_SHA", "CI_PIPELINE_ID"};

cli::CommandResult run_report(const ReportOptions& o) {
  if (o.html.empty() && o.junit.empty() && o.markdown.empty() && o.json.empty()) {
    return Error(ErrorCode::kInvalidArgument, "nothing to write (give --html, --junit, --markdown or --json)");
  }
  Report report;
  report.title = o.title;
  for (const char* name : kCiVariables) {
    if (const char* v = std::getenv(name); v != nullptr && *v != '\0') report.environment.emplace_back(name, v);
  }
  for (const std::string& kv : o.env) {
    std::size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0)
      return Error(ErrorCode::kInvalidArgument, "--env \"" + kv + "\" is not KEY=VALUE");
    report.environment.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
  }
  for (const std::string& input : o.inputs) {
    if (Status s = add_input(report, input); !s) return s.error();
  }
  MarkdownOptions md;
  md.max_bytes = o.markdown_max_bytes;
  md.html_name = o.html.empty() ? "" : std::filesystem::path(o.html).filename().string();
  const std::pair<const std::string*, std::string> outputs[] = {
      {&o.html, o.html.empty() ? "" : write_html(report)},
      {&o.junit, o.junit.empty() ? "" : write_junit_xml(report)},
      {&o.markdown, o.markdown.empty() ? "" : write_markdown(report, md)},
      {&o.json, o.json.empty() ? "" : write_report_json(report)}};
  for (const auto& [path, text] : outputs) {
    if (path->empty()) continue;
    if (Status s = write_file_atomically(*path, text); !s) return s.error();
  }
  return cli::verdict_of(!o.fail_on_failure || summarize(report).passed);
}

}  // namespace

GAUNTLET_REGISTER_COMMAND(
    "report", "merge test, property, chaos and benchmark results into HTML, JUnit XML, Markdown and JSON",
    [](CLI::App& cmd) -> cli::CommandAction {
      auto o = std::make_shared<ReportOptions>();
      cmd.add_option("inputs", o->inputs,
                     "GoogleTest XML/JSON, gauntlet.journal/1, gauntlet.gate/1, gauntlet.properties/1, "
                     "gauntlet.report/2 JSON (another job's report), history (a SQLite file or a postgresql:// URI)")
          ->required();
      cmd.add_option("--html", o->html, "write the self-contained HTML page here");
      cmd.add_option("--junit", o->junit, "write JUnit XML here");
      cmd.add_option("--markdown", o->markdown, "write the Markdown summary here (e.g. $GITHUB_STEP_SUMMARY)");
      cmd.add_option("--json", o->json, "write the gauntlet.report/2 JSON here");
      cmd.add_option("--title", o->title, "report title");
      cmd.add_option("--env", o->env, "KEY=VALUE shown in the summary (repeatable)");
      cmd.add_option("--markdown-max-bytes", o->markdown_max_bytes, "Markdown size limit")
          ->check(CLI::Range(1024, 1 << 30));
      cmd.add_flag("--fail-on-failure", o->fail_on_failure, "exit 1 when anything in the report failed");
      return [o](cli::CommandIO&) { return run_report(*o); };
    });

}  // namespace gauntlet::reports
