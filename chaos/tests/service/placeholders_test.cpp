#include "service/placeholders.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

namespace gauntlet::chaos::service::detail {
namespace {

TEST(PlaceholdersTest, ScanCollectsNamesByKind) {
  PlaceholderRefs refs;
  ASSERT_TRUE(scan_placeholders("http://{proxy:front}/x?p={port:a}&q={port:b}&e={endpoint:db}{dir}{logs}", refs).ok());
  EXPECT_EQ(refs.ports, (std::set<std::string>{"a", "b"}));
  EXPECT_EQ(refs.proxies, (std::set<std::string>{"front"}));
  EXPECT_EQ(refs.endpoints, (std::set<std::string>{"db"}));
}

TEST(PlaceholdersTest, ExpandSubstitutesAndKeepsEscapedBraces) {
  PlaceholderValues v;
  v.ports["a"] = "4000";
  v.proxies["front"] = "127.0.0.1:5000";
  v.dir = "/srv";
  auto out = expand_placeholders(R"({dir}/x --port {port:a} --json '{{"up":"{proxy:front}"}}')", v);
  ASSERT_TRUE(out) << out.error().message();
  EXPECT_EQ(*out, R"(/srv/x --port 4000 --json '{"up":"127.0.0.1:5000"}')");
}

TEST(PlaceholdersTest, MistakesAreNamed) {
  PlaceholderRefs refs;
  EXPECT_THAT(scan_placeholders("{port}", refs),
              matchers::StatusIs(ErrorCode::kInvalidArgument, ::testing::HasSubstr("'{port}' is unknown")));
  EXPECT_THAT(scan_placeholders("{port:a", refs),
              matchers::StatusIs(ErrorCode::kInvalidArgument, ::testing::HasSubstr("is not closed")));
  EXPECT_THAT(scan_placeholders("a}b", refs),
              matchers::StatusIs(ErrorCode::kInvalidArgument, ::testing::HasSubstr("'}' without '{'")));
  EXPECT_THAT(scan_placeholders("{dir:x}", refs),
              matchers::StatusIs(ErrorCode::kInvalidArgument, ::testing::HasSubstr("is unknown")));
  EXPECT_THAT(expand_placeholders("{port:nope}", PlaceholderValues{}), matchers::StatusIs(ErrorCode::kNotFound));
}

}  // namespace
}  // namespace gauntlet::chaos::service::detail
