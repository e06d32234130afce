#include "gauntlet/properties/step_log.h"

#include <algorithm>
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
  const std::size_t head = max_lines / 2;
  const std::size_t tail = max_lines - head;
  for (std::size_t i = 0; i < head; ++i) format_step(out, all[i], origin);
  out << "  ... " << (all.size() - head - tail) << " steps omitted ...\n";
  for (std::size_t i = all.size() - tail; i < all.size(); ++i) format_step(out, all[i], origin);
  return out.str();
}

std::vector<HistoryEvent<Step, double>> StepLog::history() const {
  return history_if([](const Step&) { return true; });
}

std::vector<HistoryEvent<Step, double>> StepLog::history_if(const std::function<bool(const Step&)>& keep) const {
  std::vector<HistoryEvent<Step, double>> out;
  for (std::size_t t = 0; t < lanes_.size(); ++t) {
    for (const Step& s : lanes_[t]) {
      if (keep(s)) out.push_back({static_cast<int>(t), s, s.observed, static_cast<std::uint64_t>(s.start_ns),
                     static_cast<std::uint64_t>(s.end_ns)});
    }
  }
  return out;
}

}  // namespace gauntlet::properties
