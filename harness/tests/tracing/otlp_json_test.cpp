#include "gauntlet/harness/tracing/otlp_json_exporter.h"

#include "gauntlet/harness/tracing/batch_processor.h"
#include "gauntlet/harness/tracing/scope.h"
#include "gauntlet/harness/tracing/tracer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "gauntlet/harness/testing/status_matchers.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <sys/wait.h>

namespace gauntlet::tracing {
namespace {

namespace fs = std::filesystem;

// This process's scratch folder, removed when the test binary exits.
struct ScratchFolder {
  fs::path dir = fs::temp_directory_path() / ("gauntlet_tracing_" + std::to_string(::getpid()));
  ScratchFolder() { fs::create_directories(dir); }
  ~ScratchFolder() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
};

fs::path temp_file(const std::string& name) {
  static const ScratchFolder folder;
  return folder.dir / name;
}

nlohmann::json read_json(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

// A small trace: a server span with a client child (error status, event,
// attributes of every type) and an internal grandchild.
void record_test_trace(Tracer& tracer, ManualClock& clock) {
  Span server = tracer.start_span("GET /checkout", StartOptions().with_kind(SpanKind::kServer));
  Scope scope(server);
  server.set_attribute("http.status_code", 500);
  clock.advance(1'000);
  {
    Span client = tracer.start_span("POST /pay", StartOptions().with_kind(SpanKind::kClient));
    Scope inner(client);
    client.set_attribute("retry", true);
    client.set_attribute("latency.ratio", 1.5);
    client.set_attribute("peer", "payments");
    client.add_event("timeout", {{"after.ms", std::int64_t{250}}});
    client.set_status(StatusCode::kError, "deadline exceeded");
    {
      Span cache = tracer.start_span("cache lookup");
      clock.advance(10);
    }
    clock.advance(2'000);
  }
  server.set_status(StatusCode::kOk);
}

TEST(OtlpJsonTest, EncodesTheDocumentShape) {
  ManualClock clock(1'700'000'000'000'000'000);
  auto exporter = std::make_shared<OtlpJsonFileExporter>(temp_file("shape.json"),
                                                         OtlpResource{.service_name = "checkout",
                                                                      .attributes = {{"deployment", "test"}},
                                                                      .scope_name = "gauntlet.tracing",
                                                                      .scope_version = "0.1.0"});
  auto processor = std::make_shared<SimpleSpanProcessor>(exporter);
  Tracer tracer(TracerOptions().with_seed(77).with_clock(clock), processor);
  record_test_trace(tracer, clock);
  ASSERT_TRUE(processor->force_flush().ok());

  const auto doc = read_json(exporter->path());
  const auto& rs = doc.at("resourceSpans").at(0);
  EXPECT_EQ(rs.at("resource").at("attributes").at(0).at("key"), "service.name");
  EXPECT_EQ(rs.at("resource").at("attributes").at(0).at("value").at("stringValue"), "checkout");
  const auto& ss = rs.at("scopeSpans").at(0);
  EXPECT_EQ(ss.at("scope").at("name"), "gauntlet.tracing");
  const auto& spans = ss.at("spans");
  ASSERT_EQ(spans.size(), 3u);
  // Spans are exported in end order: cache, client, server.
  const auto& cache = spans.at(0);
  const auto& client = spans.at(1);
  const auto& server = spans.at(2);
  EXPECT_EQ(cache.at("kind"), 1);
  EXPECT_EQ(client.at("kind"), 3);
  EXPECT_EQ(server.at("kind"), 2);
  EXPECT_EQ(cache.at("parentSpanId"), client.at("spanId"));
  EXPECT_EQ(client.at("parentSpanId"), server.at("spanId"));
  EXPECT_FALSE(server.contains("parentSpanId"));
  EXPECT_EQ(server.at("startTimeUnixNano"), "1700000000000000000");
  EXPECT_EQ(server.at("endTimeUnixNano"), "1700000000000003010");
  EXPECT_EQ(client.at("status").at("code"), 2);
  EXPECT_EQ(client.at("status").at("message"), "deadline exceeded");
  EXPECT_EQ(server.at("status").at("code"), 1);
  EXPECT_EQ(server.at("attributes").at(0).at("value").at("intValue"), "500");
  EXPECT_EQ(client.at("events").at(0).at("timeUnixNano"), "1700000000000001000");
  EXPECT_EQ(client.at("events").at(0).at("attributes").at(0).at("value").at("intValue"), "250");
  EXPECT_EQ(client.at("attributes").at(0).at("value").at("boolValue"), true);
  EXPECT_EQ(client.at("attributes").at(1).at("value").at("doubleValue"), 1.5);
  EXPECT_EQ(client.at("attributes").at(2).at("value").at("stringValue"), "payments");
  EXPECT_EQ(client.at("traceId").get<std::string>().size(), 32u);
}

TEST(OtlpJsonTest, IndependentReaderAcceptsATestTrace) {
  const fs::path out = temp_file("independent.json");
  ManualClock clock(1'700'000'000'000'000'000);
  auto exporter = std::make_shared<OtlpJsonFileExporter>(out);
  auto processor = std::make_shared<BatchSpanProcessor>(exporter);
  Tracer tracer(TracerOptions().with_seed(5).with_clock(clock), processor);
  record_test_trace(tracer, clock);
  record_test_trace(tracer, clock);
  ASSERT_TRUE(processor->shutdown().ok());
  EXPECT_EQ(processor->stats(), (ProcessorStats{6, 6, 0}));

  const std::string script = std::string(GAUNTLET_SOURCE_DIR) + "/harness/tests/tracing/check_otlp_json.py";
  const std::string cmd = "/usr/bin/python3 '" + script + "' '" + out.string() + "' 6";
  const int rc = std::system(cmd.c_str());
  ASSERT_NE(rc, -1);
  EXPECT_TRUE(WIFEXITED(rc) && WEXITSTATUS(rc) == 0) << cmd;
}

TEST(OtlpJsonTest, IndependentReaderRejectsABrokenDocument) {
  // The checker itself must be able to fail: upper-case ids and numeric times.
  const fs::path out = temp_file("broken.json");
  std::ofstream(out) << R"({"resourceSpans":[{"resource":{"attributes":[]},"scopeSpans":[{"scope":{"name":"x"},)"
                     << R"("spans":[{"traceId":"ABC","spanId":"00","name":"n","kind":"SPAN_KIND_SERVER",)"
                     << R"("startTimeUnixNano":1,"endTimeUnixNano":2}]}]}]})";
  const std::string script = std::string(GAUNTLET_SOURCE_DIR) + "/harness/tests/tracing/check_otlp_json.py";
  const std::string cmd = "/usr/bin/python3 '" + script + "' '" + out.string() + "' 1 > /dev/null";
  const int rc = std::system(cmd.c_str());
  EXPECT_TRUE(WIFEXITED(rc) && WEXITSTATUS(rc) == 1);
}

TEST(OtlpJsonTest, ShutdownWritesTheFileAndLaterSpansAreNotExported) {
  const fs::path out = temp_file("shutdown.json");
  ManualClock clock(10);
  auto exporter = std::make_shared<OtlpJsonFileExporter>(out);
  auto processor = std::make_shared<SimpleSpanProcessor>(exporter);
  Tracer tracer(TracerOptions().with_seed(1).with_clock(clock), processor);
  tracer.start_span("kept").end();
  ASSERT_TRUE(processor->shutdown().ok());
  tracer.start_span("late").end();
  const auto doc = read_json(out);
  const auto& spans = doc.at("resourceSpans").at(0).at("scopeSpans").at(0).at("spans");
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans.at(0).at("name"), "kept");
  for (const auto& entry : fs::directory_iterator(out.parent_path())) {
    EXPECT_EQ(entry.path().string().find(".tmp"), std::string::npos) << "temp file left: " << entry.path();
  }
  EXPECT_THAT(exporter->export_spans({}), matchers::StatusIs(ErrorCode::kFailedPrecondition));
}

TEST(OtlpJsonTest, UnwritableDirectoryIsAnIoErrorNamingTheFile) {
  OtlpJsonFileExporter exporter("/nonexistent-dir-for-gauntlet/traces.json");
  const Status s = exporter.force_flush();
  EXPECT_THAT(s, matchers::StatusIs(ErrorCode::kIoError, ::testing::HasSubstr("traces.json")));
}

TEST(OtlpJsonTest, TraceStateAndInvalidUtf8AreCarried) {
  SpanData d;
  d.context = SpanContext{TraceId{1, 2}, SpanId{3}, kSampledFlag, "k=v", false};
  d.name = std::string("bad\xff", 4);
  const std::string text = to_otlp_json(std::span<const SpanData>(&d, 1), OtlpResource{});
  const auto doc = nlohmann::json::parse(text);
  const auto& span = doc.at("resourceSpans").at(0).at("scopeSpans").at(0).at("spans").at(0);
  EXPECT_EQ(span.at("traceState"), "k=v");
  EXPECT_EQ(span.at("traceId"), "00000000000000010000000000000002");
  EXPECT_EQ(span.at("status").at("code"), 0);
}

}  // namespace
}  // namespace gauntlet::tracing
