#include "qiaomen/sync/backoff.h"

#include <gtest/gtest.h>

namespace qiaomen::sync {
namespace {

TEST(BackoffTest, FullJitterStaysUnderADoublingCeilingAndTheCap) {
  core::SeededRandom random(7);
  Backoff backoff({.base_ms = 100, .cap_ms = 1000, .max_attempts = 0}, random);
  int64_t ceilings[] = {100, 200, 400, 800, 1000, 1000, 1000};
  for (int64_t ceiling : ceilings) {
    auto delay = backoff.NextDelayMs();
    ASSERT_TRUE(delay.has_value());
    EXPECT_GE(*delay, 0);
    EXPECT_LE(*delay, ceiling);
  }
}

TEST(BackoffTest, JitterSpreadsRetries) {
  core::SeededRandom random(11);
  int64_t min = INT64_MAX, max = 0;
  for (int i = 0; i < 200; ++i) {
    Backoff backoff({.base_ms = 1000, .cap_ms = 60000, .max_attempts = 0}, random);
    int64_t d = *backoff.NextDelayMs();
    min = std::min(min, d);
    max = std::max(max, d);
  }
  EXPECT_LT(min, 200);
  EXPECT_GT(max, 800);
}

TEST(BackoffTest, HonoursRetryAfterAndGivesUpAfterMaxAttempts) {
  core::SeededRandom random(3);
  Backoff backoff({.base_ms = 10, .cap_ms = 100, .max_attempts = 2}, random);
  EXPECT_EQ(backoff.NextDelayMs(5000), 5000);
  EXPECT_TRUE(backoff.NextDelayMs().has_value());
  EXPECT_FALSE(backoff.NextDelayMs().has_value());
  backoff.Reset();
  EXPECT_TRUE(backoff.NextDelayMs().has_value());
}

}  // namespace
}  // namespace qiaomen::sync
