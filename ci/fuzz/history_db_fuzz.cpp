// Fuzz target: the history database reader (`gauntlet gate --history`,
// `gauntlet history show|trend`). The input is written as the database file,
// opened (and migrated, as `gauntlet` does) and read back whole.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "gauntlet/ci/history.h"
#include "gauntlet/records/history_series.h"
#include "gauntlet/records/history_store.h"

namespace {

// One file per process, rewritten for every input.
const std::string& db_path() {
  static const std::string path =
      (std::filesystem::temp_directory_path() / ("gauntlet_fuzz_history_" + std::to_string(::getpid()) + ".sqlite"))
          .string();
  return path;
}

void remove_db() {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(db_path() + suffix, ignored);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  remove_db();
  std::ofstream(db_path(), std::ios::binary)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  {
    auto history = gauntlet::records::open_history(db_path());
    if (history.ok()) {
      const gauntlet::records::HistoryStore& h = **history;
      (void)h.runs(50);
      auto names = h.benchmarks("real_time");
      if (names.ok()) {
        for (std::size_t i = 0; i < names->size() && i < 8; ++i)
          (void)gauntlet::records::history_series(h, (*names)[i], "real_time");
      }
      (void)gauntlet::ci::learn_noise_model(h, "real_time");
    }
  }
  remove_db();
  return 0;
}
