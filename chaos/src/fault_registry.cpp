#include "gauntlet/chaos/fault_registry.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <thread>

namespace gauntlet::chaos {

struct FaultRegistry::Point {
  std::string name;
  std::vector<FaultSite*> sites;
  std::optional<FaultProgram> program;
  std::vector<std::uint64_t> remaining;  // per term with a count
  std::uint64_t hits = 0;
  std::uint64_t fires = 0;
  std::uint64_t generation = 0;  // bumped on every (re)arming; wakes `pause`
};

FaultRegistry& FaultRegistry::instance() {
  static FaultRegistry registry;
  return registry;
}

FaultRegistry::Point& FaultRegistry::point_locked(std::string_view name) {
  auto it = points_.find(name);
  if (it == points_.end()) {
    auto point = std::make_unique<Point>();
    point->name = std::string(name);
    it = points_.emplace(point->name, std::move(point)).first;
  }
  return *it->second;
}

void FaultRegistry::publish_locked(Point& point) {
  point.remaining.clear();
  if (point.program) {
    for (const FaultTerm& t : point.program->terms) point.remaining.push_back(t.count.value_or(0));
  }
  ++point.generation;
  std::uint8_t state = point.program ? FaultSite::kArmed : FaultSite::kDisarmed;
  for (FaultSite* site : point.sites) site->state_.store(state, std::memory_order_relaxed);
  changed_.notify_all();
}

Status FaultRegistry::arm(std::string_view point, std::string_view spec) {
  auto program = parse_fault_spec(spec);
  if (!program) return program.error().with_context(fmt::format("fault point '{}'", point));
  arm(point, std::move(*program));
  return {};
}

void FaultRegistry::arm(std::string_view point, FaultProgram program) {
  std::lock_guard lock(mutex_);
  Point& p = point_locked(point);
  if (program.terms.empty()) {
    p.program.reset();
  } else {
    p.program = std::move(program);
  }
  publish_locked(p);
}

void FaultRegistry::disarm(std::string_view point) { arm(point, FaultProgram{}); }

void FaultRegistry::disarm_all() {
  std::lock_guard lock(mutex_);
  for (auto& [name, p] : points_) {
    p->program.reset();
    publish_locked(*p);
  }
}

Status FaultRegistry::arm_from_list(std::string_view list, std::string_view source) {
  auto armings = parse_fault_list(list, source);
  if (!armings) return armings.error();
  for (FaultArming& a : *armings) arm(a.point, std::move(a.program));
  return {};
}

Status FaultRegistry::arm_from_environment() {
  const char* value = std::getenv("GAUNTLET_FAULTS");
  if (value == nullptr) return {};
  return arm_from_list(value, "GAUNTLET_FAULTS");
}

void FaultRegistry::reset(std::uint64_t seed) {
  std::lock_guard lock(mutex_);
  seed_ = seed;
  for (auto& [name, p] : points_) {
    p->hits = 0;
    p->fires = 0;
    publish_locked(*p);
  }
}

std::uint64_t FaultRegistry::seed() const {
  std::lock_guard lock(mutex_);
  return seed_;
}

std::optional<FaultProgram> FaultRegistry::program(std::string_view point) const {
  std::lock_guard lock(mutex_);
  auto it = points_.find(point);
  if (it == points_.end()) return std::nullopt;
  return it->second->program;
}

std::vector<FaultPointStats> FaultRegistry::stats() const {
  std::lock_guard lock(mutex_);
  std::vector<FaultPointStats> out;
  for (const auto& [name, p] : points_) {
    out.push_back({name, p->hits, p->fires, p->program.has_value(), p->program ? p->program->to_spec() : ""});
  }
  return out;
}

void FaultRegistry::set_print_sink(std::function<void(std::string_view, std::string_view)> sink) {
  std::lock_guard lock(mutex_);
  print_sink_ = std::move(sink);
}

void FaultRegistry::print(std::string_view point, std::string_view message) const {
  std::function<void(std::string_view, std::string_view)> sink;
  {
    std::lock_guard lock(mutex_);
    sink = print_sink_;
  }
  if (sink) {
    sink(point, message);
  } else {
    std::fputs(fmt::format("fault point {}: {}\n", point, message).c_str(), stderr);
  }
}

FaultOutcome FaultRegistry::evaluate(FaultSite& site) {
  std::unique_lock lock(mutex_);
  Point& p = point_locked(site.name());
  if (site.state_.load(std::memory_order_relaxed) == FaultSite::kUnregistered) {
    p.sites.push_back(&site);
    site.state_.store(p.program ? FaultSite::kArmed : FaultSite::kDisarmed, std::memory_order_relaxed);
  }
  if (!p.program) return {};
  const std::uint64_t hit = p.hits++;
  const auto& terms = p.program->terms;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const FaultTerm& term = terms[i];
    if (term.count && p.remaining[i] == 0) continue;
    if (term.probability < 1.0 && detail::fault_uniform(seed_, p.name, hit, i) >= term.probability) continue;
    if (term.count) --p.remaining[i];
    if (term.action == FaultAction::kOff) return {};
    ++p.fires;
    if (term.action == FaultAction::kPause) {
      const std::uint64_t generation = p.generation;
      changed_.wait(lock, [&] { return p.generation != generation; });
      return {};
    }
    return {term.action, term.arg, term.millis * kNanosPerMilli};
  }
  return {};
}

FaultOutcome FaultSite::evaluate() { return FaultRegistry::instance().evaluate(*this); }

namespace detail {

std::uint64_t mix64(std::uint64_t x) noexcept {  // splitmix64 finaliser
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t hash_name(std::string_view name) noexcept {  // FNV-1a
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

double fault_uniform(std::uint64_t seed, std::string_view point, std::uint64_t hit, std::size_t term) noexcept {
  std::uint64_t x = mix64(seed ^ mix64(hash_name(point) ^ mix64(hit * 0x9e3779b97f4a7c15ULL + term)));
  return static_cast<double>(x >> 11) * 0x1.0p-53;
}

void perform(const char* point, const FaultOutcome& outcome) {
  switch (outcome.action) {
    case FaultAction::kDelay: {
      const Nanos until = RealClock::instance().now_ns() + outcome.delay_ns;
      while (RealClock::instance().now_ns() < until) {
      }
      break;
    }
    case FaultAction::kSleep:
      std::this_thread::sleep_for(std::chrono::nanoseconds(outcome.delay_ns));
      break;
    case FaultAction::kYield:
      std::this_thread::yield();
      break;
    case FaultAction::kPrint:
      FaultRegistry::instance().print(point, outcome.arg);
      break;
    case FaultAction::kThrow:
      throw InjectedFault(point, outcome.arg.empty() ? fmt::format("injected fault at {}", point) : outcome.arg);
    default:
      break;
  }
}

}  // namespace detail

FaultGuard::FaultGuard(std::string point, FaultProgram program)
    : point_(std::move(point)), previous_(FaultRegistry::instance().program(point_)) {
  FaultRegistry::instance().arm(point_, std::move(program));
}

Result<std::unique_ptr<FaultGuard>> FaultGuard::arm(std::string point, std::string_view spec) {
  auto program = parse_fault_spec(spec);
  if (!program) return program.error().with_context(fmt::format("fault point '{}'", point));
  return std::make_unique<FaultGuard>(std::move(point), std::move(*program));
}

FaultGuard::~FaultGuard() { FaultRegistry::instance().arm(point_, previous_.value_or(FaultProgram{})); }

}  // namespace gauntlet::chaos
