#include "service/fault_actuator.h"

#include <fmt/format.h>

#include <csignal>

namespace gauntlet::chaos::service::detail {
namespace {

// The toxic's name on its proxy: the point after "proxy:<name>/", unique per schedule entry.
std::string toxic_slot(const std::string& point) { return "gauntlet_" + point.substr(point.find('/') + 1); }

}  // namespace

FaultActuator::FaultActuator(RunningSystem& system) : system_(system), thread_([this] { loop(); }) {}

FaultActuator::~FaultActuator() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void FaultActuator::post(const std::map<std::string, FaultEffect>& effects) {
  {
    std::lock_guard lock(mutex_);
    for (const auto& [point, effect] : effects) {
      if (!system_.decl().actions.contains(point)) continue;
      wanted_[point] = effect;
      FaultPointStats& s = stats_[point];
      s.point = point;
      if (effect.active()) ++s.hits;
    }
    dirty_ = true;
  }
  wake_.notify_all();
}

void FaultActuator::drain() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [&] {
    if (stop_) return true;
    if (busy_) return false;
    for (const auto& [point, effect] : wanted_) {
      auto it = applied_.find(point);
      if (it == applied_.end() ? effect.active() : !(it->second == effect)) return false;
    }
    return true;
  });
}

std::vector<FaultPointStats> FaultActuator::activity() const {
  std::lock_guard lock(mutex_);
  std::vector<FaultPointStats> out;
  for (const auto& [point, s] : stats_) out.push_back(s);
  return out;
}

std::vector<std::string> FaultActuator::failures() const {
  std::lock_guard lock(mutex_);
  return failures_;
}

void FaultActuator::note(const std::string& point, const Status& status) {
  std::lock_guard lock(mutex_);
  ++stats_[point].fires;
  if (!status.ok()) failures_.push_back(point + ": " + status.error().message());
}

void FaultActuator::loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    // Wakes for posts, and every 100 ms to restart processes that exited by themselves.
    wake_.wait_for(lock, std::chrono::milliseconds(100), [&] { return stop_ || dirty_; });
    if (stop_) break;
    dirty_ = false;
    std::map<std::string, FaultEffect> wanted = wanted_;
    busy_ = true;
    lock.unlock();
    for (const auto& [point, effect] : wanted) {
      const FaultEffect before = applied_.contains(point) ? applied_[point] : FaultEffect{};
      if (before == effect) continue;
      carry_out(point, system_.decl().actions.at(point), before, effect);
      applied_[point] = effect;
    }
    restart_exited();
    system_.sample_memory();
    lock.lock();
    busy_ = false;
    idle_.notify_all();
  }
  busy_ = false;
  idle_.notify_all();
}

void FaultActuator::carry_out(const std::string& point, const ActionDecl& action, const FaultEffect& before,
                              const FaultEffect& now) {
  if (action.kind == ActionDecl::Kind::kToxic || action.kind == ActionDecl::Kind::kProxyDown) {
    act_on_proxy(point, action, before, now);
    return;
  }
  if (before.active() == now.active()) return;
  if (!now.active() && !action.restore && action.kind != ActionDecl::Kind::kPause) return;
  if (!now.active() && action.kind == ActionDecl::Kind::kRestart) return;
  note(point, act_on_process(action, now));
}

void FaultActuator::act_on_proxy(const std::string& point, const ActionDecl& action, const FaultEffect& before,
                                 const FaultEffect& now) {
  proxy::ProxyServer& proxies = system_.proxies();
  if (action.kind == ActionDecl::Kind::kProxyDown) {
    if (before.active() == now.active()) return;
    auto r = proxies.update(action.proxy, proxy::ProxyUpdate{std::nullopt, std::nullopt, !now.active()});
    note(point, r.ok() ? Status{} : Status(r.error()));
    return;
  }
  proxy::Toxic toxic = action.toxic;
  toxic.name = toxic_slot(point);
  if (!now.active()) {
    note(point, proxies.remove_toxic(action.proxy, toxic.name));
    return;
  }
  // A ramp scales the latency of a latency toxic and the toxicity of any other.
  if (toxic.type == proxy::ToxicType::kLatency) {
    toxic.latency = now.latency_ns / kNanosPerMilli;
  } else {
    toxic.toxicity = now.error_rate;
  }
  auto r = before.active() ? proxies.update_toxic(action.proxy, toxic) : proxies.add_toxic(action.proxy, toxic);
  note(point, r.ok() ? Status{} : Status(r.error()));
}

Status FaultActuator::act_on_process(const ActionDecl& action, const FaultEffect& now) {
  std::lock_guard lock(system_.process_mutex());
  process::SupervisedProcess* p = system_.process(action.process);
  const ProcessDecl* d = system_.process_decl(action.process);
  if (p == nullptr || d == nullptr) return Error(ErrorCode::kNotFound, "no process '" + action.process + "'");
  const bool start = now.active();
  switch (action.kind) {
    case ActionDecl::Kind::kKill:
    case ActionDecl::Kind::kTerm:
      if (!start) {
        held_down_.erase(action.process);
        return p->restart();
      }
      held_down_.insert(action.process);
      if (!p->running()) return {};
      if (auto r = p->stop(action.kind == ActionDecl::Kind::kKill ? SIGKILL : d->stop_signal, d->stop_grace); !r) {
        return r.error();
      }
      return {};
    case ActionDecl::Kind::kPause:
      return start ? p->pause() : p->resume();
    case ActionDecl::Kind::kRestart:
      return p->restart();
    case ActionDecl::Kind::kToxic:
    case ActionDecl::Kind::kProxyDown:
      break;
  }
  return {};
}

void FaultActuator::restart_exited() {
  std::lock_guard lock(system_.process_mutex());
  for (const ProcessDecl& d : system_.decl().processes) {
    if (!d.restart_always || held_down_.contains(d.name)) continue;
    process::SupervisedProcess* p = system_.process(d.name);
    if (p != nullptr && !p->running()) {
      Status s = p->restart();
      std::lock_guard stats_lock(mutex_);
      if (!s.ok()) failures_.push_back("process:" + d.name + "/restart: " + s.error().message());
    }
  }
}

}  // namespace gauntlet::chaos::service::detail
