// Text from user code that is not UTF-8 is either refused by the registry or
// replaced by the JSON snapshot writer; it never aborts the writer.
#include <gtest/gtest.h>

#include "gauntlet/harness/metrics/exposition.h"
#include "gauntlet/harness/metrics/registry.h"
#include "gauntlet/harness/utf8.h"

namespace gauntlet::metrics {
namespace {

TEST(JsonSnapshotUtf8Test, IllFormedLabelValuesAreReplacedNotThrown) {
  Registry r;
  auto family = r.counter_family("requests_total", "Requests.", {"route"});
  ASSERT_TRUE(family.ok());
  auto counter = (*family)->with({{"route", "/caf\xC3("}});
  if (counter.ok()) (*counter)->inc();
  auto help = r.counter("jobs_total", "Jobs caf\xC3( done.");
  if (help.ok()) (*help)->inc();
  std::string json;
  ASSERT_NO_THROW(json = to_json(r.snapshot()));
  EXPECT_TRUE(is_valid_utf8(json)) << json;
}

}  // namespace
}  // namespace gauntlet::metrics
