#include "gauntlet/harness/tracing/trace_context.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "gauntlet/harness/testing/status_matchers.h"

#include <fstream>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace gauntlet::tracing {
namespace {

nlohmann::json load_cases() {
  const std::string path = std::string(GAUNTLET_SOURCE_DIR) + "/harness/tests/tracing/traceparent_cases.json";
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  return nlohmann::json::parse(in);
}

const std::string kTrace = "12345678901234567890123456789012";
const std::string kValid = "00-12345678901234567890123456789012-1234567890123456-01";

TEST(TraceparentCorpusTest, EveryCaseParsesOrIsRejectedAsTheSuiteSays) {
  const auto doc = load_cases();
  const auto& cases = doc.at("traceparent");
  ASSERT_GE(cases.size(), 30u);
  int invalid = 0;
  for (const auto& c : cases) {
    const std::string value = c.at("traceparent");
    SCOPED_TRACE(c.at("name").get<std::string>() + ": '" + value + "'");
    const auto parsed = parse_traceparent(value);
    const auto extracted = extract_traceparent(value, "foo=1");
    if (c.at("valid").get<bool>()) {
      ASSERT_TRUE(parsed.ok()) << parsed.error().to_string();
      EXPECT_EQ(parsed->trace_id.to_hex(), c.at("trace_id").get<std::string>());
      EXPECT_TRUE(parsed->remote);
      ASSERT_TRUE(extracted.has_value());
      EXPECT_EQ(extracted->trace_state, "foo=1");
    } else {
      ++invalid;
      ASSERT_THAT(parsed, matchers::StatusIs(ErrorCode::kParseError));
      EXPECT_EQ(parsed.error().message().rfind("traceparent: ", 0), 0u) << parsed.error().message();
      EXPECT_FALSE(extracted.has_value()) << "invalid traceparent must mean no parent";
    }
  }
  EXPECT_GE(invalid, 25);
}

TEST(TracestateCorpusTest, ValidListsPassThroughInvalidOnesAreDiscarded) {
  const auto doc = load_cases();
  const auto& cases = doc.at("tracestate");
  ASSERT_GE(cases.size(), 20u);
  for (const auto& c : cases) {
    const std::string value = c.at("tracestate");
    SCOPED_TRACE(c.at("name").get<std::string>());
    const bool valid = c.at("valid").get<bool>();
    EXPECT_EQ(is_valid_tracestate(value), valid);
    const auto extracted = extract_traceparent(kValid, value);
    ASSERT_TRUE(extracted.has_value()) << "a bad tracestate never invalidates the traceparent";
    EXPECT_EQ(extracted->trace_id.to_hex(), kTrace);
    EXPECT_EQ(extracted->trace_state, valid ? c.at("canonical").get<std::string>() : std::string());
  }
}

TEST(TraceparentTest, FormatRoundTrips) {
  SpanContext ctx{TraceId{0x0af7651916cd43ddULL, 0x8448eb211c80319cULL}, SpanId{0xb7ad6b7169203331ULL}, kSampledFlag,
                  "", false};
  const std::string text = format_traceparent(ctx);
  EXPECT_EQ(text, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
  const auto parsed = parse_traceparent(text);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->trace_id, ctx.trace_id);
  EXPECT_EQ(parsed->span_id, ctx.span_id);
  EXPECT_EQ(parsed->flags, kSampledFlag);
}

TEST(TraceparentTest, UnknownFlagBitsAreKeptButOnlyBitZeroMeansSampled) {
  const auto parsed = parse_traceparent("00-12345678901234567890123456789012-1234567890123456-fe");
  ASSERT_TRUE(parsed.ok());
  EXPECT_FALSE(parsed->sampled());
  EXPECT_EQ(parsed->flags, 0xfe);
}

TEST(TraceparentTest, ErrorNamesTheOffendingField) {
  const auto parsed = parse_traceparent("00-00000000000000000000000000000000-1234567890123456-01");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().message(), "traceparent: trace-id is all zeros");
}

TEST(HeaderExtractTest, NamesAreCaseInsensitive) {
  for (const char* name : {"traceparent", "TraceParent", "TrAcEpArEnT", "TRACEPARENT"}) {
    SCOPED_TRACE(name);
    std::map<std::string, std::string> headers{{name, kValid}, {"TraceState", "foo=1"}};
    const auto ctx = extract(headers);
    ASSERT_TRUE(ctx.has_value());
    EXPECT_EQ(ctx->trace_id.to_hex(), kTrace);
    EXPECT_EQ(ctx->trace_state, "foo=1");
  }
}

TEST(HeaderExtractTest, WrongNamesOrMissingHeaderMeanNoParent) {
  EXPECT_FALSE(extract(std::map<std::string, std::string>{{"trace-parent", kValid}}).has_value());
  EXPECT_FALSE(extract(std::map<std::string, std::string>{{"trace.parent", kValid}}).has_value());
  EXPECT_FALSE(extract(std::map<std::string, std::string>{{"tracestate", "foo=1"}}).has_value());
  EXPECT_FALSE(extract(std::map<std::string, std::string>{}).has_value());
}

TEST(HeaderExtractTest, WrongTracestateNameIsIgnored) {
  std::map<std::string, std::string> headers{{"traceparent", kValid}, {"trace-state", "foo=1"}};
  const auto ctx = extract(headers);
  ASSERT_TRUE(ctx.has_value());
  EXPECT_EQ(ctx->trace_state, "");
}

TEST(HeaderExtractTest, DuplicatedTraceparentMeansNoParent) {
  using List = std::vector<std::pair<std::string, std::string>>;
  EXPECT_FALSE(
      extract(List{{"traceparent", "00-12345678901234567890123456789011-1234567890123456-01"}, {"traceparent", kValid}})
          .has_value());
  // Two spellings of the same name are two headers, too.
  EXPECT_FALSE(
      extract(std::map<std::string, std::string>{{"traceparent", kValid}, {"Traceparent", kValid}}).has_value());
}

TEST(HeaderExtractTest, SeveralTracestateHeadersAreJoinedInOrder) {
  using List = std::vector<std::pair<std::string, std::string>>;
  const auto ctx = extract(List{{"traceparent", kValid},
                                {"tracestate", "foo=1,bar=2"},
                                {"tracestate", ""},
                                {"TRACESTATE", "rojo=1,congo=2"},
                                {"tracestate", "baz=3"}});
  ASSERT_TRUE(ctx.has_value());
  EXPECT_EQ(ctx->trace_state, "foo=1,bar=2,rojo=1,congo=2,baz=3");
}

TEST(HeaderExtractTest, DuplicateKeysAcrossTracestateHeadersDiscardTheState) {
  using List = std::vector<std::pair<std::string, std::string>>;
  const auto ctx = extract(List{{"traceparent", kValid}, {"tracestate", "foo=1"}, {"tracestate", "foo=2"}});
  ASSERT_TRUE(ctx.has_value());
  EXPECT_EQ(ctx->trace_state, "");
}

TEST(HeaderInjectTest, ReplacesExistingHeadersInAnyCase) {
  SpanContext ctx{TraceId{1, 2}, SpanId{3}, kSampledFlag, "foo=1", false};
  std::map<std::string, std::string> headers{{"TraceParent", "stale"}, {"TRACESTATE", "stale"}, {"host", "x"}};
  inject(ctx, headers);
  EXPECT_EQ(headers.size(), 3u);
  EXPECT_EQ(headers.at("traceparent"), "00-00000000000000010000000000000002-0000000000000003-01");
  EXPECT_EQ(headers.at("tracestate"), "foo=1");
  EXPECT_EQ(headers.at("host"), "x");
}

TEST(HeaderInjectTest, WorksOnVectorsAndUnorderedMapsAndRoundTrips) {
  SpanContext ctx{TraceId{0xabc, 0xdef}, SpanId{0x123}, 0, "", false};
  std::vector<std::pair<std::string, std::string>> list{{"traceparent", "old"}};
  inject(ctx, list);
  ASSERT_EQ(list.size(), 1u);  // no tracestate header for an empty state
  std::unordered_map<std::string, std::string> map;
  inject(ctx, map);
  for (const auto& extracted : {extract(list), extract(map)}) {
    ASSERT_TRUE(extracted.has_value());
    EXPECT_EQ(extracted->trace_id, ctx.trace_id);
    EXPECT_EQ(extracted->span_id, ctx.span_id);
    EXPECT_FALSE(extracted->sampled());
    EXPECT_TRUE(extracted->remote);
  }
}

TEST(HeaderInjectTest, InvalidContextInjectsNothing) {
  std::map<std::string, std::string> headers;
  inject(SpanContext{}, headers);
  EXPECT_TRUE(headers.empty());
}

}  // namespace
}  // namespace gauntlet::tracing
