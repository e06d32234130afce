#pragma once
// One libpq connection with parameterized queries whose failures come back
// as errors naming the history's location.
#include "gauntlet/harness/error.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct pg_conn;
struct pg_result;

namespace gauntlet::records::detail {

/// A query's rows, as text (libpq's text format).
class PgRows {
 public:
  explicit PgRows(pg_result* r) : result_(r) {}
  int size() const;
  bool null_at(int row, int col) const;
  /// UTF-8 whatever the server sent (a SQL_ASCII database holds any bytes).
  std::string text_at(int row, int col) const;
  std::int64_t int64_at(int row, int col) const;
  double double_at(int row, int col) const;

 private:
  struct Clear {
    void operator()(pg_result* r) const;
  };
  std::unique_ptr<pg_result, Clear> result_;
};

/// A query parameter: text, or SQL NULL.
using PgParam = std::optional<std::string>;

class PgSession {
 public:
  /// Connects to `uri` ("postgresql://" alone: libpq's defaults and the PG*
  /// environment). kUnavailable with libpq's reason when it cannot.
  static Result<PgSession> connect(const std::string& uri, const std::string& location);

  /// Runs one statement (several, separated by `;`, when there are no
  /// parameters). Errors name the location and `what`: kSchemaError
  /// for a missing table or column, kIoError otherwise (the server's text).
  Result<PgRows> run(const std::string& what, const char* sql, const std::vector<PgParam>& params = {});

  /// COPY ... FROM STDIN with `data` in COPY's text format.
  Status copy_in(const std::string& what, const char* sql, const std::string& data);

  /// ROLLBACK, ignoring errors (the transaction may already be gone).
  void roll_back();

 private:
  struct Finish {
    void operator()(pg_conn* c) const;
  };
  PgSession(pg_conn* c, std::string location) : conn_(c), location_(std::move(location)) {}
  Error failure(const std::string& what, pg_result* r) const;

  std::unique_ptr<pg_conn, Finish> conn_;
  std::string location_;
};

/// `text` escaped for a COPY text-format field.
void append_copy_field(std::string& out, const std::string& text);

/// A double as the shortest text that reads back as the same double.
std::string exact_text(double value);

/// `uri` without its password (user:password@ and password=...).
std::string redact_password(const std::string& uri);

}  // namespace gauntlet::records::detail
