#pragma once
/// A small linearizability search: is there a sequential order of the
/// observed operations, consistent with real time (an operation that returned
/// before another was invoked comes first), under which a sequential model
/// produces exactly the observed results? Exhaustive depth-first search; meant
/// for histories of at most about a dozen operations.
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace gauntlet::properties {

/// One completed operation as observed by a worker thread. A history lists
/// each thread's operations in the order that thread made them: program
/// order holds even where their [invoked, returned] intervals overlap.
template <typename Op, typename Res>
struct HistoryEvent {
  int thread = 0;
  Op op{};
  Res observed{};
  std::uint64_t invoked = 0;   ///< LogicalTime tick before the call
  std::uint64_t returned = 0;  ///< LogicalTime tick after the call
};

/// A sequential specification: `Res apply(State&, const Op&)`.
template <typename Model, typename State, typename Op, typename Res>
concept SequentialModel = requires(const Model& m, State& s, const Op& op) {
  { m.apply(s, op) } -> std::convertible_to<Res>;
};

/// The order (indices into `history`) that explains the observations, or
/// nullopt when none does. An operation comes after every one that returned
/// before it was invoked, and after every earlier one of its own thread.
template <typename State, typename Op, typename Res, typename Model>
requires SequentialModel<Model, State, Op, Res> std::optional<std::vector<std::size_t>> find_linearization(
    const std::vector<HistoryEvent<Op, Res>>& history, const State& initial, const Model& model) {
  const std::size_t n = history.size();
  std::vector<bool> used(n, false);
  std::vector<std::size_t> order;
  // Depth-first: pick any unused event that no unused event strictly precedes.
  auto search = [&](auto&& self, const State& state) -> bool {
    if (order.size() == n) return true;
    for (std::size_t i = 0; i < n; ++i) {
      if (used[i]) continue;
      bool minimal = true;
      for (std::size_t j = 0; j < n && minimal; ++j) {
        if (used[j] || j == i) continue;
        if (history[j].returned < history[i].invoked || (j < i && history[j].thread == history[i].thread))
          minimal = false;
      }
      if (!minimal) continue;
      State next = state;
      if (!(model.apply(next, history[i].op) == history[i].observed)) continue;
      used[i] = true;
      order.push_back(i);
      if (self(self, next)) return true;
      order.pop_back();
      used[i] = false;
    }
    return false;
  };
  if (search(search, initial)) return order;
  return std::nullopt;
}

/// Human-readable history for failure messages; `show(op, res)` formats one event.
template <typename Op, typename Res, typename Show>
std::string format_history(const std::vector<HistoryEvent<Op, Res>>& history, Show&& show) {
  std::ostringstream out;
  for (const auto& e : history) {
    out << "  thread " << e.thread << " [" << e.invoked << ", " << e.returned << "] " << show(e.op, e.observed) << "\n";
  }
  return out.str();
}

}  // namespace gauntlet::properties
