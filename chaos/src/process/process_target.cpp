#include "gauntlet/chaos/process/process_target.h"

#include "gauntlet/chaos/netload/http_probe.h"

#include <algorithm>
#include <csignal>

namespace gauntlet::chaos::process {

namespace {
constexpr const char* kErrorToxic = "gauntlet_errors";
constexpr const char* kLatencyToxic = "gauntlet_latency";
}  // namespace

ProcessTarget::ProcessTarget(ProcessTargetSpec spec, Clock& clock)
    : spec_(std::move(spec)),
      clock_(&clock),
      proxies_(std::make_unique<proxy::ProxyServer>(proxy::ProxyOptions{spec_.seed, false})) {}

Result<std::unique_ptr<ProcessTarget>> ProcessTarget::start(ProcessTargetSpec spec, Clock& clock) {
  for (const auto& [point, proxy] : spec.proxy_points) {
    const bool known =
        std::any_of(spec.proxies.begin(), spec.proxies.end(), [&](const auto& p) { return p.name == proxy; });
    if (!known) return Error(ErrorCode::kInvalidArgument, "fault point '" + point + "': no proxy '" + proxy + "'");
  }
  for (const auto& [point, process] : spec.process_points) {
    const bool known =
        std::any_of(spec.processes.begin(), spec.processes.end(), [&](const auto& p) { return p.name == process; });
    if (!known) return Error(ErrorCode::kInvalidArgument, "fault point '" + point + "': no process '" + process + "'");
  }
  std::unique_ptr<ProcessTarget> target(new ProcessTarget(std::move(spec), clock));
  for (const proxy::ProxySpec& p : target->spec_.proxies) {
    auto created = target->proxies_->create(p);
    if (!created.ok()) return created.error();
  }
  for (const ProcessSpec& p : target->spec_.processes) {
    auto launched = SupervisedProcess::launch(p, clock);
    if (!launched.ok()) return launched.error();
    target->processes_.push_back(std::move(*launched));
  }
  return target;
}

std::map<std::string, std::string> ProcessTarget::describe() const {
  std::map<std::string, std::string> out{{"target", spec_.name}, {"entry", spec_.entry.to_string() + spec_.path}};
  for (const ProcessSpec& p : spec_.processes) {
    std::string command = p.program.string();
    for (const std::string& a : p.args) command += " " + a;
    out["process." + p.name] = command;
  }
  for (const proxy::ProxySpec& p : spec_.proxies) out["proxy." + p.name] = p.listen + " -> " + p.upstream;
  return out;
}

CallResult ProcessTarget::call(std::uint64_t) {
  auto reply = netload::http_get(spec_.entry, spec_.path, spec_.request_timeout_ns);
  const bool ok = reply.ok() && reply->status >= 200 && reply->status < 300;
  return {ok ? CallStatus::kOk : CallStatus::kFailed, 0};
}

SupervisedProcess* ProcessTarget::process(const std::string& name) {
  for (auto& p : processes_) {
    if (p->spec().name == name) return p.get();
  }
  return nullptr;
}

void ProcessTarget::apply_proxy_effect(const std::string& proxy, const FaultEffect& effect) {
  (void)proxies_->remove_toxic(proxy, kErrorToxic);
  (void)proxies_->remove_toxic(proxy, kLatencyToxic);
  const bool down = effect.error_rate >= 1.0;
  (void)proxies_->update(proxy, proxy::ProxyUpdate{std::nullopt, std::nullopt, !down});
  if (effect.error_rate > 0 && !down) {
    proxy::Toxic reset;
    reset.name = kErrorToxic;
    reset.type = proxy::ToxicType::kResetPeer;
    reset.toxicity = effect.error_rate;
    (void)proxies_->add_toxic(proxy, reset);
  }
  if (effect.latency_ns > 0) {
    proxy::Toxic latency;
    latency.name = kLatencyToxic;
    latency.type = proxy::ToxicType::kLatency;
    latency.latency = effect.latency_ns / kNanosPerMilli;
    (void)proxies_->add_toxic(proxy, latency);
  }
}

void ProcessTarget::apply_process_effect(const std::string& name, const FaultEffect& effect) {
  SupervisedProcess* p = process(name);
  if (!p) return;
  const bool kill = effect.error_rate >= 0.5;
  const bool pause = !kill && effect.latency_ns > 0;
  if (kill) {
    if (p->running()) (void)p->stop(SIGKILL, kNanosPerSecond);
    return;
  }
  if (!p->running()) {
    (void)p->restart();
  }
  (void)(pause ? p->pause() : p->resume());
}

void ProcessTarget::apply_faults(const std::map<std::string, FaultEffect>& effects) {
  std::lock_guard lock(mutex_);
  for (const auto& [point, effect] : effects) {
    const bool mapped = spec_.proxy_points.contains(point) || spec_.process_points.contains(point);
    if (mapped && effect.active()) {
      activity_[point].point = point;
      ++activity_[point].hits;
    }
    auto previous = applied_.find(point);
    if (previous != applied_.end() && previous->second == effect) continue;
    if (previous == applied_.end() && !effect.active()) continue;  // nothing in force to change
    applied_[point] = effect;
    if (mapped) {
      activity_[point].point = point;
      ++activity_[point].fires;
    }
    if (auto proxy = spec_.proxy_points.find(point); proxy != spec_.proxy_points.end()) {
      apply_proxy_effect(proxy->second, effect);
    }
    if (auto process = spec_.process_points.find(point); process != spec_.process_points.end()) {
      apply_process_effect(process->second, effect);
    }
  }
}

std::map<std::string, double> ProcessTarget::counters() const {
  std::lock_guard lock(mutex_);
  std::map<std::string, double> out;
  for (const auto& p : processes_) {
    out[p->spec().name + ".running"] = p->running() ? 1 : 0;
    out[p->spec().name + ".starts"] = p->generation();
  }
  for (const proxy::ProxySpec& p : spec_.proxies) {
    if (auto s = proxies_->stats(p.name); s.ok()) out[p.name + ".connections"] = static_cast<double>(s->connections);
  }
  return out;
}

std::vector<FaultPointStats> ProcessTarget::fault_activity() const {
  std::lock_guard lock(mutex_);
  std::vector<FaultPointStats> out;
  for (const auto& [point, stats] : activity_) out.push_back(stats);
  return out;
}

std::string ProcessTarget::failure_tails() {
  std::lock_guard lock(mutex_);
  std::string out;
  for (auto& p : processes_) {
    if (!p->running()) out += p->spec().name + ": " + p->stderr_tail(512) + "\n";
  }
  return out;
}

}  // namespace gauntlet::chaos::process
