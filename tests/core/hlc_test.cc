#include "qiaomen/core/hlc.h"

#include <gtest/gtest.h>

#include "qiaomen/core/uuid.h"
#include "qiaomen/testing/manual_clock.h"

namespace qiaomen::core {
namespace {

TEST(HlcTest, MonotonicWhenTheWallClockJumpsBack) {
  qiaomen::testing::ManualClock wall(1'000'000);
  HybridClock hlc(wall, 0);
  const HlcStamp a = hlc.Now();
  EXPECT_EQ(HlcMillis(a), 1'000'000);
  wall.Set(500);  // someone set the phone's date back
  const HlcStamp b = hlc.Now();
  const HlcStamp c = hlc.Now();
  EXPECT_GT(b, a);
  EXPECT_GT(c, b);
  EXPECT_EQ(HlcMillis(c), 1'000'000);
  EXPECT_EQ(HlcCounter(c), 2);
  wall.Set(2'000'000);
  EXPECT_EQ(hlc.Now(), PackHlc(2'000'000, 0));
}

TEST(HlcTest, ResumesFromThePersistedStampAfterRestart) {
  qiaomen::testing::ManualClock wall(100);
  HybridClock hlc(wall, PackHlc(5000, 7));
  EXPECT_EQ(hlc.Now(), PackHlc(5000, 8));
}

TEST(HlcTest, ObserveRatchetsForwardButRefusesFarFuture) {
  qiaomen::testing::ManualClock wall(10'000);
  HybridClock hlc(wall, 0);
  ASSERT_TRUE(hlc.Observe(PackHlc(20'000, 3)).ok());
  EXPECT_GT(hlc.Now(), PackHlc(20'000, 3));
  const HlcStamp before = hlc.last();
  const HlcStamp future = PackHlc(10'000 + 3 * 24 * 3600 * 1000LL, 0);  // a clock 3 days fast
  Status s = hlc.Observe(future);
  EXPECT_EQ(s.code(), Code::kFailedPrecondition);
  EXPECT_EQ(hlc.last(), before);
}

TEST(UuidTest, V7IsTimeOrderedAndRoundTrips) {
  qiaomen::testing::ManualClock wall(1'700'000'000'000);
  SeededRandom random(1);
  const Uuid a = Uuid::NewV7(wall, random);
  wall.Advance(1);
  const Uuid b = Uuid::NewV7(wall, random);
  EXPECT_LT(a, b);
  EXPECT_EQ(a.ToString()[14], '7');
  auto parsed = Uuid::Parse(a.ToString());
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed, a);
  EXPECT_EQ(*Uuid::FromBytes(a.ToBytes()), a);
  EXPECT_FALSE(Uuid::Parse("not-a-uuid").ok());
  EXPECT_FALSE(Uuid::FromBytes("short").ok());
  EXPECT_TRUE(Uuid().is_nil());
}

}  // namespace
}  // namespace qiaomen::core
