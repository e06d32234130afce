#pragma once
/// The failpoint action grammar of FreeBSD fail(9) and fail-rs:
///
///   spec  := term ("->" term)*
///   term  := [p "%"] [n "*"] action ["(" arg ")"]
///   action:= off | return | throw | delay | sleep | pause | yield | print
///
/// Terms are tried left to right on every hit; the first one that triggers is
/// taken. `p%` triggers with probability p (0..100, decimals allowed); `n*`
/// limits the term to n triggers. See docs/chaos.md for each action.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gauntlet/harness/error.h"

namespace gauntlet::chaos {

/// What a triggered term does at the fault site.
enum class FaultAction : std::uint8_t {
  kOff,     ///< nothing (explicitly disabled)
  kReturn,  ///< the site returns early with the term's value (GAUNTLET_FAULT_POINT_RETURN)
  kThrow,   ///< the site throws `InjectedFault` with the term's message
  kDelay,   ///< the call takes `arg` ms longer (busy wait in real time)
  kSleep,   ///< the thread sleeps `arg` ms
  kPause,   ///< the thread blocks until the point is re-armed or disarmed
  kYield,   ///< std::this_thread::yield()
  kPrint,   ///< the message goes to the registry's print sink
};

/// Stable lower-case name, e.g. "return".
std::string_view to_string(FaultAction action) noexcept;

/// One `[p%][n*]action[(arg)]` term.
struct FaultTerm {
  double probability = 1.0;            ///< 0..1
  std::optional<std::uint64_t> count;  ///< at most this many triggers
  FaultAction action = FaultAction::kOff;
  std::string arg;          ///< as written, without parentheses
  std::int64_t millis = 0;  ///< parsed arg of delay/sleep

  friend bool operator==(const FaultTerm&, const FaultTerm&) = default;
};

/// A parsed spec: the terms in order.
struct FaultProgram {
  std::vector<FaultTerm> terms;

  /// The canonical spec text (parses back to an equal program).
  std::string to_spec() const;
  friend bool operator==(const FaultProgram&, const FaultProgram&) = default;
};

/// Parses a spec. Errors are kParseError with a one-line message quoting the
/// spec and naming the column (1-based) and what was expected there.
Result<FaultProgram> parse_fault_spec(std::string_view spec);

/// One `name=spec` entry of a `;`-separated list such as GAUNTLET_FAULTS.
struct FaultArming {
  std::string point;
  FaultProgram program;
};

/// Parses "a=spec;b=spec" (empty entries are skipped). `source` names the
/// input in error messages, e.g. "GAUNTLET_FAULTS".
Result<std::vector<FaultArming>> parse_fault_list(std::string_view list, std::string_view source);

}  // namespace gauntlet::chaos
