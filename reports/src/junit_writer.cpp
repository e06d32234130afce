// JUnit XML in the shape of Jenkins' junit-10.xsd, which GitLab and the common
// GitHub reporters also read: <testsuites>/<testsuite>/<testcase>, failures as
// <failure message= type=>, skipped as <skipped>, times in seconds.
#include <map>
#include <string>
#include <vector>

#include "gauntlet/reports/writers.h"
#include "gate_rows.h"
#include "text_escape.h"

namespace gauntlet::reports {
namespace {

using detail::fixed;
using detail::xml_attr;
using detail::xml_text;

struct JunitCase {
  std::string classname, name;
  double time_s = 0;
  std::vector<std::string> failures;  // full texts
  bool skipped = false;
  std::string skip_message;
};

struct JunitSuite {
  std::string name;
  std::vector<JunitCase> cases;
};

std::string first_line(const std::string& text) {
  std::size_t start = text.find_first_not_of("\n");
  if (start == std::string::npos) return {};
  std::size_t end = text.find('\n', start);
  // GoogleTest's failure text starts with "file:line"; the next line says what failed.
  std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
  return line.size() > 200 ? line.substr(0, 200) + "…" : line;
}

void write_suite(std::string& out, const JunitSuite& s) {
  int failures = 0, skipped = 0;
  double time = 0;
  for (const JunitCase& c : s.cases) {
    failures += c.failures.empty() ? 0 : 1;
    skipped += c.skipped && c.failures.empty() ? 1 : 0;
    time += c.time_s;
  }
  out += "  <testsuite name=\"" + xml_attr(s.name) + "\" tests=\"" + std::to_string(s.cases.size()) + "\" failures=\"" +
         std::to_string(failures) + "\" errors=\"0\" skipped=\"" + std::to_string(skipped) + "\" time=\"" +
         fixed(time, 3) + "\">\n";
  for (const JunitCase& c : s.cases) {
    out += "    <testcase name=\"" + xml_attr(c.name) + "\" classname=\"" + xml_attr(c.classname) + "\" time=\"" +
           fixed(c.time_s, 3) + "\"";
    if (c.failures.empty() && !c.skipped) {
      out += "/>\n";
      continue;
    }
    out += ">\n";
    if (!c.failures.empty()) {
      std::string all;
      for (const std::string& f : c.failures) all += f + (f.empty() || f.back() != '\n' ? "\n" : "");
      out += "      <failure message=\"" + xml_attr(first_line(c.failures.front())) + "\" type=\"failure\">" +
             xml_text(all) + "</failure>\n";
    } else {
      out += "      <skipped message=\"" + xml_attr(c.skip_message) + "\"/>\n";
    }
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n";
}

std::vector<JunitSuite> collect(const Report& report) {
  std::vector<JunitSuite> suites;
  std::map<std::string, std::size_t> index;
  auto suite = [&](const std::string& name) -> JunitSuite& {
    auto [it, fresh] = index.emplace(name, suites.size());
    if (fresh) suites.push_back(JunitSuite{name, {}});
    return suites[it->second];
  };
  for (const TestCase& t : report.tests.cases) {
    JunitCase c{t.suite, t.name, t.time_s, t.failures, t.status == TestStatus::kSkipped, t.skip_message};
    if (t.status == TestStatus::kFailed && c.failures.empty()) c.failures.push_back("failed");
    suite(t.suite).cases.push_back(std::move(c));
  }
  for (const PropertyResults& p : report.properties) {
    for (const records::PropertyResult& o : p.results) {
      std::string name = "properties." + o.suite + "." + o.instantiation;
      JunitCase c{name, o.property, 0, {}, o.outcome == records::PropertyOutcome::kSkipped, o.message};
      if (is_failure(o)) {
        std::string text = o.message;
        for (const auto& [type, value] : o.counterexample) text += "\n" + type + ": " + value;
        if (!o.rerun.empty()) text += "\nre-run: " + o.rerun;
        c.failures.push_back(text);
      }
      suite(name).cases.push_back(std::move(c));
    }
  }
  for (const ChaosJournal& j : report.journals) {
    JunitSuite& s = suite("chaos." + j.scenario);
    for (const Hypothesis& h : j.hypotheses) {
      JunitCase c{s.name, h.name, 0, {}, false, {}};
      if (!h.held) c.failures.push_back(h.evidence + (j.replay.empty() ? "" : "\nre-run: " + j.replay));
      s.cases.push_back(std::move(c));
    }
  }
  for (const GateInput& gate : report.gates) {
    const std::string& rerun = gate.result.rerun;
    for (const detail::ComparisonRow& b : detail::comparison_rows(gate.result)) {
      JunitCase c{"benchmarks.gate", b.name, 0, {}, false, {}};
      if (b.verdict == "regressed" || b.verdict == "errored") {
        // The gate's reason leads with the change and its interval.
        c.failures.push_back(b.verdict + ": " + b.reason + (rerun.empty() ? "" : "\nre-run: " + rerun));
      }
      suite("benchmarks.gate").cases.push_back(std::move(c));
    }
    for (const detail::BudgetRow& b : detail::budget_rows(gate.result)) {
      JunitCase c{"benchmarks.budgets", b.name + " " + b.metric, 0, {}, false, {}};
      if (!b.passed) {
        c.failures.push_back(b.metric + " " + b.verdict + ": " + b.actual_text + " against " + b.limit_text +
                             (b.reason.empty() ? "" : " (" + b.reason + ")"));
      }
      suite("benchmarks.budgets").cases.push_back(std::move(c));
    }
  }
  return suites;
}

}  // namespace

std::string write_junit_xml(const Report& report) {
  std::vector<JunitSuite> suites = collect(report);
  std::size_t tests = 0, failures = 0;
  double time = 0;
  for (const JunitSuite& s : suites) {
    for (const JunitCase& c : s.cases) {
      ++tests;
      failures += c.failures.empty() ? 0 : 1;
      time += c.time_s;
    }
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"" + xml_attr(report.title) + "\" tests=\"" + std::to_string(tests) + "\" failures=\"" +
         std::to_string(failures) + "\" errors=\"0\" time=\"" + fixed(time, 3) + "\">\n";
  for (const JunitSuite& s : suites) write_suite(out, s);
  out += "</testsuites>\n";
  return out;
}

}  // namespace gauntlet::reports
