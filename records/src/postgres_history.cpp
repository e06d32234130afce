// Recording and reading runs in the PostgreSQL history.
#include "postgres_history.h"

#include "history_checks.h"

#include "gauntlet/harness/utf8.h"

#include <algorithm>
#include <cmath>

namespace gauntlet::records::detail {
namespace {

// PostgreSQL text cannot hold NUL; SQLite can. Refuse rather than truncate.
Status check_no_nul(const HistoryRun& run) {
  auto has_nul = [](const std::string& s) { return s.find('\0') != std::string::npos; };
  bool nul = has_nul(run.source) || has_nul(run.context.host_name) || has_nul(run.context.build_type) ||
             has_nul(run.context.machine);
  for (const HistorySample& s : run.samples) nul = nul || has_nul(s.benchmark) || has_nul(s.metric);
  if (!nul) return Status::Ok();
  return Error(ErrorCode::kInvalidArgument,
               "a name in the run contains a NUL character, which PostgreSQL cannot store");
}

// The samples of run `run_id` in COPY's text format.
std::string copy_rows(std::int64_t run_id, const std::vector<HistorySample>& samples) {
  const std::string id = std::to_string(run_id);
  std::string out;
  out.reserve(samples.size() * 64);
  for (const HistorySample& s : samples) {
    if (!std::isfinite(s.value)) continue;
    out += id;
    out += '\t';
    append_copy_field(out, s.benchmark);
    out += '\t';
    append_copy_field(out, s.metric);
    out += '\t';
    out += std::to_string(std::max<std::int64_t>(s.repetition, 0));
    out += '\t';
    out += exact_text(s.value);
    out += '\n';
  }
  return out;
}

}  // namespace

Result<std::int64_t> PostgresHistory::record_run(const HistoryRun& run, const Clock& clock) {
  if (Status s = check_run_text(run); !s.ok()) return s.error();
  if (Status s = check_no_nul(run); !s.ok()) return s.error();
  std::lock_guard lock(mutex_);
  const PgParam key = run.run_key.empty() ? PgParam() : PgParam(run.run_key);
  // A retry of a recorded run is answered without an insert, which would
  // spend an id of the sequence.
  if (key) {
    auto known = session_.run("cannot look up run key", "SELECT id FROM gauntlet.runs WHERE run_key = $1", {key});
    if (!known.ok()) return known.error();
    if (known->size() == 1) return known->int64_at(0, 0);
  }
  if (auto begin = session_.run("cannot start a write", "BEGIN"); !begin.ok()) return begin.error();
  auto fail = [&](Error e) {
    session_.roll_back();
    return e;
  };
  // A key another writer holds (committed, or committing now: the insert
  // waits for it) inserts nothing, and the stored run's id is read back.
  auto row = session_.run(
      "cannot record run",
      "INSERT INTO gauntlet.runs(recorded_at_ns, git_revision, label, source, host_name, num_cpus, mhz_per_cpu,"
      " build_type, run_key, machine) VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)"
      " ON CONFLICT (run_key) DO NOTHING RETURNING id",
      {std::to_string(clock.wall_ns()), run.git_revision, run.label, sanitize_utf8(run.source), run.context.host_name,
       std::to_string(run.context.num_cpus), exact_text(run.context.mhz_per_cpu), run.context.build_type, key,
       machine_class(run.context)});
  if (!row.ok()) return fail(row.error());
  if (row->size() == 0) {
    auto known = session_.run("cannot look up run key", "SELECT id FROM gauntlet.runs WHERE run_key = $1", {key});
    if (!known.ok()) return fail(known.error());
    session_.roll_back();
    if (known->size() != 1)
      return Error(ErrorCode::kIoError, location_ + ": run key \"" + run.run_key + "\" vanished while recording");
    return known->int64_at(0, 0);
  }
  const std::int64_t run_id = row->int64_at(0, 0);
  if (Status s = session_.copy_in("cannot record samples",
                                  "COPY gauntlet.samples(run_id, benchmark, metric, repetition, value) FROM STDIN",
                                  copy_rows(run_id, run.samples));
      !s.ok())
    return fail(s.error());
  if (auto commit = session_.run("cannot commit run", "COMMIT"); !commit.ok()) return fail(commit.error());
  return run_id;
}

Result<std::vector<RecordedRun>> PostgresHistory::runs(int limit) const {
  std::lock_guard lock(mutex_);
  auto rows = session_.run("cannot read runs",
                           "SELECT id, recorded_at_ns, run_key, git_revision, label, source, host_name, num_cpus,"
                           " mhz_per_cpu, build_type, machine FROM gauntlet.runs ORDER BY id DESC LIMIT $1",
                           {std::to_string(std::max(limit, 0))});
  if (!rows.ok()) return rows.error();
  std::vector<RecordedRun> out;
  for (int i = 0; i < rows->size(); ++i) {
    RecordedRun r{rows->int64_at(i, 0),
                  rows->int64_at(i, 1),
                  rows->text_at(i, 2),
                  rows->text_at(i, 3),
                  rows->text_at(i, 4),
                  rows->text_at(i, 5),
                  {}};
    r.context = {rows->text_at(i, 6), rows->int64_at(i, 7), rows->double_at(i, 8), rows->text_at(i, 9),
                 rows->text_at(i, 10)};
    if (r.context.machine.empty()) r.context.machine = r.context.host_name;
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<std::string>> PostgresHistory::names(const char* what, const char* sql,
                                                        const std::vector<PgParam>& params) const {
  std::lock_guard lock(mutex_);
  auto rows = session_.run(what, sql, params);
  if (!rows.ok()) return rows.error();
  std::vector<std::string> out;
  for (int i = 0; i < rows->size(); ++i) out.push_back(rows->text_at(i, 0));
  return out;
}

// Names sort by bytes (COLLATE "C"), as SQLite sorts them, whatever the
// database's collation: both stores list in the same order.
Result<std::vector<std::string>> PostgresHistory::benchmarks(const std::string& metric) const {
  return names("cannot read benchmarks",
               "SELECT DISTINCT benchmark COLLATE \"C\" FROM gauntlet.samples WHERE metric = $1 ORDER BY 1", {metric});
}

Result<std::vector<std::string>> PostgresHistory::metrics() const {
  return names("cannot read metrics",
               "SELECT metric FROM gauntlet.samples GROUP BY metric ORDER BY COUNT(*) DESC, metric COLLATE \"C\"", {});
}

Result<std::vector<RunValue>> PostgresHistory::values(const std::string& benchmark, const std::string& metric,
                                                      const std::string& machine) const {
  std::lock_guard lock(mutex_);
  auto rows = session_.run("cannot read series",
                           "SELECT s.run_id, r.git_revision, s.value FROM gauntlet.samples s"
                           " JOIN gauntlet.runs r ON r.id = s.run_id WHERE s.benchmark = $1 AND s.metric = $2"
                           " AND ($3 = '' OR r.machine = $3) ORDER BY s.run_id",
                           {benchmark, metric, machine});
  if (!rows.ok()) return rows.error();
  std::vector<RunValue> out;
  out.reserve(static_cast<std::size_t>(rows->size()));
  for (int i = 0; i < rows->size(); ++i)
    out.push_back({rows->int64_at(i, 0), rows->text_at(i, 1), rows->double_at(i, 2)});
  return out;
}

Result<std::vector<HistorySample>> PostgresHistory::samples(std::int64_t run_id) const {
  std::lock_guard lock(mutex_);
  auto rows = session_.run("cannot read samples",
                           "SELECT benchmark, metric, repetition, value FROM gauntlet.samples WHERE run_id = $1"
                           " ORDER BY benchmark COLLATE \"C\", metric COLLATE \"C\", repetition",
                           {std::to_string(run_id)});
  if (!rows.ok()) return rows.error();
  std::vector<HistorySample> out;
  for (int i = 0; i < rows->size(); ++i)
    out.push_back({rows->text_at(i, 0), rows->text_at(i, 1), rows->int64_at(i, 2), rows->double_at(i, 3)});
  return out;
}

}  // namespace gauntlet::records::detail
