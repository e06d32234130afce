#include "gauntlet/properties/step_log.h"

#include <algorithm>
#include <cstdint>
#include <sstream>

namespace gauntlet::properties {
namespace {

struct Placed {
  std::size_t thread;
  const Step* step;
};

void format_value(std::ostringstream& out, double v) {
  if (v == static_cast<double>(static_cast<long long>(v)) && v > -1e18 && v < 1e18) {
    out << static_cast<long long>(v);
  } else {
    out << v;
  }
}

void format_step(std::ostringstream& out, const Placed& p, std::int64_t origin) {
  const Step& s = *p.step;
  if (s.start_ns != 0) out << "  +" << (s.start_ns - origin) << "..+" << (s.end_ns - origin) << "ns";
  out << "  thread " << p.thread << "  " << s.op;
  if (s.has_arg && s.arg_label != nullptr) {
    out << " " << s.arg_label << "=";
    format_value(out, s.arg);
  } else if (s.has_arg) {
    out << "(";
    format_value(out, s.arg);
    out << ")";
  }
  if (s.has_observed) {
    out << " -> ";
    format_value(out, s.observed);
  }
  out << "\n";
}

/// The start of the `width` consecutive steps (by start time) that show the
/// threads overlapping: the most distinct threads, then the most switches
/// from one thread to another; the earliest such window.
std::size_t overlap_window(const std::vector<Placed>& all, std::size_t threads, std::size_t width) {
  std::vector<std::size_t> in_window(threads, 0);
  std::size_t distinct = 0, switches = 0;
  auto add = [&](std::size_t i) {
    if (in_window[all[i].thread]++ == 0) ++distinct;
  };
  auto remove = [&](std::size_t i) {
    if (--in_window[all[i].thread] == 0) --distinct;
  };
  auto switch_at = [&](std::size_t i) { return i > 0 && all[i].thread != all[i - 1].thread ? 1u : 0u; };
  for (std::size_t i = 0; i < width; ++i) {
    add(i);
    if (i > 0) switches += switch_at(i);
  }
  std::size_t best = 0, best_distinct = distinct, best_switches = switches;
  for (std::size_t b = 1; b + width <= all.size(); ++b) {
    remove(b - 1);
    switches -= switch_at(b);  // the switch into the new first step is no longer inside
    add(b + width - 1);
    switches += switch_at(b + width - 1);
    if (distinct > best_distinct || (distinct == best_distinct && switches > best_switches)) {
      best = b;
      best_distinct = distinct;
      best_switches = switches;
    }
  }
  return best;
}

/// Untimed steps have no order across threads: each thread's first steps,
/// an equal share of `max_lines` each, with a count of the rest.
void format_each_threads_first(std::ostringstream& out, const std::vector<Placed>& all, std::size_t threads,
                               std::size_t max_lines) {
  std::vector<std::size_t> total(threads, 0);
  for (const Placed& p : all) ++total[p.thread];
  const std::size_t present =
      static_cast<std::size_t>(std::count_if(total.begin(), total.end(), [](std::size_t n) { return n > 0; }));
  const std::size_t share = std::max<std::size_t>(1, max_lines / std::max<std::size_t>(present, 1));
  std::vector<std::size_t> shown(threads, 0);
  for (const Placed& p : all) {
    if (shown[p.thread] < share) {
      format_step(out, p, 0);
    } else if (shown[p.thread] == share) {
      out << "  ... " << (total[p.thread] - share) << " more steps of thread " << p.thread << " omitted ...\n";
    }
    ++shown[p.thread];
  }
}

}  // namespace

std::size_t StepLog::size() const noexcept {
  std::size_t n = 0;
  for (const auto& lane : lanes_) n += lane.size();
  return n;
}

std::string StepLog::format(std::size_t max_lines) const {
  return format_if([](const Step&) { return true; }, max_lines);
}

std::string StepLog::format_if(const std::function<bool(const Step&)>& keep, std::size_t max_lines) const {
  std::vector<Placed> all;
  all.reserve(size());
  for (std::size_t t = 0; t < lanes_.size(); ++t) {
    for (const Step& s : lanes_[t]) {
      if (keep(s)) all.push_back({t, &s});
    }
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const Placed& a, const Placed& b) { return a.step->start_ns < b.step->start_ns; });
  std::ostringstream out;
  if (all.empty()) return "  (no steps recorded)\n";
  if (!timed_) out << "  (untimed round: each thread's steps in order, thread by thread)\n";
  const std::int64_t origin = all.front().step->start_ns;
  max_lines = std::max<std::size_t>(max_lines, 2);
  if (all.size() <= max_lines) {
    for (const Placed& p : all) format_step(out, p, origin);
    return out.str();
  }
  if (!timed_) {
    format_each_threads_first(out, all, lanes_.size(), max_lines);
    return out.str();
  }
  const std::size_t begin = overlap_window(all, lanes_.size(), max_lines);
  const std::size_t end = begin + max_lines;
  if (begin > 0) out << "  ... " << begin << " earlier steps omitted ...\n";
  for (std::size_t i = begin; i < end; ++i) format_step(out, all[i], origin);
  if (end < all.size()) out << "  ... " << (all.size() - end) << " later steps omitted ...\n";
  std::vector<std::size_t> outside(lanes_.size(), 0), inside(lanes_.size(), 0);
  for (std::size_t i = 0; i < all.size(); ++i) ++(i >= begin && i < end ? inside : outside)[all[i].thread];
  for (std::size_t t = 0; t < lanes_.size(); ++t) {
    if (inside[t] == 0 && outside[t] > 0)
      out << "  (thread " << t << ": " << outside[t] << " steps, none in this window)\n";
  }
  return out.str();
}

std::vector<HistoryEvent<Step, double>> StepLog::history() const {
  return history_if([](const Step&) { return true; });
}

std::vector<HistoryEvent<Step, double>> StepLog::history_if(const std::function<bool(const Step&)>& keep) const {
  std::vector<HistoryEvent<Step, double>> out;
  for (std::size_t t = 0; t < lanes_.size(); ++t) {
    for (const Step& s : lanes_[t]) {
      if (!keep(s)) continue;
      // Widened by kClockSlackNs each way: a store can still sit in its core's
      // store buffer when the clock is read after the call, so steps on
      // different threads closer than that are not known to be ordered.
      // Program order is the history's lane order, which the search keeps;
      // pushing each step past its predecessor's widened end instead let the
      // shift pile up along a thread and order it after steps it overlapped.
      const std::int64_t invoked = s.start_ns - kClockSlackNs;
      const std::int64_t returned = s.end_ns + kClockSlackNs;
      out.push_back({static_cast<int>(t), s, s.observed, static_cast<std::uint64_t>(invoked),
                     static_cast<std::uint64_t>(returned)});
    }
  }
  return out;
}

}  // namespace gauntlet::properties
