#include "gauntlet/ci/sequential_run.h"

#include "gauntlet/ci/benchmark_file.h"
#include "gauntlet/ci/gate.h"

namespace gauntlet::ci {
using records::BenchmarkComparison;
using records::GateResult;
using records::Verdict;

namespace {

Result<GateResult> judge(const BenchRunOutput& out, const GateConfig& config) {
  auto base = parse_benchmark_json(out.baseline_json, "baseline (interleaved)");
  if (!base.ok()) return base.error();
  auto cur = parse_benchmark_json(out.candidate_json, "candidate (interleaved)");
  if (!cur.ok()) return cur.error();
  return run_gate(*base, *cur, config);
}

std::vector<std::string> undecided(const GateResult& r) {
  std::vector<std::string> out;
  for (const BenchmarkComparison& c : r.benchmarks)
    if (c.verdict == Verdict::kInconclusive) out.push_back(c.name);
  return out;
}

}  // namespace

std::vector<int> planned_looks(int first, int max_rounds) {
  std::vector<int> out{first};
  while (out.back() < max_rounds) out.push_back(std::min(out.back() * 2, max_rounds));
  return out;
}

std::string exact_filter(const std::vector<std::string>& run_names) {
  std::string out = "^(";
  for (std::size_t i = 0; i < run_names.size(); ++i) {
    if (i > 0) out += '|';
    for (char ch : run_names[i]) {
      if (std::string_view("\\^$.|?*+()[]{}").find(ch) != std::string_view::npos) out += '\\';
      out += ch;
    }
  }
  return out + ")$";
}

Result<SequentialOutcome> run_until_decided(const BenchCommand& a, const BenchCommand& b,
                                            const BenchRunOptions& options, int max_rounds, const GateConfig& config) {
  if (options.rounds < 1 || options.repetitions < 1)
    return Error(ErrorCode::kInvalidArgument, "bench run: rounds and repetitions must be at least 1");
  if (max_rounds < options.rounds)
    return Error(ErrorCode::kInvalidArgument,
                 "--max-rounds " + std::to_string(max_rounds) + " is below --rounds " + std::to_string(options.rounds));
  const std::vector<int> looks = planned_looks(options.rounds, max_rounds);
  const std::vector<std::pair<std::string, std::string>> context{
      {std::string(kSequentialLooksKey), std::to_string(looks.size())}};
  SequentialOutcome out;
  out.looks_planned = static_cast<int>(looks.size());
  InterleavedRun run(a, b, options);
  std::string filter;  // empty: every benchmark (the options' filter)
  for (const int target : looks) {
    if (Status s = run.add_rounds(target - run.rounds(), filter); !s.ok()) return s.error();
    ++out.looks_taken;
    out.output = run.output(context);
    auto result = judge(out.output, config);
    if (!result.ok()) return result.error();
    out.result = std::move(result).value();
    const std::vector<std::string> open = undecided(out.result);
    if (open.empty()) break;
    filter = exact_filter(open);
  }
  return out;
}

}  // namespace gauntlet::ci
