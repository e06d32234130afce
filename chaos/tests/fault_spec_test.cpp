#include "gauntlet/chaos/fault_spec.h"

#include <gtest/gtest.h>

#include "gauntlet/harness/testing/status_matchers.h"

namespace gauntlet::chaos {
namespace {

TEST(FaultSpecTest, ParsesEveryActionWithPrefixesAndChains) {
  auto p = parse_fault_spec("20%3*print(still alive!)->50%return(-1)->delay(25)->off");
  ASSERT_TRUE(p) << p.error().to_string();
  ASSERT_EQ(p->terms.size(), 4u);
  EXPECT_DOUBLE_EQ(p->terms[0].probability, 0.2);
  EXPECT_EQ(p->terms[0].count, 3u);
  EXPECT_EQ(p->terms[0].action, FaultAction::kPrint);
  EXPECT_EQ(p->terms[0].arg, "still alive!");
  EXPECT_DOUBLE_EQ(p->terms[1].probability, 0.5);
  EXPECT_FALSE(p->terms[1].count.has_value());
  EXPECT_EQ(p->terms[1].action, FaultAction::kReturn);
  EXPECT_EQ(p->terms[1].arg, "-1");
  EXPECT_EQ(p->terms[2].action, FaultAction::kDelay);
  EXPECT_EQ(p->terms[2].millis, 25);
  EXPECT_EQ(p->terms[3].action, FaultAction::kOff);
  for (std::string_view s : {"throw(boom)", "sleep(0)", "pause", "yield", "return", "0.5%throw", "2*yield"}) {
    EXPECT_TRUE(parse_fault_spec(s)) << s;
  }
}

TEST(FaultSpecTest, CanonicalSpecRoundTrips) {
  for (std::string_view s : {"20%3*print(x)->return(7)", "delay(10)", "5*throw(a (nested) msg)->off", "pause"}) {
    auto p = parse_fault_spec(s);
    ASSERT_TRUE(p) << s;
    auto again = parse_fault_spec(p->to_spec());
    ASSERT_TRUE(again) << p->to_spec();
    EXPECT_EQ(*again, *p) << s << " -> " << p->to_spec();
  }
}

void expect_error(std::string_view spec, std::string_view fragment) {
  auto p = parse_fault_spec(spec);
  ASSERT_THAT(p, matchers::StatusIs(ErrorCode::kParseError, ::testing::HasSubstr(std::string(fragment)))) << spec;
  EXPECT_EQ(p.error().message().find('\n'), std::string::npos);
}

TEST(FaultSpecTest, MalformedSpecsNameTheColumnAndTheExpectation) {
  expect_error("", "empty spec at column 1");
  expect_error("50%retrun(1)", "unknown action 'retrun' at column 4");
  expect_error("150%return", "invalid probability '150' at column 1");
  expect_error("0*return", "invalid count '0' at column 1");
  expect_error("return(1", "unclosed '(' at column 7");
  expect_error("delay(abc)", "action 'delay' needs a duration at column 1");
  expect_error("delay", "needs a duration");
  expect_error("pause(3)", "action 'pause' takes no argument");
  expect_error("return->", "missing action at column 9");
  expect_error("return x", "unexpected character at column 8 (expected '->' or end of spec)");
  expect_error("12return", "number without '%' or '*' at column 3");
}

TEST(FaultSpecTest, ListParsingNamesTheEntry) {
  auto ok = parse_fault_list("a=return(1); b = 10%delay(5) ;;", "GAUNTLET_FAULTS");
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->size(), 2u);
  EXPECT_EQ((*ok)[1].point, "b");
  EXPECT_EQ((*ok)[1].program.terms[0].millis, 5);
  auto bad = parse_fault_list("a=return;b=nope", "GAUNTLET_FAULTS");
  EXPECT_THAT(bad, matchers::StatusIs(ErrorCode::kParseError, ::testing::HasSubstr("GAUNTLET_FAULTS entry 2 (b)")));
  auto no_eq = parse_fault_list("justaname", "GAUNTLET_FAULTS");
  EXPECT_THAT(no_eq, matchers::StatusIs(ErrorCode::kParseError, ::testing::HasSubstr("expected point=spec")));
}

}  // namespace
}  // namespace gauntlet::chaos
