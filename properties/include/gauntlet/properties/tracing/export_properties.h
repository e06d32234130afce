#pragma once
/// Span lifecycle properties: exported exactly once, exported + dropped ==
/// ended, consistent trace trees.
#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "gauntlet/properties/tracing/test_fixture.h"

namespace gauntlet::properties::tracing {
namespace detail {

struct LifecycleOp {
  int kind = 0;  ///< 0 start root, 1 start child, 2 end, 3 flush, 4 shutdown, 5 advance
  int pick = 0;  ///< which span (modulo the spans started so far)
};

inline rc::Gen<LifecycleOp> gen_lifecycle_op() {
  return rc::gen::build<LifecycleOp>(
      rc::gen::set(&LifecycleOp::kind, rc::gen::weightedElement<int>({{2, 0}, {4, 1}, {6, 2}, {1, 3}, {1, 4}, {2, 5}})),
      rc::gen::set(&LifecycleOp::pick, rc::gen::inRange(0, 1000)));
}

inline void showValue(const LifecycleOp& op, std::ostream& os) {
  static const char* const kNames[] = {"start_root", "start_child", "end", "flush", "shutdown", "advance"};
  os << kNames[op.kind] << "#" << op.pick;
}

inline std::string describe(const std::vector<ExportedSpan>& spans) {
  std::string out;
  for (const auto& s : spans) {
    out += "  " + s.name + " trace=" + s.trace_id + " span=" + s.span_id + " parent=" + s.parent_span_id + " [" +
           std::to_string(s.start) + ", " + std::to_string(s.end) + "]\n";
  }
  return out;
}

}  // namespace detail
}  // namespace gauntlet::properties::tracing

namespace rc {
template <>
struct Arbitrary<gauntlet::properties::tracing::detail::LifecycleOp> {
  static Gen<gauntlet::properties::tracing::detail::LifecycleOp> arbitrary() {
    return gauntlet::properties::tracing::detail::gen_lifecycle_op();
  }
};
}  // namespace rc

namespace gauntlet::properties::tracing {

TYPED_TEST_P(TracingProperties, EndedSpansExportedExactlyOnce) {
  const PropertySpec spec{Severity::kMust, 1.0};
  if constexpr (!provides<TypeParam>(&TracingGroups::tracer)) {
    GAUNTLET_SKIP_PROPERTY(spec, "the adapter declares the tracer group unsupported");
  } else {
    check_property(spec, [](const std::vector<detail::LifecycleOp>& ops) {
      ManualClock clock;
      auto tracer = TypeParam::make_tracer(clock);
      std::vector<typename TypeParam::Span> spans;
      std::vector<std::string> ids;
      std::vector<bool> ended;
      std::set<std::string> ended_before_shutdown;
      std::int64_t ended_total = 0;
      bool shut = false;
      for (const auto& op : ops) {
        const std::size_t n = spans.size();
        switch (op.kind) {
          case 0:
          case 1: {
            const typename TypeParam::Span* parent = (op.kind == 1 && n > 0) ? &spans[op.pick % n] : nullptr;
            auto span = TypeParam::start_span(*tracer, "s" + std::to_string(n), parent);
            ids.push_back(TypeParam::span_ids(span).span_id);
            spans.push_back(std::move(span));
            ended.push_back(false);
            break;
          }
          case 2:
            if (n == 0) break;
            TypeParam::end_span(*tracer, spans[op.pick % n]);
            if (!ended[op.pick % n]) {
              ended[op.pick % n] = true;
              ++ended_total;
              if (!shut) ended_before_shutdown.insert(ids[op.pick % n]);
            }
            break;
          case 3:
            TypeParam::flush(*tracer);
            break;
          case 4:
            TypeParam::shutdown(*tracer);
            shut = true;
            break;
          default:
            clock.advance(Nanos{1000});
            break;
        }
      }
      if (!shut) TypeParam::flush(*tracer);
      const auto exported = TypeParam::exported(*tracer);
      std::set<std::string> seen;
      for (const auto& s : exported) {
        if (!seen.insert(s.span_id).second)
          RC_FAIL("span " + s.span_id + " exported twice:\n" + detail::describe(exported));
        if (ended_before_shutdown.count(s.span_id) == 0) {
          RC_FAIL("span " + s.span_id + " exported but not ended before shutdown:\n" + detail::describe(exported));
        }
      }
      RC_ASSERT(seen == ended_before_shutdown);
      if (TypeParam::capabilities().counts_dropped) {
        RC_ASSERT(static_cast<std::int64_t>(exported.size()) + static_cast<std::int64_t>(TypeParam::dropped(*tracer)) ==
                  ended_total);
      }
      spans.clear();
    });
  }
}

TYPED_TEST_P(TracingProperties, TraceTreesConsistent) {
  const PropertySpec spec{Severity::kMust, 1.0};
  if constexpr (!provides<TypeParam>(&TracingGroups::tracer)) {
    GAUNTLET_SKIP_PROPERTY(spec, "the adapter declares the tracer group unsupported");
  } else {
    // Synchronous nesting: a span ends only after every child it started.
    check_property(spec, [](const std::vector<std::pair<bool, int>>& steps) {
      ManualClock clock(1000);
      auto tracer = TypeParam::make_tracer(clock);
      std::vector<typename TypeParam::Span> spans;
      std::vector<int> parent_of;
      std::vector<int> open;  // stack of open spans
      std::vector<Nanos> started_at;
      std::vector<Nanos> ended_at;
      auto end = [&](int i) {
        TypeParam::end_span(*tracer, spans[i]);
        ended_at[i] = clock.now_ns();
      };
      for (const auto& [start, pick] : steps) {
        clock.advance(Nanos{1 + (pick % 7)});
        if (start || open.empty()) {
          const bool root = open.empty() || pick % 5 == 0;
          // A new root closes nothing; a child nests under the innermost open span.
          const int parent = root ? -1 : open.back();
          auto span =
              TypeParam::start_span(*tracer, "s" + std::to_string(spans.size()), parent < 0 ? nullptr : &spans[parent]);
          spans.push_back(std::move(span));
          parent_of.push_back(parent);
          started_at.push_back(clock.now_ns());
          ended_at.push_back(0);
          if (root) {
            while (!open.empty()) {
              end(open.back());
              open.pop_back();
              clock.advance(Nanos{1});
            }
          }
          open.push_back(static_cast<int>(spans.size()) - 1);
        } else {
          end(open.back());
          open.pop_back();
        }
      }
      while (!open.empty()) {
        clock.advance(Nanos{1});
        end(open.back());
        open.pop_back();
      }
      TypeParam::flush(*tracer);
      const auto exported = TypeParam::exported(*tracer);
      RC_ASSERT(exported.size() == spans.size());
      std::map<std::string, const ExportedSpan*> by_id;
      for (const auto& s : exported) {
        if (!by_id.emplace(s.span_id, &s).second) RC_FAIL("duplicate span id:\n" + detail::describe(exported));
        RC_ASSERT(s.start <= s.end);
      }
      std::map<std::string, int> roots_per_trace;
      for (std::size_t i = 0; i < spans.size(); ++i) {
        const SpanIds ids = TypeParam::span_ids(spans[i]);
        RC_ASSERT(by_id.count(ids.span_id) == 1u);
        const ExportedSpan& s = *by_id[ids.span_id];
        RC_ASSERT(s.trace_id == ids.trace_id);
        // Timestamps come from the tracer's clock at start() and end().
        if (s.start != started_at[i] || s.end != ended_at[i]) {
          RC_FAIL("span " + s.name + " should span [" + std::to_string(started_at[i]) + ", " +
                  std::to_string(ended_at[i]) + "]:\n" + detail::describe(exported));
        }
        if (parent_of[i] < 0) {
          RC_ASSERT(s.parent_span_id.empty());
          ++roots_per_trace[s.trace_id];
          continue;
        }
        const SpanIds parent_ids = TypeParam::span_ids(spans[parent_of[i]]);
        if (s.parent_span_id != parent_ids.span_id || s.trace_id != parent_ids.trace_id) {
          RC_FAIL("span " + s.name + " is not attached to its parent:\n" + detail::describe(exported));
        }
        const ExportedSpan& p = *by_id[parent_ids.span_id];
        if (s.start < p.start || s.end > p.end)
          RC_FAIL("child " + s.name + " outside its parent:\n" + detail::describe(exported));
      }
      for (const auto& s : exported) RC_ASSERT(roots_per_trace[s.trace_id] == 1);
      spans.clear();
    });
  }
}

}  // namespace gauntlet::properties::tracing
