#include "service/placeholders.h"

#include <gtest/gtest.h>

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
  EXPECT_NE(scan_placeholders("{port}", refs).error().message().find("'{port}' is unknown"), std::string::npos);
  EXPECT_NE(scan_placeholders("{port:a", refs).error().message().find("is not closed"), std::string::npos);
  EXPECT_NE(scan_placeholders("a}b", refs).error().message().find("'}' without '{'"), std::string::npos);
  EXPECT_NE(scan_placeholders("{dir:x}", refs).error().message().find("is unknown"), std::string::npos);
  auto missing = expand_placeholders("{port:nope}", PlaceholderValues{});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace gauntlet::chaos::service::detail
