#pragma once
// One chaos scenario in Markdown: what ran, the fault windows, the per-phase
// table and the verdicts (markdown_chaos.cpp).
#include <string>

#include "gauntlet/reports/chaos_journal.h"

namespace gauntlet::reports::detail {

/// A "###" block for `j`: verdict and run time, the fault windows, the
/// scenario's phases as a table (hypotheses about each phase in its row),
/// the other verdicts with evidence, and the re-run command when it failed.
/// Every outside string is escaped for GitHub-flavoured Markdown.
std::string chaos_markdown(const ChaosJournal& j);

}  // namespace gauntlet::reports::detail
