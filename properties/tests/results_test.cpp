#include "gauntlet/properties/results.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace gauntlet::properties {
namespace {

PropertyResult sample_failure() {
  PropertyResult r;
  r.test = "Mine/BreakerProperties/0.ModelRate";
  r.instantiation = "Mine";
  r.suite = "BreakerProperties";
  r.property = "ModelRate";
  r.severity = "MUST";
  r.outcome = Outcome::kFailed;
  r.fails_test = true;
  r.cases = 17;
  r.seed = 18446744073709551615ULL;
  r.counterexample = {{"int", "3"}, {"std::vector<int>", "[1, \"2\"]"}};
  r.message = "line1\nline2";
  r.rerun = "RC_PARAMS=\"reproduce=abc\" ./t --gtest_filter='Mine/BreakerProperties/0.ModelRate'";
  return r;
}

TEST(PropertyResultsTest, JsonRoundTripsEveryField) {
  PropertyResult skipped;
  skipped.test = "A/B/0.C";
  skipped.outcome = Outcome::kSkipped;
  skipped.message = "not applicable";
  const std::vector<PropertyResult> results{sample_failure(), skipped};
  auto parsed = results_from_json(results_to_json(results));
  ASSERT_TRUE(parsed.ok()) << parsed.error().to_string();
  EXPECT_EQ(*parsed, results);
  EXPECT_NE(results_to_json(results).find("\"schema\": \"gauntlet.properties/1\""), std::string::npos);
}

TEST(PropertyResultsTest, WrongSchemaIsSchemaError) {
  auto parsed = results_from_json(R"({"schema": "gauntlet.properties/2", "results": []})", "r.json");
  ASSERT_THAT(parsed, matchers::StatusIs(ErrorCode::kSchemaError));
  EXPECT_NE(parsed.error().message().find("r.json"), std::string::npos);
}

// As the journal reader's case found by fuzz_journal_latencies: a schema that
// is not a string is a schema error, not an uncaught type_error.
TEST(PropertyResultsTest, SchemaThatIsNotAStringIsSchemaError) {
  for (const char* doc : {R"({"schema": 0, "results": []})", R"({"schema": {}, "results": []})"}) {
    auto parsed = results_from_json(doc, "r.json");
    ASSERT_THAT(parsed, matchers::StatusIs(ErrorCode::kSchemaError)) << doc;
    EXPECT_EQ(parsed.error().message(), "r.json: field 'schema' must be \"gauntlet.properties/1\"");
  }
}

TEST(PropertyResultsTest, MissingFieldNamesTheRecord) {
  auto parsed = results_from_json(R"({"schema": "gauntlet.properties/1", "results": [{"test": "x"}]})", "r.json");
  ASSERT_THAT(parsed, matchers::StatusIs(ErrorCode::kSchemaError));
  EXPECT_NE(parsed.error().message().find("results[0]"), std::string::npos) << parsed.error().message();
}

TEST(PropertyResultsTest, MalformedJsonIsParseError) {
  auto parsed = results_from_json("{\"schema\": ", "r.json");
  ASSERT_THAT(parsed, matchers::StatusIs(ErrorCode::kParseError));
}

TEST(PropertyResultsTest, WriteIsAtomicAndReadsBack) {
  const auto dir = std::filesystem::temp_directory_path() / ("gauntlet_props_results_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "results.json";
  ASSERT_TRUE(write_results(file, {sample_failure()}).ok());
  auto back = read_results(file);
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_EQ(back->size(), 1u);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()), 1);
  std::filesystem::remove_all(dir);
}

TEST(PropertyResultsTest, UnwritableFolderIsIoErrorAndMissingFileNotFound) {
  Status s = write_results("/nonexistent-folder-for-gauntlet/x.json", {});
  ASSERT_THAT(s, matchers::StatusIs(ErrorCode::kIoError));
  auto r = read_results("/nonexistent-folder-for-gauntlet/x.json");
  ASSERT_THAT(r, matchers::StatusIs(ErrorCode::kNotFound));
}

TEST(PropertyResultsTest, OutcomeNamesRoundTrip) {
  for (Outcome o : {Outcome::kPassed, Outcome::kFailed, Outcome::kSkipped, Outcome::kGaveUp, Outcome::kError}) {
    auto back = outcome_from_string(to_string(o));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, o);
  }
  EXPECT_EQ(outcome_from_string("meh").error().code(), ErrorCode::kParseError);
}

}  // namespace
}  // namespace gauntlet::properties
