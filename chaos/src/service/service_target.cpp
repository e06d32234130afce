#include "service/service_target.h"

#include <fmt/format.h>

#include <algorithm>

#include "service/http_url.h"
#include "service/steady_state_probe.h"

namespace gauntlet::chaos::service::detail {

ServiceTarget::ServiceTarget(std::shared_ptr<const ServiceDecl> decl, const RunContext& context)
    : decl_(std::move(decl)), clock_(context.clock), seed_(context.seed) {}

Result<std::unique_ptr<ServiceTarget>> ServiceTarget::start(std::shared_ptr<const ServiceDecl> decl,
                                                            const RunContext& context) {
  if (context.mode != TimeMode::kReal) {
    return Error(ErrorCode::kInvalidArgument,
                 "scenario '" + decl->scenario + "' drives real processes: real time only");
  }
  std::unique_ptr<ServiceTarget> target(new ServiceTarget(std::move(decl), context));
  auto system = RunningSystem::start(*target->decl_, target->seed_, target->clock_);
  if (!system) return system.error();
  target->system_ = std::move(*system);
  target->actuator_ = std::make_unique<FaultActuator>(*target->system_);
  target->before_ = target->probe("before");
  return target;
}

ServiceTarget::~ServiceTarget() {
  actuator_.reset();  // before the system it acts on
  system_.reset();
}

std::vector<Verdict> ServiceTarget::probe(std::string_view when) {
  std::vector<Verdict> out;
  for (const ProbeDecl& declared : decl_->probes) {
    ProbeDecl p = declared;
    auto expand_all = [&]() -> Status {
      for (std::string* s : {&p.url, &p.body_contains, &p.output_contains}) {
        auto e = system_->expand(*s);
        if (!e) return e.error();
        *s = *e;
      }
      for (std::string& part : p.command) {
        auto e = system_->expand(part);
        if (!e) return e.error();
        part = *e;
      }
      return {};
    };
    if (Status s = expand_all(); !s.ok()) {
      out.push_back({fmt::format("steady state {}: {}", when, p.name), "", false, 0, 0, s.error().message()});
      continue;
    }
    out.push_back(run_probe(p, when, decl_->dir, decl_->logs, decl_->allow_remote, clock_));
  }
  return out;
}

std::map<std::string, double> ServiceTarget::counters() const {
  auto out = system_->counters();
  out["fault_action_failures"] = static_cast<double>(actuator_->failures().size());
  return out;
}

std::vector<Verdict> ServiceTarget::finish_run() {
  actuator_->drain();
  system_->sample_memory();
  std::vector<Verdict> out = before_;
  for (auto& v : probe("after")) out.push_back(std::move(v));
  return out;
}

Result<netload::NetLoadSpec> ServiceTarget::load_spec(const LoadSpec& load, Nanos duration, Nanos origin) const {
  const LoadDecl& d = decl_->load;
  netload::NetLoadSpec spec;
  auto target = system_->expand(d.target);
  if (!target) return target.error().with_context("load.target");
  spec.protocol = d.protocol;
  spec.allow_remote = decl_->allow_remote;
  if (d.protocol == netload::Protocol::kHttp) {
    auto url = parse_http_url(*target, decl_->allow_remote, "load.target");
    if (!url) return url.error();
    spec.target = url->endpoint;
    std::string base = url->path;
    if (base.ends_with('/')) base.pop_back();
    spec.requests = d.requests;
    if (spec.requests.empty()) spec.requests.push_back({});
    for (auto& r : spec.requests) {
      for (std::string* s : {&r.path, &r.body}) {
        auto e = system_->expand(*s);
        if (!e) return e.error().with_context("load.requests");
        *s = *e;
      }
      for (auto& [name, value] : r.headers) {
        auto e = system_->expand(value);
        if (!e) return e.error().with_context("load.requests");
        value = *e;
      }
      r.path = (d.requests.empty() && !url->path.empty()) ? url->path : base + r.path;
    }
    spec.keep_alive = d.keep_alive;
    spec.ok_statuses = d.ok_statuses;
  } else {
    auto endpoint = netload::parse_endpoint(*target, decl_->allow_remote, "load.target");
    if (!endpoint) return endpoint.error();
    spec.target = *endpoint;
    auto send = system_->expand(d.send);
    auto expect = system_->expand(d.expect);
    if (!send || !expect) return Error(ErrorCode::kInvalidArgument, "load.send/expect: a placeholder names nothing");
    spec.raw_request = *send;
    spec.raw_expect = *expect;
  }
  spec.request_timeout_ns = d.timeout;
  spec.threads = d.threads;
  spec.seed = seed_;
  spec.duration_ns = std::max<Nanos>(1, duration - (clock_.now_ns() - origin));
  if (load.mode == LoopMode::kOpen) {
    spec.loop = netload::LoadLoop::kOpen;
    spec.connections = load.connections;
    spec.rate = 1;  // the bound validate() checks; rate_at gives the rate
  } else {
    spec.loop = netload::LoadLoop::kClosed;
    spec.connections = load.workers;
    if (load.ops_per_worker > 0) spec.max_requests = static_cast<std::uint64_t>(load.ops_per_worker * load.workers);
  }
  return spec;
}

Status ServiceTarget::drive_load(const LoadSpec& load, Nanos duration, Nanos origin, LoadSink& sink) {
  auto spec = load_spec(load, duration, origin);
  if (!spec) return spec.error();
  Nanos start = origin;
  const LoadPattern pattern = load.pattern;
  spec->on_start = [&start](Nanos t0) { start = t0; };
  // The pattern is over scenario time; the generator counts from its own start.
  spec->rate_at = [&start, origin, pattern](Nanos t) { return pattern.rate_at(t + (start - origin)); };
  const Nanos late_after = load.late_after;
  spec->on_complete = [&sink, origin, late_after](const netload::RequestOutcome& o) {
    sink.issued(1);
    if (o.sent - o.intended > late_after) sink.late();
    sink.completed(o.intended - origin, o.sent - origin, o.done - origin, o.ok ? CallStatus::kOk : CallStatus::kFailed,
                   o.status);
  };
  spec->on_not_sent = [&sink](std::uint64_t n) {
    sink.issued(n);
    sink.not_sent(n);
  };
  auto result = netload::run_net_load(*spec, clock_);
  if (!result) return result.error();
  return {};
}

}  // namespace gauntlet::chaos::service::detail
