// Fuzz target: a history database as `gauntlet report` reads it (read-only),
// then the writers' trend charts.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "gauntlet/reports/history.h"
#include "write_all.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace gauntlet::reports;
  static const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                            ("gauntlet_fuzz_report_history_" + std::to_string(::getpid()) + ".sqlite");
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  auto series = read_history(path);
  // The database and what SQLite may have made beside it (a WAL-mode input
  // leaves -wal and -shm files): nothing stays behind after a campaign.
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path.string() + suffix, ignored);
  if (!series.ok()) return 0;
  Report report;
  report.history = std::move(*series);
  fuzz::write_all(report);
  return 0;
}
