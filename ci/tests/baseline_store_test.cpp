#include "gauntlet/ci/baseline_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "gauntlet/harness/testing/status_matchers.h"

#include <filesystem>
#include <fstream>

namespace gauntlet::ci {
namespace {

class BaselineStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("gauntlet_baselines_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string data(const std::string& n) const { return std::string(GAUNTLET_SOURCE_DIR) + "/ci/tests/data/" + n; }
  std::filesystem::path dir_;
};

TEST_F(BaselineStoreTest, SaveLoadPromote) {
  BaselineStore store((dir_ / "b").string());
  ASSERT_TRUE(store.save("candidate", data("full_run.json")).ok());
  auto loaded = store.load("candidate");
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->context.host_name, "ci-runner-1");
  ASSERT_TRUE(store.promote("candidate", "main").ok());
  EXPECT_EQ(store.names(), (std::vector<std::string>{"candidate", "main"}));
  for (const auto& e : std::filesystem::directory_iterator(dir_ / "b"))
    EXPECT_EQ(e.path().string().find(".tmp."), std::string::npos) << "temp file left: " << e.path();
}

TEST_F(BaselineStoreTest, BadInputLeavesExistingBaselineUntouched) {
  BaselineStore store((dir_ / "b").string());
  ASSERT_TRUE(store.save("main", data("full_run.json")).ok());
  Status s = store.save("main", data("truncated.json"));
  ASSERT_THAT(s, matchers::StatusIs(ErrorCode::kParseError));
  auto still = store.load("main");
  ASSERT_TRUE(still.ok());
  EXPECT_EQ(still->rows.size(), 10u);
}

TEST_F(BaselineStoreTest, RejectsBadNamesAndMissingBaselines) {
  BaselineStore store((dir_ / "b").string());
  EXPECT_THAT(store.save("../evil", data("full_run.json")), matchers::StatusIs(ErrorCode::kInvalidArgument));
  EXPECT_THAT(store.save(".hidden", data("full_run.json")), matchers::StatusIs(ErrorCode::kInvalidArgument));
  EXPECT_THAT(store.load("nope"), matchers::StatusIs(ErrorCode::kNotFound));
  EXPECT_THAT(store.promote("nope", "main"), matchers::StatusIs(ErrorCode::kNotFound));
}

}  // namespace
}  // namespace gauntlet::ci
