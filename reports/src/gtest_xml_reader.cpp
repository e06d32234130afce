// GoogleTest XML via libxml2: a full XML 1.0 parser (CDATA, encodings,
// character references) that reports line and column for malformed input.
// Hostile documents are refused before parsing: a DOCTYPE (GoogleTest never
// writes one; entity declarations are how a billion-laughs file expands) and
// an element with more attributes than kMaxAttributes (libxml2 checks for
// repeated attributes in quadratic time).
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include "gauntlet/reports/gtest_reader.h"

namespace gauntlet::reports {
namespace {

using XmlChars = const xmlChar*;

// GoogleTest writes at most a dozen attributes on an element.
constexpr std::size_t kMaxAttributes = 256;

XmlChars xml(const char* s) { return reinterpret_cast<XmlChars>(s); }

bool is_element(const xmlNode* n, const char* name) {
  return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, xml(name)) == 0;
}

std::optional<std::string> attribute(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, xml(name));
  if (v == nullptr) return std::nullopt;
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

std::string text_of(const xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  if (v == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

struct Reader {
  std::string_view source;

  Error schema(const xmlNode* n, const std::string& what) const {
    return Error(ErrorCode::kSchemaError, std::string(source) + ":" + std::to_string(xmlGetLineNo(n)) + ": " + what);
  }

  Result<double> seconds(const xmlNode* n, const char* name) const {
    std::optional<std::string> v = attribute(n, name);
    if (!v || v->empty()) return 0.0;
    char* end = nullptr;
    double d = std::strtod(v->c_str(), &end);
    if (end != v->c_str() + v->size() || !(d >= 0 && d <= 1e12)) {
      return schema(n, std::string("attribute ") + name + "=\"" + *v + "\" is not a time in seconds");
    }
    return d;
  }

  Result<TestCase> test_case(const xmlNode* n, const std::string& suite) const {
    TestCase t;
    t.source = std::string(source);
    std::optional<std::string> name = attribute(n, "name");
    if (!name) return schema(n, "<testcase> without a name attribute");
    t.name = *name;
    t.suite = attribute(n, "classname").value_or(suite);
    t.file = attribute(n, "file").value_or("");
    if (std::optional<std::string> line = attribute(n, "line")) {
      auto [p, ec] = std::from_chars(line->data(), line->data() + line->size(), t.line);
      if (ec != std::errc() || p != line->data() + line->size()) {
        return schema(n, "attribute line=\"" + *line + "\" is not a number");
      }
    }
    Result<double> time = seconds(n, "time");
    if (!time) return time.error();
    t.time_s = *time;
    const std::string status = attribute(n, "status").value_or("run");
    const std::string result = attribute(n, "result").value_or("completed");
    bool skipped = status == "notrun" || result == "skipped" || result == "suppressed";
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (is_element(c, "failure") || is_element(c, "error")) {
        std::string body = text_of(c);
        if (body.empty()) body = attribute(c, "message").value_or("");
        t.failures.push_back(std::move(body));
      } else if (is_element(c, "skipped")) {
        skipped = true;
        t.skip_message = attribute(c, "message").value_or(text_of(c));
      }
    }
    t.status = !t.failures.empty() ? TestStatus::kFailed : skipped ? TestStatus::kSkipped : TestStatus::kPassed;
    return t;
  }

  Result<TestRun> document(const xmlNode* root) const {
    if (!is_element(root, "testsuites")) {
      return schema(root, std::string("root element is <") + reinterpret_cast<const char*>(root->name) +
                              ">, expected GoogleTest's <testsuites>");
    }
    TestRun run;
    run.sources.emplace_back(source);
    run.timestamp = attribute(root, "timestamp").value_or("");
    Result<double> total = seconds(root, "time");
    if (!total) return total.error();
    run.duration_s = *total;
    for (const xmlNode* s = root->children; s != nullptr; s = s->next) {
      if (s->type != XML_ELEMENT_NODE) continue;
      if (!is_element(s, "testsuite")) {
        return schema(s, std::string("unexpected <") + reinterpret_cast<const char*>(s->name) + "> in <testsuites>");
      }
      std::optional<std::string> suite = attribute(s, "name");
      if (!suite) return schema(s, "<testsuite> without a name attribute");
      for (const xmlNode* c = s->children; c != nullptr; c = c->next) {
        if (!is_element(c, "testcase")) continue;
        Result<TestCase> t = test_case(c, *suite);
        if (!t) return t.error();
        run.cases.push_back(std::move(*t));
      }
    }
    return run;
  }
};

// Most attributes on one element of the text, counting '=' outside quoted
// values between '<' and '>' (comments and CDATA included: an overestimate
// only refuses absurd files).
std::size_t most_attributes(std::string_view text) {
  std::size_t most = 0, count = 0;
  bool in_tag = false;
  char quote = 0;
  for (const char c : text) {
    if (!in_tag) {
      if (c == '<') in_tag = true, count = 0;
      continue;
    }
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '=') {
      most = std::max(most, ++count);
    } else if (c == '>') {
      in_tag = false;
    }
  }
  return most;
}

// libxml2's message on one line: some carry a second line ("Bytes: 0xFF ...").
std::string one_line(std::string what) {
  for (char& c : what) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  while (!what.empty() && what.back() == ' ') what.pop_back();
  std::string out;
  for (const char c : what) {
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out += c;
  }
  return out;
}

// Swallows libxml2's generic (stderr) messages, e.g. encoding errors, which
// XML_PARSE_NOERROR does not silence; the structured error is reported instead.
void ignore_generic_error(void*, const char*, ...) {}

}  // namespace

Result<TestRun> parse_gtest_xml(std::string_view text, std::string_view source) {
  const std::string name(source);
  if (text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    return Error(ErrorCode::kOutOfRange, name + ": larger than libxml2's 2 GiB limit");
  }
  if (text.find("<!DOCTYPE") != std::string_view::npos) {
    return Error(ErrorCode::kSchemaError,
                 name + ": a DOCTYPE (DTD or entity declarations) is not part of GoogleTest XML; refused");
  }
  if (const std::size_t n = most_attributes(text); n > kMaxAttributes) {
    return Error(ErrorCode::kSchemaError, name + ": an element has " + std::to_string(n) + " attributes; at most " +
                                              std::to_string(kMaxAttributes) + " are allowed");
  }
  xmlInitParser();
  xmlSetGenericErrorFunc(nullptr, ignore_generic_error);
  std::unique_ptr<xmlParserCtxt, decltype(&xmlFreeParserCtxt)> ctxt(xmlNewParserCtxt(), xmlFreeParserCtxt);
  if (!ctxt) return Error(ErrorCode::kInternal, std::string(source) + ": cannot allocate an XML parser");
  // No XML_PARSE_HUGE: libxml2's own limits on text and name sizes stay on.
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      xmlCtxtReadMemory(ctxt.get(), text.data(), static_cast<int>(text.size()), name.c_str(), nullptr,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
      xmlFreeDoc);
  if (!doc) {
    const xmlError* e = xmlCtxtGetLastError(ctxt.get());
    const std::string what = one_line(e && e->message ? e->message : "malformed XML");
    int line = e ? e->line : 0;
    int column = e ? e->int2 : 0;
    return Error(ErrorCode::kParseError,
                 name + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + what);
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr) return Error(ErrorCode::kSchemaError, name + ": empty XML document");
  return Reader{source}.document(root);
}

}  // namespace gauntlet::reports
