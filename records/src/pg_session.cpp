#include "pg_session.h"

#include "gauntlet/harness/utf8.h"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>

namespace gauntlet::records::detail {
namespace {

// The server's message is multi-line (DETAIL, HINT): keep its first line.
std::string first_line(const char* text) {
  std::string s = text ? text : "";
  const std::size_t nl = s.find('\n');
  return sanitize_utf8(nl == std::string::npos ? s : s.substr(0, nl));
}

}  // namespace

void PgRows::Clear::operator()(pg_result* r) const { PQclear(r); }
int PgRows::size() const { return PQntuples(result_.get()); }
bool PgRows::null_at(int row, int col) const { return PQgetisnull(result_.get(), row, col) != 0; }
std::string PgRows::text_at(int row, int col) const {
  return sanitize_utf8(
      std::string(PQgetvalue(result_.get(), row, col), static_cast<std::size_t>(PQgetlength(result_.get(), row, col))));
}
std::int64_t PgRows::int64_at(int row, int col) const {
  return std::strtoll(PQgetvalue(result_.get(), row, col), nullptr, 10);
}
double PgRows::double_at(int row, int col) const { return std::strtod(PQgetvalue(result_.get(), row, col), nullptr); }

void PgSession::Finish::operator()(pg_conn* c) const { PQfinish(c); }

Result<PgSession> PgSession::connect(const std::string& uri, const std::string& location) {
  PGconn* c = PQconnectdb(uri.c_str());
  PgSession session(c, location);
  if (c == nullptr) return Error(ErrorCode::kUnavailable, location + ": cannot connect: out of memory");
  if (PQstatus(c) != CONNECTION_OK)
    return Error(ErrorCode::kUnavailable, location + ": cannot connect: " + first_line(PQerrorMessage(c)));
  // Every text goes both ways as UTF-8; numbers print exactly; messages stay
  // one line for the user, whatever the server's settings.
  Result<PgRows> set = session.run("cannot configure the session",
                                   "SELECT set_config('client_encoding', 'UTF8', false),"
                                   " set_config('extra_float_digits', '3', false),"
                                   " set_config('client_min_messages', 'warning', false)");
  if (!set.ok()) return set.error();
  return session;
}

Error PgSession::failure(const std::string& what, pg_result* r) const {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  const std::string message = r ? first_line(PQresultErrorMessage(r)) : first_line(PQerrorMessage(conn_.get()));
  // 42P01 undefined_table, 42703 undefined_column, 3F000 invalid_schema_name.
  const bool schema =
      state && (!std::strcmp(state, "42P01") || !std::strcmp(state, "42703") || !std::strcmp(state, "3F000"));
  return Error(schema ? ErrorCode::kSchemaError : ErrorCode::kIoError, location_ + ": " + what + ": " + message);
}

Result<PgRows> PgSession::run(const std::string& what, const char* sql, const std::vector<PgParam>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const PgParam& p : params) values.push_back(p ? p->c_str() : nullptr);
  // Without parameters the simple protocol runs it: a migration is several
  // statements.
  PGresult* r = params.empty() ? PQexec(conn_.get(), sql)
                               : PQexecParams(conn_.get(), sql, static_cast<int>(values.size()), nullptr, values.data(),
                                              nullptr, nullptr, 0);
  PgRows rows(r);  // owns the result from here, whatever its status
  const ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return failure(what, r);
  return rows;
}

Status PgSession::copy_in(const std::string& what, const char* sql, const std::string& data) {
  PGconn* c = conn_.get();
  PGresult* start = PQexec(c, sql);
  if (start == nullptr || PQresultStatus(start) != PGRES_COPY_IN) {
    Error e = failure(what, start);
    PQclear(start);
    return e;
  }
  PQclear(start);
  constexpr std::size_t kChunk = 1 << 20;
  bool sent = true;
  for (std::size_t at = 0; sent && at < data.size(); at += kChunk) {
    const std::size_t n = std::min(kChunk, data.size() - at);
    sent = PQputCopyData(c, data.data() + at, static_cast<int>(n)) == 1;
  }
  if (PQputCopyEnd(c, sent ? nullptr : "gauntlet: sending rows failed") != 1) return failure(what, nullptr);
  // The COPY's result, then nothing: drain whatever else comes.
  Status status = Status::Ok();
  while (PGresult* r = PQgetResult(c)) {
    if (status.ok() && PQresultStatus(r) != PGRES_COMMAND_OK) status = failure(what, r);
    PQclear(r);
  }
  return status;
}

void PgSession::roll_back() { PQclear(PQexec(conn_.get(), "ROLLBACK")); }

void append_copy_field(std::string& out, const std::string& text) {
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

std::string exact_text(double value) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  return ec == std::errc() ? std::string(buf, end) : std::string("NaN");
}

std::string redact_password(const std::string& uri) {
  std::string out = uri;
  // postgresql://user:secret@host -> postgresql://user@host
  const std::size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    const std::size_t authority = scheme + 3;
    const std::size_t at = out.find('@', authority);
    const std::size_t slash = out.find('/', authority);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
      const std::size_t colon = out.find(':', authority);
      if (colon != std::string::npos && colon < at) out.erase(colon, at - colon);
    }
  }
  // ...?password=secret&... -> ...?password=***&...
  for (std::size_t at = out.find("password="); at != std::string::npos; at = out.find("password=", at + 1)) {
    const std::size_t from = at + 9;
    const std::size_t end = std::min(out.find('&', from), out.size());
    out.replace(from, end - from, "***");
  }
  return out;
}

}  // namespace gauntlet::records::detail
