#include "gauntlet/properties/property_check.h"
#include "gauntlet/harness/shell_line.h"
#include "gauntlet/records/property_results_json.h"

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <sstream>

#include <rapidcheck/detail/Configuration.h>
#include <rapidcheck/detail/TestListenerAdapter.h>
#include <unistd.h>

namespace gauntlet::properties::detail {
namespace {

using records::PropertyOutcome;
using records::PropertyResult;

std::mutex g_mutex;
std::vector<PropertyResult> g_results;

struct TestNames {
  std::string full;           // "Inst/Suite/0.Name"
  std::string instantiation;  // "Inst"
  std::string suite;          // "Suite"
  std::string property;       // "Name"
};

TestNames current_names() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  TestNames names;
  if (info == nullptr) return names;
  const std::string suite = info->test_suite_name();
  names.property = info->name();
  names.full = suite + "." + names.property;
  const auto first = suite.find('/');
  if (first == std::string::npos) {
    names.suite = suite;
    return names;
  }
  names.instantiation = suite.substr(0, first);
  const auto second = suite.find('/', first + 1);
  names.suite = suite.substr(first + 1, second == std::string::npos ? std::string::npos : second - first - 1);
  return names;
}

bool rc_params_set(std::string_view key) {
  const char* params = std::getenv("RC_PARAMS");
  return params != nullptr && std::string_view(params).find(key) != std::string_view::npos;
}

std::string executable_path() {
  const auto args = ::testing::internal::GetArgvs();
  return args.empty() ? std::string("<test-binary>") : args.front();
}

void publish(PropertyResult result) {
  std::lock_guard lock(g_mutex);
  g_results.push_back(std::move(result));
  const char* dir = std::getenv("GAUNTLET_PROPERTIES_OUT");
  if (dir == nullptr || *dir == '\0') return;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const auto file = std::filesystem::path(dir) / (std::filesystem::path(executable_path()).filename().string() + "-" +
                                                  std::to_string(::getpid()) + ".json");
  if (Status written = records::write_property_results_file(file, g_results); !written) {
    ADD_FAILURE() << "property results not written: " << written.error().to_string();
  }
}

PropertyResult base_result(const TestNames& names, const PropertySpec& spec) {
  PropertyResult r;
  r.test = names.full;
  r.instantiation = names.instantiation;
  r.suite = names.suite;
  r.property = names.property;
  r.severity = std::string(to_string(spec.severity));
  r.seed = rc::detail::configuration().testParams.seed;
  return r;
}

std::string reproduce_string(const std::string& id, const rc::detail::Reproduce& reproduce) {
  rc::detail::Configuration config;
  config.reproduce[id] = reproduce;
  return rc::detail::configToMinimalString(config);
}

}  // namespace

std::string rerun_line(std::string_view test_full_name, std::string_view reproduce) {
  return shell_line({executable_path(), "--gtest_filter=" + std::string(test_full_name)},
                    {{"RC_PARAMS", std::string(reproduce)}});
}

std::vector<PropertyResult> recorded_results() {
  std::lock_guard lock(g_mutex);
  return g_results;
}

void record_skip(const PropertySpec& spec, std::string_view reason) {
  const TestNames names = current_names();
  ::testing::Test::RecordProperty("severity", std::string(to_string(spec.severity)));
  ::testing::Test::RecordProperty("property_outcome", "skipped");
  PropertyResult r = base_result(names, spec);
  r.outcome = PropertyOutcome::kSkipped;
  r.message = std::string(reason);
  publish(std::move(r));
}

void run_property(const rc::detail::Property& property, const PropertySpec& spec, const FailureRecorder& observed) {
  const TestNames names = current_names();
  ::testing::Test::RecordProperty("severity", std::string(to_string(spec.severity)));

  rc::detail::TestParams params = rc::detail::configuration().testParams;
  if (!rc_params_set("max_success")) params.maxSuccess = case_budget(spec.case_scale);
  if (!spec.shrink) params.disableShrinking = true;
  rc::detail::TestMetadata metadata;
  metadata.id = names.full;
  metadata.description = names.property;
  rc::detail::TestListenerAdapter quiet;
  const rc::detail::TestResult result =
      rc::detail::checkProperty(property, metadata, params, quiet, rc::detail::configuration().reproduce);

  PropertyResult record = base_result(names, spec);
  record.seed = params.seed;
  const bool counts = spec.severity == Severity::kMust || strict_mode();
  std::ostringstream report;
  if (result.is<rc::detail::SuccessResult>()) {
    record.outcome = PropertyOutcome::kPassed;
    record.cases = result.get<rc::detail::SuccessResult>().numSuccess;
  } else if (result.is<rc::detail::FailureResult>()) {
    const auto& failure = result.get<rc::detail::FailureResult>();
    record.outcome = PropertyOutcome::kFailed;
    record.cases = failure.numSuccess;
    record.counterexample = failure.counterExample;
    record.message = failure.description;
    // RapidCheck re-runs the counterexample to describe it; a timing-dependent
    // failure may not recur, or recur differently: report the one observed.
    const std::string& seen = spec.shrink ? observed.last : observed.first;
    if (observed.seen && seen != failure.description) {
      record.message =
          seen + (failure.description == "no exceptions thrown"
                      ? "\n(Re-checking this counterexample passed: the failure depends on timing.)"
                      : "\n(Re-checking this counterexample failed differently; shown is the failure first observed.)");
    }
    record.rerun = rerun_line(names.full, reproduce_string(metadata.id, failure.reproduce));
    report << to_string(spec.severity) << " property " << names.property << " of " << names.suite << " failed for "
           << (names.instantiation.empty() ? names.full : names.instantiation) << " after " << failure.numSuccess
           << " passing case(s)\n";
    report << "Minimal counterexample:\n";
    for (const auto& [type, value] : failure.counterExample) report << "  " << type << ":\n    " << value << "\n";
    report << record.message << "\n";
    report << "Re-run: " << record.rerun << "\n";
  } else if (result.is<rc::detail::GaveUpResult>()) {
    const auto& gave_up = result.get<rc::detail::GaveUpResult>();
    record.outcome = PropertyOutcome::kGaveUp;
    record.cases = gave_up.numSuccess;
    record.message = gave_up.description;
    report << "property " << names.property << " gave up: " << gave_up.description << "\n";
  } else {
    record.outcome = PropertyOutcome::kError;
    record.message = result.get<rc::detail::Error>().description;
    report << "property " << names.property << " could not run: " << record.message << "\n";
  }
  record.fails_test =
      record.outcome != PropertyOutcome::kPassed && (counts || record.outcome == PropertyOutcome::kError);
  ::testing::Test::RecordProperty("property_outcome", std::string(to_string(record.outcome)));
  ::testing::Test::RecordProperty("cases", record.cases);
  publish(record);
  if (record.fails_test) {
    ADD_FAILURE() << report.str();
  } else if (record.outcome != PropertyOutcome::kPassed) {
    std::cout << "[ SHOULD   ] (not failing; GAUNTLET_STRICT=1 makes it fail)\n" << report.str() << std::flush;
  }
}

}  // namespace gauntlet::properties::detail
