#include "gauntlet/harness/atomic_file.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gauntlet/harness/testing/status_matchers.h"

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>

namespace gauntlet {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("gauntlet_atomic_file_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(AtomicFileTest, ReplacesContentAndLeavesNoTempFile) {
  const fs::path path = dir_ / "out.json";
  ASSERT_TRUE(write_file_atomically(path, "first\n").ok());
  ASSERT_TRUE(write_file_atomically(path, "second\n").ok());
  EXPECT_EQ(read(path), "second\n");
  int entries = 0;
  for (const auto& entry : fs::directory_iterator(dir_)) {
    ++entries;
    EXPECT_EQ(entry.path().filename(), "out.json") << "unexpected file: " << entry.path();
  }
  EXPECT_EQ(entries, 1);
}

TEST_F(AtomicFileTest, MissingDirectoryIsAnIoErrorNamingThePath) {
  Status bad = write_file_atomically(dir_ / "no_such_dir" / "x.json", "x");
  EXPECT_THAT(bad, matchers::StatusIs(ErrorCode::kIoError, ::testing::HasSubstr("no_such_dir")));
}

TEST_F(AtomicFileTest, FailedRenameKeepsTheOldFileAndRemovesTheTemp) {
  const fs::path path = dir_ / "target";
  fs::create_directories(path / "occupied");  // a non-empty directory cannot be replaced by a file
  Status bad = write_file_atomically(path, "new");
  ASSERT_THAT(bad, matchers::StatusIs(ErrorCode::kIoError));
  EXPECT_TRUE(fs::is_directory(path / "occupied"));
  for (const auto& entry : fs::directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().string().find(".tmp"), std::string::npos) << "temp file left: " << entry.path();
  }
}

TEST_F(AtomicFileTest, AWriterKilledWhileWritingLeavesNoTempFile) {
  const fs::path path = dir_ / "big.json";
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const std::string content(std::size_t{256} << 20, 'x');
    (void)!::write(ready[1], "r", 1);
    (void)write_file_atomically(path, content);
    ::_exit(0);
  }
  char byte = 0;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ::close(ready[0]);
  ::close(ready[1]);
  for (const auto& entry : fs::directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().string().find(".tmp"), std::string::npos) << "temp file left: " << entry.path();
  }
}

}  // namespace
}  // namespace gauntlet
