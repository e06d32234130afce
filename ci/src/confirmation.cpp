#include "gauntlet/ci/confirmation.h"

#include "gauntlet/ci/gate.h"
#include "gauntlet/ci/sequential_run.h"

#include <fmt/format.h>

#include <map>

namespace gauntlet::ci {
using records::BenchmarkComparison;
using records::GateResult;
using records::Verdict;

std::vector<std::string> suspects(const GateResult& separate, const GateConfig& config) {
  std::vector<std::string> out;
  for (const BenchmarkComparison& c : separate.benchmarks) {
    const bool worse = config.higher_is_better ? c.ratio < 1.0 - c.threshold : c.ratio > 1.0 + c.threshold;
    if (c.verdict == Verdict::kRegressed || (c.verdict == Verdict::kInconclusive && worse)) out.push_back(c.name);
  }
  return out;
}

void apply_confirmation(GateResult& separate, const GateResult& interleaved, const GateConfig& config) {
  std::map<std::string, const BenchmarkComparison*> confirmed;
  for (const BenchmarkComparison& c : interleaved.benchmarks) confirmed[c.name] = &c;
  int replaced = 0;
  for (BenchmarkComparison& c : separate.benchmarks) {
    const auto it = confirmed.find(c.name);
    if (it == confirmed.end()) continue;
    const std::string before(to_string(c.verdict));
    c = *it->second;
    c.separate_verdict = before;
    c.reason = "confirmed interleaved: " + c.reason;
    ++replaced;
  }
  separate.advice.push_back(
      fmt::format("{} suspect benchmark(s) re-run with both binaries interleaved; their "
                  "verdicts come from that run (the separate runs' in separate_verdict)",
                  replaced));
  tally(separate, config);
}

Result<GateResult> confirm_suspects(GateResult separate, const BenchCommand& baseline, const BenchCommand& current,
                                    const ConfirmOptions& options, const GateConfig& config) {
  const std::vector<std::string> names = suspects(separate, config);
  if (names.empty()) return separate;
  BenchRunOptions run = options.run;
  run.filter = exact_filter(names);
  auto outcome = run_until_decided(baseline, current, run, options.max_rounds, config);
  if (!outcome.ok()) return outcome.error();
  apply_confirmation(separate, outcome->result, config);
  return separate;
}

}  // namespace gauntlet::ci
