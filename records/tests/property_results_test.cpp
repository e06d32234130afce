// The property results record: the writer and the reader agree on every
// field, the document keeps its bytes, and the reader names the file and JSON
// pointer of what it refuses.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>

#include <unistd.h>

#include "gauntlet/harness/testing/status_matchers.h"
#include "gauntlet/records/property_results_json.h"

namespace gauntlet::records {
namespace {

using matchers::IsOk;
using matchers::IsOkAndHolds;
using matchers::StatusIs;
using ::testing::HasSubstr;

PropertyResult every_field() {
  PropertyResult r;
  r.test = "Mine/BreakerProperties/0.ModelRate";
  r.instantiation = "Mine";
  r.suite = "BreakerProperties";
  r.property = "ModelRate";
  r.severity = "MUST";
  r.outcome = PropertyOutcome::kFailed;
  r.fails_test = true;
  r.cases = 17;
  r.seed = 18446744073709551615ULL;
  r.counterexample = {{"int", "3"}, {"std::vector<int>", "[1, \"2\"]"}};
  r.message = "line1\nline2";
  r.rerun = "RC_PARAMS=\"reproduce=abc\" ./t --gtest_filter='Mine/BreakerProperties/0.ModelRate'";
  return r;
}

Result<std::vector<PropertyResult>> read_text(const std::string& text) {
  return read_property_results_text(text, "r.json");
}

TEST(PropertyResultsTest, RoundTripsEveryFieldAndEveryOutcome) {
  std::vector<PropertyResult> results{every_field()};
  for (PropertyOutcome o :
       {PropertyOutcome::kPassed, PropertyOutcome::kSkipped, PropertyOutcome::kGaveUp, PropertyOutcome::kError}) {
    PropertyResult r;
    r.property = "P" + std::string(to_string(o));
    r.outcome = o;
    results.push_back(r);
  }
  EXPECT_THAT(read_text(property_results_json(results)), IsOkAndHolds(results));
}

TEST(PropertyResultsTest, DocumentKeepsItsBytes) {
  PropertyResult r;
  r.test = "A/S/0.P";
  r.property = "P";
  r.outcome = PropertyOutcome::kGaveUp;
  r.cases = 3;
  r.seed = 9;
  r.counterexample = {{"int", "1"}};
  EXPECT_EQ(property_results_json({r}),
            "{\n  \"results\": [\n    {\n      \"cases\": 3,\n      \"counterexample\": [\n        {\n"
            "          \"type\": \"int\",\n          \"value\": \"1\"\n        }\n      ],\n"
            "      \"fails_test\": false,\n      \"instantiation\": \"\",\n      \"message\": \"\",\n"
            "      \"outcome\": \"gave_up\",\n      \"property\": \"P\",\n      \"rerun\": \"\",\n"
            "      \"seed\": 9,\n      \"severity\": \"\",\n      \"suite\": \"\",\n      \"test\": \"A/S/0.P\"\n"
            "    }\n  ],\n  \"schema\": \"gauntlet.properties/1\"\n}\n");
}

TEST(PropertyResultsTest, OutcomeNamesRoundTrip) {
  for (PropertyOutcome o : {PropertyOutcome::kPassed, PropertyOutcome::kFailed, PropertyOutcome::kSkipped,
                            PropertyOutcome::kGaveUp, PropertyOutcome::kError}) {
    EXPECT_EQ(property_outcome_named(to_string(o)), o);
  }
  EXPECT_EQ(property_outcome_named("meh"), std::nullopt);
}

TEST(PropertyResultsTest, OnlyPropertyAndOutcomeAreRequired) {
  auto read = read_text(R"({"schema": "gauntlet.properties/1", "results": [{"property": "P", "outcome": "passed",
      "message": null}]})");
  PropertyResult expected;
  expected.property = "P";
  EXPECT_THAT(read, IsOkAndHolds(std::vector<PropertyResult>{expected}));
  EXPECT_THAT(read_text(R"({"schema": "gauntlet.properties/1", "results": [{"test": "x", "outcome": "passed"}]})"),
              StatusIs(ErrorCode::kSchemaError, "r.json: /results/0/property: missing (expected a string)"));
}

TEST(PropertyResultsTest, OtherSchemaIsRefused) {
  EXPECT_THAT(
      read_text(R"({"schema": "gauntlet.properties/2", "results": []})"),
      StatusIs(ErrorCode::kSchemaError,
               "r.json: /schema: \"gauntlet.properties/2\" is not supported (expected \"gauntlet.properties/1\")"));
}

// As the journal reader's case found by fuzz_journal_latencies: a schema that
// is not a string is a schema error, not an uncaught type_error.
TEST(PropertyResultsTest, SchemaThatIsNotAStringIsSchemaError) {
  for (const char* doc :
       {R"({"schema": 0, "results": []})", R"({"schema": {}, "results": []})", R"({"results": []})", "[]"}) {
    EXPECT_THAT(read_text(doc), StatusIs(ErrorCode::kSchemaError, "r.json: /schema: missing")) << doc;
  }
}

TEST(PropertyResultsTest, MistypedFieldIsNamedByPointer) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"schema": "gauntlet.properties/1", "results": {}})", "r.json: /results: expected an array, got object"},
      {R"({"schema": "gauntlet.properties/1", "results": [{"property": "P", "outcome": "passed", "cases": "3"}]})",
       "r.json: /results/0/cases: expected a whole number, got string"},
      {R"({"schema": "gauntlet.properties/1", "results": [{"property": "P", "outcome": "passed", "suite": 1}]})",
       "r.json: /results/0/suite: expected a string, got number"},
      {R"({"schema": "gauntlet.properties/1", "results": [{"property": "P", "outcome": "passed", "fails_test": 1}]})",
       "r.json: /results/0/fails_test: expected true or false, got number"},
      {R"({"schema": "gauntlet.properties/1", "results": [{"property": "P", "outcome": "passed", "seed": -1}]})",
       "r.json: /results/0/seed: must be a whole number from 0 to 18446744073709551615, got -1"},
      {R"({"schema": "gauntlet.properties/1", "results": [{"property": "P", "outcome": "failed",
          "counterexample": [{"type": "int", "value": 3}]}]})",
       "r.json: /results/0/counterexample/0/value: expected a string, got number"},
  };
  for (const auto& [doc, message] : cases) {
    EXPECT_THAT(read_text(doc), StatusIs(ErrorCode::kSchemaError, message)) << doc;
  }
}

TEST(PropertyResultsTest, UnknownOutcomeIsNamedByPointer) {
  EXPECT_THAT(read_text(R"({"schema": "gauntlet.properties/1", "results": [{"property": "P", "outcome": "meh"}]})"),
              StatusIs(ErrorCode::kSchemaError, "r.json: /results/0/outcome: unknown outcome \"meh\""));
}

TEST(PropertyResultsTest, MalformedJsonNamesLineAndColumn) {
  EXPECT_THAT(read_text("{\"schema\": "), StatusIs(ErrorCode::kParseError, HasSubstr("r.json:1:")));
}

TEST(PropertyResultsTest, FileIsWrittenAtomicallyAndReadsBack) {
  const auto dir = std::filesystem::temp_directory_path() / ("gauntlet_property_results_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "results.json";
  ASSERT_THAT(write_property_results_file(file, {every_field()}), IsOk());
  EXPECT_THAT(read_property_results_file(file), IsOkAndHolds(std::vector<PropertyResult>{every_field()}));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()), 1);
  std::filesystem::remove_all(dir);
}

TEST(PropertyResultsTest, UnwritableFolderIsIoErrorAndMissingFileNotFound) {
  EXPECT_THAT(write_property_results_file("/nonexistent-folder-for-gauntlet/x.json", {}),
              StatusIs(ErrorCode::kIoError));
  EXPECT_THAT(read_property_results_file("/nonexistent-folder-for-gauntlet/x.json"), StatusIs(ErrorCode::kNotFound));
}

}  // namespace
}  // namespace gauntlet::records
