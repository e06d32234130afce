#include "gauntlet/ci/gate_rerun.h"

#include <gtest/gtest.h>

namespace gauntlet::ci {
namespace {

TEST(GateRerunTest, NamesEveryOptionThatDecidesTheVerdict) {
  GateInvocation g;
  g.baseline = "runs/base.json";
  g.current = "runs/current.json";
  g.config = "gate.yaml";
  g.metric = "cpu_time";
  g.history = "history.db";
  g.journals = {"a.json", "b.json"};
  g.strict_environment = true;
  g.fail_inconclusive = true;
  g.seed = 42;
  EXPECT_EQ(gate_rerun_line(g),
            "gauntlet gate --baseline runs/base.json --current runs/current.json --config gate.yaml --metric cpu_time "
            "--history history.db --journal a.json --journal b.json --strict-environment --fail-inconclusive "
            "--seed 42");
}

TEST(GateRerunTest, ConfirmationKeepsItsRoundsAndMinTime) {
  GateInvocation g;
  g.baseline = "b.json";
  g.current = "c.json";
  g.confirm_with = {"./bench_base", "./bench_head"};
  g.confirm.run.rounds = 6;
  g.confirm.max_rounds = 30;
  g.confirm.run.min_time = "0.05s";
  g.seed = 1;
  EXPECT_EQ(gate_rerun_line(g),
            "gauntlet gate --baseline b.json --current c.json --confirm-with ./bench_base ./bench_head "
            "--confirm-rounds 6 --confirm-max-rounds 30 --confirm-min-time 0.05s --seed 1");
}

TEST(GateRerunTest, PathsAreQuotedForTheShell) {
  GateInvocation g;
  g.baseline = "my runs/base.json";
  g.current = "it's.json";
  g.seed = 3;
  EXPECT_EQ(gate_rerun_line(g), "gauntlet gate --baseline 'my runs/base.json' --current 'it'\\''s.json' --seed 3");
}

}  // namespace
}  // namespace gauntlet::ci
