// Copying a history from one store into another (SQLite into PostgreSQL, or
// back), idempotently.
#include "gauntlet/harness/clock.h"
#include "gauntlet/records/history_store.h"

#include <algorithm>
#include <limits>
#include <set>

namespace gauntlet::records {

Result<HistoryCopy> copy_history(const HistoryStore& from, HistoryStore& to) {
  constexpr int kAll = std::numeric_limits<int>::max();
  auto source = from.runs(kAll);
  if (!source.ok()) return source.error();
  auto present = to.runs(kAll);
  if (!present.ok()) return present.error();
  std::set<std::string> keys;
  for (const RecordedRun& r : *present)
    if (!r.run_key.empty()) keys.insert(r.run_key);
  std::reverse(source->begin(), source->end());  // oldest first
  HistoryCopy copy;
  for (const RecordedRun& r : *source) {
    HistoryRun run{r.run_key, r.git_revision, r.label, r.source, r.context, {}};
    if (run.run_key.empty()) run.run_key = "copied:" + std::to_string(r.recorded_at_ns) + ":" + std::to_string(r.id);
    if (keys.contains(run.run_key)) {
      ++copy.present;
      continue;
    }
    auto samples = from.samples(r.id);
    if (!samples.ok()) return samples.error();
    run.samples = std::move(samples).value();
    auto id = to.record_run(run, ManualClock(r.recorded_at_ns)) /* stamped when first recorded */;
    if (!id.ok()) return id.error().with_context("run " + std::to_string(r.id) + " of " + from.location());
    ++copy.copied;
  }
  return copy;
}

}  // namespace gauntlet::records
