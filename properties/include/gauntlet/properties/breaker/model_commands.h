#pragma once
/// rc::state commands for the breaker model-based property: each command is
/// applied to the ReferenceBreaker and to the implementation, and the
/// implementation's decisions, state and counts must match the model's.
#include <memory>
#include <optional>
#include <ostream>
#include <vector>

#include <rapidcheck.h>
#include <rapidcheck/state.h>

#include "gauntlet/properties/breaker/adapter.h"
#include "gauntlet/properties/breaker/generators.h"
#include "gauntlet/properties/breaker/reference_breaker.h"

namespace gauntlet::properties::breaker::detail {

struct Model {
  ReferenceBreaker ref;
  Nanos now = 0;
  std::vector<ReferencePermit> held;
  BreakerCapabilities caps;
};

template <typename A>
struct Sut {
  ManualClock clock;
  std::unique_ptr<typename A::Breaker> breaker;
  std::vector<typename A::Permit> held;
};

template <typename A>
using Cmd = rc::state::Command<Model, Sut<A>>;

inline Nanos gen_duration(const Model& m) { return gen_duration(m.ref.config().slow_call_duration, m.caps.slow_calls); }

template <typename A>
void check_agrees(const Model& expected, Sut<A>& sut) {
  const BreakerState observed = A::state(*sut.breaker);
  RC_ASSERT(expected.ref.accepts_state(observed, expected.now));
  const BreakerCounts counts = A::counts(*sut.breaker);
  const BreakerCounts& model = expected.ref.counts();
  RC_ASSERT(counts.attempted == model.attempted);
  RC_ASSERT(counts.rejected == model.rejected);
  RC_ASSERT(counts.failures == model.failures);
  if (expected.caps.permitted_counted_at_grant || expected.held.empty()) {
    RC_ASSERT(counts.permitted == model.permitted);
    RC_ASSERT(counts.attempted == counts.permitted + counts.rejected);
  }
}

/// Acquire, take `duration`, complete with `outcome`.
template <typename A>
struct Call : Cmd<A> {
  CallOutcome outcome;
  Nanos duration;
  explicit Call(const Model& m)
      : outcome(*rc::gen::element(CallOutcome::kSuccess, CallOutcome::kFailure)), duration(gen_duration(m)) {}
  void apply(Model& m) const override {
    if (auto p = m.ref.try_acquire(m.now)) {
      m.now += duration;
      m.ref.complete(*p, outcome, m.now);
    }
  }
  void run(const Model& m, Sut<A>& sut) const override {
    Model expected = m;
    const bool admit = expected.ref.try_acquire(expected.now).has_value();
    auto permit = A::try_acquire(*sut.breaker);
    RC_ASSERT(permit.has_value() == admit);
    if (permit) {
      sut.clock.advance(duration);
      A::complete(*sut.breaker, *permit, outcome, duration);
    }
    check_agrees(this->nextState(m), sut);
  }
  void show(std::ostream& os) const override {
    os << "call(" << (outcome == CallOutcome::kSuccess ? "success" : "failure") << ", " << duration / kNanosPerMilli
       << "ms)";
  }
};

/// Acquire and keep the permit for a later Finish.
template <typename A>
struct Begin : Cmd<A> {
  explicit Begin(const Model& m) { RC_PRE(m.held.size() < 3); }
  void apply(Model& m) const override {
    if (auto p = m.ref.try_acquire(m.now)) m.held.push_back(*p);
  }
  void run(const Model& m, Sut<A>& sut) const override {
    Model expected = m;
    const bool admit = expected.ref.try_acquire(expected.now).has_value();
    auto permit = A::try_acquire(*sut.breaker);
    RC_ASSERT(permit.has_value() == admit);
    if (permit) sut.held.push_back(std::move(*permit));
    check_agrees(this->nextState(m), sut);
  }
  void show(std::ostream& os) const override { os << "begin()"; }
};

/// Complete a held permit (possibly stale by now).
template <typename A>
struct Finish : Cmd<A> {
  std::size_t index;
  CallOutcome outcome;
  Nanos duration;
  explicit Finish(const Model& m)
      : index(*rc::gen::inRange<std::size_t>(0, std::max<std::size_t>(m.held.size(), 1))),
        outcome(*rc::gen::element(CallOutcome::kSuccess, CallOutcome::kFailure)),
        duration(*rc::gen::inRange<Nanos>(0, m.ref.config().slow_call_duration / 2 + 1)) {
    RC_PRE(index < m.held.size());
  }
  void checkPreconditions(const Model& m) const override { RC_PRE(index < m.held.size()); }
  void apply(Model& m) const override {
    m.now += duration;
    m.ref.complete(m.held[index], outcome, m.now);
    m.held.erase(m.held.begin() + static_cast<std::ptrdiff_t>(index));
  }
  void run(const Model& m, Sut<A>& sut) const override {
    sut.clock.advance(duration);
    // The call lasted from its acquire until now.
    A::complete(*sut.breaker, sut.held[index], outcome, m.now + duration - m.held[index].started);
    sut.held.erase(sut.held.begin() + static_cast<std::ptrdiff_t>(index));
    check_agrees(this->nextState(m), sut);
  }
  void show(std::ostream& os) const override {
    os << "finish(#" << index << ", " << (outcome == CallOutcome::kSuccess ? "success" : "failure") << ")";
  }
};

/// Let time pass.
template <typename A>
struct Advance : Cmd<A> {
  Nanos delta;
  explicit Advance(const Model& m) : delta(gen_clock_step(m.ref.config().open_wait)) {}
  void apply(Model& m) const override { m.now += delta; }
  void run(const Model& m, Sut<A>& sut) const override {
    sut.clock.advance(delta);
    check_agrees(this->nextState(m), sut);
  }
  void show(std::ostream& os) const override { os << "advance(" << delta / kNanosPerMilli << "ms)"; }
};

/// Force the breaker open or closed.
template <typename A>
struct Force : Cmd<A> {
  bool open;
  explicit Force(const Model& m) : open(*rc::gen::arbitrary<bool>()) { RC_PRE(m.caps.forced_states); }
  void apply(Model& m) const override {
    if (open) {
      m.ref.force_open(m.now);
    } else {
      m.ref.force_closed();
    }
  }
  void run(const Model& m, Sut<A>& sut) const override {
    if (open) {
      A::force_open(*sut.breaker);
    } else {
      A::force_closed(*sut.breaker);
    }
    check_agrees(this->nextState(m), sut);
  }
  void show(std::ostream& os) const override { os << (open ? "force_open()" : "force_closed()"); }
};

/// The model-based property body for one mode.
template <typename A>
void check_model(BreakerMode mode) {
  const BreakerCapabilities caps = A::capabilities();
  const BreakerConfig config = *gen_config(mode, caps);
  RC_TAG(to_string(mode));
  Model initial{ReferenceBreaker(config), 0, {}, caps};
  Sut<A> sut;
  sut.breaker = A::make(config, sut.clock);
  RC_ASSERT(sut.breaker != nullptr);
  if (caps.stale_results) {
    rc::state::check(initial, sut,
                     rc::state::gen::execOneOfWithArgs<Call<A>, Call<A>, Begin<A>, Finish<A>, Advance<A>, Force<A>>());
  } else {
    rc::state::check(initial, sut, rc::state::gen::execOneOfWithArgs<Call<A>, Call<A>, Advance<A>, Force<A>>());
  }
}

}  // namespace gauntlet::properties::breaker::detail
