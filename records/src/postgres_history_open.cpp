// Opening the PostgreSQL history: connection, schema version checks and
// migrations (the same versions as the SQLite store's).
#include "history_checks.h"
#include "postgres_history.h"

#include <iterator>

namespace gauntlet::records::detail {
namespace {

// Migration i brings the schema from version i to i + 1.
constexpr const char* kMigrations[] = {
    // 0 -> 1: runs and their samples.
    "CREATE TABLE gauntlet.runs(id BIGSERIAL PRIMARY KEY, recorded_at_ns BIGINT NOT NULL,"
    " git_revision TEXT NOT NULL DEFAULT '', label TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '',"
    " host_name TEXT NOT NULL DEFAULT '', num_cpus BIGINT NOT NULL DEFAULT 0,"
    " mhz_per_cpu DOUBLE PRECISION NOT NULL DEFAULT 0, build_type TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE gauntlet.samples(run_id BIGINT NOT NULL REFERENCES gauntlet.runs(id), benchmark TEXT NOT NULL,"
    " metric TEXT NOT NULL, repetition BIGINT NOT NULL, value DOUBLE PRECISION NOT NULL);",
    // 1 -> 2: series lookups by benchmark.
    "CREATE INDEX samples_by_benchmark ON gauntlet.samples(benchmark, metric, run_id);",
    // 2 -> 3: run keys (idempotent recording) and machine classes.
    "ALTER TABLE gauntlet.runs ADD COLUMN run_key TEXT UNIQUE, ADD COLUMN machine TEXT NOT NULL DEFAULT '';"
    "UPDATE gauntlet.runs SET machine = host_name;"
    "CREATE INDEX runs_by_machine ON gauntlet.runs(machine, id);",
};
static_assert(std::size(kMigrations) == kHistorySchemaVersion);

// Serializes schema changes between every process opening this database.
constexpr const char* kLockSql = "SELECT pg_advisory_xact_lock(7346593112500146791)";

constexpr const char* kHasSchemaSql = "SELECT 1 FROM pg_namespace WHERE nspname = 'gauntlet'";
constexpr const char* kHasTableSql = "SELECT 1 FROM pg_tables WHERE schemaname = 'gauntlet' AND tablename = $1";

}  // namespace

Result<std::unique_ptr<HistoryStore>> PostgresHistory::open(const std::string& uri, HistoryAccess access) {
  const std::string location = redact_password(uri);
  Result<PgSession> session = PgSession::connect(uri, location);
  if (!session.ok()) return session.error();
  std::unique_ptr<PostgresHistory> h(new PostgresHistory(location, std::move(session).value()));
  const Status opened = access == HistoryAccess::kReadWrite ? h->migrate() : h->check_read_only();
  if (!opened.ok()) return opened.error();
  return std::unique_ptr<HistoryStore>(std::move(h));
}

Status PostgresHistory::migrate() {
  if (auto begin = session_.run("cannot start migration", "BEGIN"); !begin.ok()) return begin.error();
  auto fail = [&](Error e) {
    session_.roll_back();
    return e;
  };
  if (auto lock = session_.run("cannot lock for migration", kLockSql); !lock.ok()) return fail(lock.error());
  auto schema = session_.run("cannot read the catalog", kHasSchemaSql);
  if (!schema.ok()) return fail(schema.error());
  if (schema->size() == 0) {
    auto create = session_.run("cannot create schema gauntlet",
                               "CREATE SCHEMA gauntlet; CREATE TABLE gauntlet.schema_version(version INTEGER NOT NULL);"
                               " INSERT INTO gauntlet.schema_version VALUES(0)");
    if (!create.ok()) return fail(create.error());
  }
  auto version_table = session_.run("cannot read the catalog", kHasTableSql, {std::string("schema_version")});
  if (!version_table.ok()) return fail(version_table.error());
  if (version_table->size() == 0) return fail(not_history(location_, "schema gauntlet has no schema_version table"));
  auto version = session_.run("cannot read the schema version", "SELECT version FROM gauntlet.schema_version");
  if (!version.ok()) return fail(version.error());
  if (version->size() != 1)
    return fail(not_history(location_, "gauntlet.schema_version holds " + std::to_string(version->size()) + " rows"));
  const int from = static_cast<int>(version->int64_at(0, 0));
  if (Status s = check_schema_version(from, location_); !s.ok()) return fail(s.error());
  for (int v = from; v < kHistorySchemaVersion; ++v) {
    auto step = session_.run("migration to version " + std::to_string(v + 1) + " failed", kMigrations[v]);
    if (!step.ok()) return fail(step.error());
  }
  auto set = session_.run("cannot commit migration", "UPDATE gauntlet.schema_version SET version = $1",
                          {std::to_string(kHistorySchemaVersion)});
  if (!set.ok()) return fail(set.error());
  if (auto commit = session_.run("cannot commit migration", "COMMIT"); !commit.ok()) return fail(commit.error());
  version_ = kHistorySchemaVersion;
  return Status::Ok();
}

// Reads only what is there: an older schema is read as it is, never migrated.
Status PostgresHistory::check_read_only() {
  auto ro =
      session_.run("cannot configure the session", "SELECT set_config('default_transaction_read_only', 'on', false)");
  if (!ro.ok()) return ro.error();
  auto schema = session_.run("cannot read the catalog", kHasSchemaSql);
  if (!schema.ok()) return schema.error();
  if (schema->size() == 0)
    return Error(ErrorCode::kNotFound, location_ + ": no Gauntlet history here (no schema gauntlet)");
  auto version = session_.run("cannot read the schema version", "SELECT version FROM gauntlet.schema_version");
  if (!version.ok()) return not_history(location_, "schema gauntlet has no readable schema_version table");
  if (version->size() != 1)
    return not_history(location_, "gauntlet.schema_version holds " + std::to_string(version->size()) + " rows");
  version_ = static_cast<int>(version->int64_at(0, 0));
  if (Status s = check_schema_version(version_, location_); !s.ok()) return s;
  // The readers need version 3's columns; an older shared history is one
  // `gauntlet history` (any read-write open) away from them.
  if (version_ < kHistorySchemaVersion)
    return Error(ErrorCode::kSchemaError, location_ + ": history schema version " + std::to_string(version_) +
                                              " needs migrating; open it once read-write (gauntlet history show)");
  return Status::Ok();
}

}  // namespace gauntlet::records::detail
