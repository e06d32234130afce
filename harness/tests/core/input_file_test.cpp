#include "gauntlet/harness/input_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gauntlet/harness/testing/status_matchers.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace gauntlet {
namespace {

namespace fs = std::filesystem;

class InputFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("gauntlet_input_file_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path write(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  fs::path dir_;
};

TEST_F(InputFileTest, ReadsARegularFileWhole) {
  auto text = read_input_file(write("a.json", "{\"x\": 1}\n"), "benchmark file");
  ASSERT_TRUE(text.ok()) << text.error().message();
  EXPECT_EQ(*text, "{\"x\": 1}\n");
}

TEST_F(InputFileTest, MissingFileIsNotFoundNamingThePath) {
  auto text = read_input_file(dir_ / "nope.json", "benchmark file");
  EXPECT_THAT(text,
              matchers::StatusIs(ErrorCode::kNotFound, ::testing::HasSubstr("nope.json: cannot open benchmark file")));
}

TEST_F(InputFileTest, DirectoryIsRefusedNotReadAsEmpty) {
  auto text = read_input_file(dir_, "gate config");
  EXPECT_THAT(text, matchers::StatusIs(ErrorCode::kInvalidArgument,
                                       ::testing::HasSubstr("gate config is a directory, expected a regular file")));
}

TEST_F(InputFileTest, FifoIsRefusedWithoutBlocking) {
  const fs::path fifo = dir_ / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto start = std::chrono::steady_clock::now();
  auto text = read_input_file(fifo, "scenario file");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_THAT(text, matchers::StatusIs(ErrorCode::kInvalidArgument, ::testing::HasSubstr("is a FIFO")));
}

TEST_F(InputFileTest, CharacterDeviceSuchAsDevZeroIsRefused) {
  auto text = read_input_file("/dev/zero", "benchmark file");
  EXPECT_THAT(text, matchers::StatusIs(ErrorCode::kInvalidArgument, ::testing::HasSubstr("a character device")));
}

TEST_F(InputFileTest, UnreadableProcFileIsAnIoErrorNotAnEmptyFile) {
  auto text = read_input_file("/proc/self/mem", "benchmark file");
  EXPECT_THAT(text, matchers::StatusIs(ErrorCode::kIoError,
                                       ::testing::HasSubstr("/proc/self/mem: cannot read benchmark file")));
}

TEST_F(InputFileTest, LargerThanTheCapIsOutOfRangeNamingTheLimit) {
  const fs::path p = write("big.json", std::string(2000, 'x'));
  auto text = read_input_file(p, "benchmark file", 1000);
  EXPECT_THAT(text,
              matchers::StatusIs(ErrorCode::kOutOfRange,
                                 ::testing::HasSubstr("larger than the 1000-byte limit (GAUNTLET_MAX_INPUT_BYTES)")));
  EXPECT_TRUE(read_input_file(p, "benchmark file", 2000).ok());
}

TEST_F(InputFileTest, ProcFilesWithZeroSizeAreStillBounded) {
  auto text = read_input_file("/proc/self/maps", "input", 16);
  ASSERT_THAT(text, matchers::StatusIs(ErrorCode::kOutOfRange));
}

TEST_F(InputFileTest, CapComesFromTheEnvironment) {
  ::setenv("GAUNTLET_MAX_INPUT_BYTES", "4096", 1);
  EXPECT_EQ(max_input_bytes(), 4096u);
  ::setenv("GAUNTLET_MAX_INPUT_BYTES", "lots", 1);
  EXPECT_EQ(max_input_bytes(), kDefaultMaxInputBytes);
  ::setenv("GAUNTLET_MAX_INPUT_BYTES", "0", 1);
  EXPECT_EQ(max_input_bytes(), kDefaultMaxInputBytes);
  ::unsetenv("GAUNTLET_MAX_INPUT_BYTES");
  EXPECT_EQ(max_input_bytes(), kDefaultMaxInputBytes);
}

}  // namespace
}  // namespace gauntlet
