#include "gauntlet/harness/tracing/ids.h"
#include "gauntlet/harness/tracing/sampler.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace gauntlet::tracing {
namespace {

TEST(IdGeneratorTest, SameSeedSameSequenceDifferentSeedDifferentSequence) {
  IdGenerator a(123), b(123), c(124);
  int same_as_c = 0;
  for (int i = 0; i < 1000; ++i) {
    const auto va = a.next();
    EXPECT_EQ(va, b.next());
    if (va == c.next()) ++same_as_c;
  }
  EXPECT_EQ(same_as_c, 0);
}

TEST(IdGeneratorTest, NeverZeroAndNoRepeatsAcrossThreads) {
  IdGenerator gen(0);  // seed 0 must not make the first ids zero
  constexpr int kThreads = 4;
  constexpr int kPerThread = 20000;
  std::vector<std::vector<std::uint64_t>> seen(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) seen[t].push_back(gen.next());
    });
  }
  for (auto& th : threads) th.join();
  std::set<std::uint64_t> all;
  for (const auto& v : seen) {
    for (auto id : v) {
      EXPECT_NE(id, 0u);
      all.insert(id);
    }
  }
  EXPECT_EQ(all.size(), static_cast<std::size_t>(kThreads * kPerThread));
}

TEST(IdGeneratorTest, InterleavedGeneratorsOnOneThreadStayDeterministic) {
  IdGenerator a(5), b(6), a2(5);
  std::vector<std::uint64_t> from_a;
  for (int i = 0; i < 200; ++i) {
    from_a.push_back(a.next());
    (void)b.next();
  }
  // a2 alone draws the same values, in order, as a interleaved with b (a's
  // blocks may skip, so compare as a subsequence of a longer a2 run).
  std::vector<std::uint64_t> from_a2;
  for (std::uint64_t i = 0; i < 200 * IdGenerator::kBlockSize; ++i) from_a2.push_back(a2.next());
  std::size_t j = 0;
  for (auto v : from_a) {
    while (j < from_a2.size() && from_a2[j] != v) ++j;
    ASSERT_LT(j, from_a2.size()) << "value not produced by the same seed";
  }
}

TEST(IdHexTest, RoundTripsAndRejectsBadText) {
  const TraceId t{0x0123456789abcdefULL, 0xfedcba9876543210ULL};
  EXPECT_EQ(t.to_hex(), "0123456789abcdeffedcba9876543210");
  EXPECT_EQ(TraceId::from_hex(t.to_hex()), t);
  EXPECT_EQ(SpanId{0xa}.to_hex(), "000000000000000a");
  EXPECT_EQ(SpanId::from_hex("000000000000000a"), SpanId{0xa});
  EXPECT_FALSE(TraceId::from_hex("0123456789ABCDEFfedcba9876543210").has_value());
  EXPECT_FALSE(SpanId::from_hex("00000000000000a").has_value());
  EXPECT_FALSE(SpanId::from_hex("000000000000000g").has_value());
}

TEST(SamplerTest, AlwaysAndNever) {
  IdGenerator gen(9);
  for (int i = 0; i < 100; ++i) {
    const TraceId id = gen.next_trace_id();
    EXPECT_TRUE(Sampler::always_on().should_sample(id));
    EXPECT_FALSE(Sampler::always_off().should_sample(id));
  }
  EXPECT_TRUE(Sampler::always_on().should_sample(TraceId{0, ~std::uint64_t{0}}));
}

TEST(SamplerTest, RatioSamplesAboutThatFractionAndIsAFunctionOfTheTraceId) {
  IdGenerator gen(2024);
  const Sampler quarter = Sampler::ratio(0.25);
  EXPECT_DOUBLE_EQ(quarter.ratio(), 0.25);
  int sampled = 0;
  constexpr int kDraws = 40000;
  for (int i = 0; i < kDraws; ++i) {
    const TraceId id = gen.next_trace_id();
    const bool s = quarter.should_sample(id);
    EXPECT_EQ(s, Sampler::ratio(0.25).should_sample(id));  // same decision everywhere
    if (s) ++sampled;
  }
  // Binomial(40000, 0.25): sd ~ 87; 6 sd either side.
  EXPECT_NEAR(sampled, kDraws / 4, 520);
}

TEST(SamplerTest, RatioIsMonotonicAndClamped) {
  const TraceId id{1, 0x4000000000000000ULL};  // low >> 1 == 2^61, i.e. 0.25 of 2^63
  EXPECT_FALSE(Sampler::ratio(0.25).should_sample(id));
  EXPECT_TRUE(Sampler::ratio(0.26).should_sample(id));
  EXPECT_DOUBLE_EQ(Sampler::ratio(7.0).ratio(), 1.0);
  EXPECT_DOUBLE_EQ(Sampler::ratio(-1.0).ratio(), 0.0);
}

}  // namespace
}  // namespace gauntlet::tracing
