#pragma once
// A prepared SQLite statement that finalizes itself; errors stick (ok()).
#include <sqlite3.h>

#include "gauntlet/harness/utf8.h"

#include <cstdint>
#include <string>

namespace gauntlet::records::detail {

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    prepared_ = ok_ = sqlite3_prepare_v2(db, sql, -1, &st_, nullptr) == SQLITE_OK;
  }
  ~Statement() { sqlite3_finalize(st_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const noexcept { return ok_; }
  /// False when the SQL did not compile against this database (a table or
  /// column it names is missing).
  bool prepared() const noexcept { return prepared_; }

  Statement& bind(int i, std::int64_t v) { return check(sqlite3_bind_int64(st_, i, v)); }
  Statement& bind(int i, double v) { return check(sqlite3_bind_double(st_, i, v)); }
  Statement& bind(int i, const std::string& v) {
    return check(sqlite3_bind_text(st_, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
  }
  /// Empty text as SQL NULL (a UNIQUE column holds any number of NULLs).
  Statement& bind_or_null(int i, const std::string& v) {
    return v.empty() ? check(sqlite3_bind_null(st_, i)) : bind(i, v);
  }

  /// True while a row is available; sets !ok() on error.
  bool step() {
    if (!ok_) return false;
    const int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) ok_ = false;
    return false;
  }
  /// Runs a statement that returns no rows; true on success.
  bool done() {
    if (!ok_) return false;
    ok_ = sqlite3_step(st_) == SQLITE_DONE;
    return ok_;
  }
  void reset() {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
  }

  int int_at(int c) const { return sqlite3_column_int(st_, c); }
  std::int64_t int64_at(int c) const { return sqlite3_column_int64(st_, c); }
  double double_at(int c) const { return sqlite3_column_double(st_, c); }
  // Text as UTF-8 whatever the database holds (a row written by an older
  // build or another tool): ill-formed bytes become U+FFFD.
  std::string text_at(int c) const {
    const auto* t = sqlite3_column_text(st_, c);
    return t ? sanitize_utf8(reinterpret_cast<const char*>(t)) : "";
  }

 private:
  Statement& check(int rc) {
    if (rc != SQLITE_OK) ok_ = false;
    return *this;
  }
  sqlite3_stmt* st_ = nullptr;
  bool ok_ = false;
  bool prepared_ = false;
};

}  // namespace gauntlet::records::detail
