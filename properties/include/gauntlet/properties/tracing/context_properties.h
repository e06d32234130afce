#pragma once
/// Context properties: traceparent round trip and invalid corpus, scopes
/// restored in LIFO order.
#include <cctype>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "gauntlet/properties/edge_generators.h"
#include "gauntlet/properties/tracing/test_fixture.h"

namespace gauntlet::properties::tracing {
namespace detail {

/// Lower-case hex ids that are not all zero, half of the time an edge: one
/// non-zero digit at either end (an id whose upper or lower half is zero),
/// or all 'f'.
inline rc::Gen<std::string> gen_hex_id(std::size_t digits) {
  std::string first_only(digits, '0'), last_only(digits, '0');
  first_only.front() = '1';
  last_only.back() = '1';
  return edges::biased<std::string>(
      {first_only, last_only, std::string(digits, 'f')},
      rc::gen::suchThat(rc::gen::container<std::string>(digits, rc::gen::elementOf(std::string("0123456789abcdef"))),
                        [](const std::string& s) { return s.find_first_not_of('0') != std::string::npos; }));
}

inline rc::Gen<TraceparentFields> gen_fields() {
  return rc::gen::build<TraceparentFields>(rc::gen::set(&TraceparentFields::trace_id, gen_hex_id(32)),
                                           rc::gen::set(&TraceparentFields::span_id, gen_hex_id(16)),
                                           rc::gen::set(&TraceparentFields::sampled, rc::gen::arbitrary<bool>()));
}

inline std::string traceparent_of(const TraceparentFields& f) {
  return "00-" + f.trace_id + "-" + f.span_id + (f.sampled ? "-01" : "-00");
}

/// A valid traceparent broken in one of the ways the W3C spec forbids.
inline std::string corrupt(std::string valid, int how, std::size_t where) {
  switch (how) {
    case 0: {  // an upper-case hex digit in an id
      for (std::size_t i = 0; i < 49; ++i) {
        const std::size_t at = 3 + (where + i) % 49;
        if (std::isalpha(static_cast<unsigned char>(valid[at]))) {
          valid[at] = static_cast<char>(std::toupper(static_cast<unsigned char>(valid[at])));
          return valid;
        }
      }
      valid[3] = 'A';
      return valid;
    }
    case 1:
      return valid.replace(3, 32, std::string(32, '0'));  // all-zero trace id
    case 2:
      return valid.replace(36, 16, std::string(16, '0'));  // all-zero span id
    case 3:
      return valid.replace(0, 2, "ff");  // forbidden version
    case 4:
      return valid.substr(0, where % valid.size());  // truncated
    case 5:
      return valid + "-" + std::to_string(where);  // trailing data after version 00
    case 6:
      return valid.replace(3 + where % 49, 1, "g");  // non-hex character
    case 7:
      return valid.replace(2, 1, "_");  // wrong separator
    case 8:
      return valid.replace(53, 2, "0x");  // bad flags
    case 9: {                             // empty or only whitespace
      static const char* const kBlank[] = {"", " ", "\t", " \t "};
      return kBlank[where % 4];
    }
    default:  // a future version whose extra fields do not start with '-'
      return valid.replace(0, 2, where % 2 == 0 ? "01" : "cc") + (where % 3 == 0 ? "x" : "0-" + std::to_string(where));
  }
}

}  // namespace detail

TYPED_TEST_P(TracingProperties, TraceparentRoundTrips) {
  const PropertySpec spec{Severity::kMust, 1.0};
  if constexpr (!provides<TypeParam>(&TracingGroups::traceparent)) {
    GAUNTLET_SKIP_PROPERTY(spec, "the adapter declares the traceparent group unsupported");
  } else {
    check_property(spec, [] {
      const TraceparentFields fields = *detail::gen_fields();
      const std::string text = TypeParam::format_traceparent(fields);
      RC_ASSERT(text == detail::traceparent_of(fields));
      const auto parsed = TypeParam::parse_traceparent(text);
      RC_ASSERT(parsed.has_value());
      RC_ASSERT(*parsed == fields);
    });
  }
}

TYPED_TEST_P(TracingProperties, TraceparentAcceptsSurroundingWhitespace) {
  // HTTP strips optional whitespace around a header value (RFC 9110 5.5); a
  // parser given the raw value should too.
  const PropertySpec spec{Severity::kShould, 1.0};
  if constexpr (!provides<TypeParam>(&TracingGroups::traceparent)) {
    GAUNTLET_SKIP_PROPERTY(spec, "the adapter declares the traceparent group unsupported");
  } else {
    check_property(spec, [] {
      const TraceparentFields fields = *detail::gen_fields();
      const auto pad = rc::gen::element<std::string>("", " ", "\t", "  ", " \t");
      const std::string text = *pad + detail::traceparent_of(fields) + *pad;
      const auto parsed = TypeParam::parse_traceparent(text);
      RC_ASSERT(parsed.has_value());
      RC_ASSERT(*parsed == fields);
    });
  }
}

TYPED_TEST_P(TracingProperties, TraceparentRejectsInvalid) {
  const PropertySpec spec{Severity::kMust, 1.0};
  if constexpr (!provides<TypeParam>(&TracingGroups::traceparent)) {
    GAUNTLET_SKIP_PROPERTY(spec, "the adapter declares the traceparent group unsupported");
  } else {
    check_property(spec, [] {
      const TraceparentFields fields = *detail::gen_fields();
      // Full size: RapidCheck scales inRange by the case's size, so the last
      // kinds of corruption would otherwise never come up.
      const int how = *rc::gen::resize(100, rc::gen::inRange(0, 11));
      const auto where = *rc::gen::resize(100, rc::gen::inRange<std::size_t>(0, 1000));
      const std::string bad = detail::corrupt(detail::traceparent_of(fields), how, where);
      RC_LOG() << "input: '" << bad << "'\n";
      RC_ASSERT(!TypeParam::parse_traceparent(bad).has_value());
    });
  }
}

TYPED_TEST_P(TracingProperties, ScopesRestoreInLifoOrder) {
  const PropertySpec spec{Severity::kMust, 1.0};
  if constexpr (!provides<TypeParam>(&TracingGroups::scopes)) {
    GAUNTLET_SKIP_PROPERTY(spec, "the adapter declares the scopes group unsupported");
  } else {
    check_property(spec, [](const std::vector<bool>& pushes) {
      ManualClock clock;
      auto tracer = TypeParam::make_tracer(clock);
      RC_ASSERT(std::string(TypeParam::current_span_id(*tracer)).empty());
      std::vector<typename TypeParam::Span> spans;
      spans.reserve(pushes.size());
      std::vector<std::unique_ptr<typename TypeParam::Scope>> scopes;
      std::vector<std::string> expected;
      for (bool push : pushes) {
        if (push || scopes.empty()) {
          spans.push_back(TypeParam::start_span(*tracer, "scoped", nullptr));
          expected.push_back(TypeParam::span_ids(spans.back()).span_id);
          scopes.push_back(TypeParam::activate(*tracer, spans.back()));
        } else {
          scopes.pop_back();
          expected.pop_back();
        }
        RC_ASSERT(std::string(TypeParam::current_span_id(*tracer)) ==
                  (expected.empty() ? std::string() : expected.back()));
      }
      while (!scopes.empty()) {
        scopes.pop_back();
        expected.pop_back();
        RC_ASSERT(std::string(TypeParam::current_span_id(*tracer)) ==
                  (expected.empty() ? std::string() : expected.back()));
      }
    });
  }
}

}  // namespace gauntlet::properties::tracing
