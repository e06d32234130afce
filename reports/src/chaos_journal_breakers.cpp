// Breaker state bands. From the breaker transitions when there are any: each
// breaker starts CLOSED (or in its first transition's "from" state) and changes
// at each transition. Otherwise from the states the timeline sampled (a target
// whose breakers never changed state). No breakers anywhere: no bands.
#include <algorithm>
#include <cctype>
#include <map>

#include "chaos_journal_parts.h"

namespace gauntlet::reports::detail {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

struct Held {
  std::string state;
  double since;
};

std::vector<BreakerBand> from_transitions(const std::vector<records::JournalBreakerTransition>& transitions,
                                          double duration_s) {
  std::vector<BreakerBand> bands;
  std::map<std::string, Held> current;
  for (const records::JournalBreakerTransition& t : transitions) {
    const double at = seconds(t.t);
    auto it = current.find(t.breaker);
    if (it == current.end()) {
      it = current.emplace(t.breaker, Held{t.from.empty() ? "closed" : lower(t.from), 0.0}).first;
    }
    if (at > it->second.since) bands.push_back({t.breaker, it->second.state, it->second.since, at});
    it->second = Held{lower(t.to), at};
  }
  for (const auto& [breaker, held] : current) {
    bands.push_back({breaker, held.state, held.since, std::max(held.since, duration_s)});
  }
  return bands;
}

// Sample k covers [t(k-1), t(k)), the first from 0.
std::vector<BreakerBand> from_samples(const std::vector<records::JournalSample>& timeline) {
  std::vector<BreakerBand> bands;
  std::map<std::string, Held> current;
  double previous_t = 0;
  for (const records::JournalSample& s : timeline) {
    for (const auto& [breaker, state] : s.breakers) {
      std::string now = lower(state);
      auto it = current.find(breaker);
      if (it == current.end()) {
        current.emplace(breaker, Held{now, previous_t});
      } else if (it->second.state != now) {
        bands.push_back({breaker, it->second.state, it->second.since, previous_t});
        it->second = Held{now, previous_t};
      }
    }
    previous_t = seconds(s.t);
  }
  for (const auto& [breaker, held] : current) {
    bands.push_back({breaker, held.state, held.since, std::max(held.since, previous_t)});
  }
  return bands;
}

}  // namespace

std::vector<BreakerBand> breaker_bands(const records::Journal& journal, double duration_s) {
  std::vector<BreakerBand> bands = journal.breaker_transitions.empty()
                                       ? from_samples(journal.timeline)
                                       : from_transitions(journal.breaker_transitions, duration_s);
  // Worst states drawn last so they stay visible where breakers overlap.
  auto rank = [](const std::string& state) { return state == "closed" ? 0 : state == "half_open" ? 1 : 2; };
  std::stable_sort(bands.begin(), bands.end(),
                   [&](const BreakerBand& a, const BreakerBand& b) { return rank(a.state) < rank(b.state); });
  return bands;
}

}  // namespace gauntlet::reports::detail
