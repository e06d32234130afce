// Breaker state bands. From `breaker_transitions` when there are any: each
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

Status from_transitions(const FieldsList& rows, ChaosJournal& j) {
  std::map<std::string, Held> current;
  for (const Fields& f : rows) {
    Result<std::string> breaker = f.string("breaker");
    if (!breaker) return breaker.error();
    Result<std::string> to = f.string("to");
    if (!to) return to.error();
    Result<double> t = seconds(f, "t_ms");
    if (!t) return t.error();
    auto it = current.find(*breaker);
    if (it == current.end()) it = current.emplace(*breaker, Held{lower(f.string_or("from", "CLOSED")), 0.0}).first;
    if (*t > it->second.since) j.breaker_bands.push_back({*breaker, it->second.state, it->second.since, *t});
    it->second = Held{lower(*to), *t};
  }
  for (const auto& [breaker, held] : current) {
    j.breaker_bands.push_back({breaker, held.state, held.since, std::max(held.since, j.duration_s)});
  }
  return Status::Ok();
}

// Sample k covers [t(k-1), t(k)), the first from 0.
Status from_samples(const Fields& root, ChaosJournal& j) {
  Result<FieldsList> rows = root.array_or_empty("timeline");
  if (!rows) return rows.error();
  std::map<std::string, Held> current;
  double previous_t = 0;
  for (const Fields& f : *rows) {
    Result<double> t = seconds(f, "t_ms");
    if (!t) return t.error();
    if (f.has("breakers") && !f.node()["breakers"].is_null()) {
      const nlohmann::json& states = f.node()["breakers"];
      if (!states.is_object()) return f.error("breakers", std::string("expected an object, got ") + states.type_name());
      for (const auto& [breaker, state] : states.items()) {
        if (!state.is_string()) return f.error("breakers", "\"" + breaker + "\": expected a state name");
        std::string now = lower(state.get<std::string>());
        auto it = current.find(breaker);
        if (it == current.end()) {
          current.emplace(breaker, Held{now, previous_t});
        } else if (it->second.state != now) {
          j.breaker_bands.push_back({breaker, it->second.state, it->second.since, previous_t});
          it->second = Held{now, previous_t};
        }
      }
    }
    previous_t = *t;
  }
  for (const auto& [breaker, held] : current) {
    j.breaker_bands.push_back({breaker, held.state, held.since, std::max(held.since, previous_t)});
  }
  return Status::Ok();
}

}  // namespace

Status read_breakers(const Fields& root, ChaosJournal& j) {
  Result<FieldsList> rows = root.array_or_empty("breaker_transitions");
  if (!rows) return rows.error();
  Status s = rows->empty() ? from_samples(root, j) : from_transitions(*rows, j);
  if (!s) return s;
  // Worst states drawn last so they stay visible where breakers overlap.
  auto rank = [](const std::string& state) { return state == "closed" ? 0 : state == "half_open" ? 1 : 2; };
  std::stable_sort(j.breaker_bands.begin(), j.breaker_bands.end(),
                   [&](const BreakerBand& a, const BreakerBand& b) { return rank(a.state) < rank(b.state); });
  return Status::Ok();
}

}  // namespace gauntlet::reports::detail
