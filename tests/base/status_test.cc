#include "qiaomen/base/status.h"

#include <gtest/gtest.h>

#include <memory>

namespace qiaomen::base {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return InvalidArgument("The number " + std::to_string(n) + " is odd.");
  return n / 2;
}

Result<int> Quarter(int n) {
  QM_ASSIGN_OR_RETURN(int half, Half(n));
  QM_ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

Status CheckEven(int n) {
  QM_RETURN_IF_ERROR(Half(n).status());
  return Status::Ok();
}

TEST(StatusTest, OkIsOk) {
  EXPECT_TRUE(Status::Ok().ok());
  EXPECT_EQ(Status::Ok().ToString(), "ok");
}

TEST(StatusTest, ErrorCarriesCodeAndSentence) {
  Status s = NotFound("Subject H-001 is not in this profile.");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Code::kNotFound);
  EXPECT_EQ(s.ToString(), "not_found: Subject H-001 is not in this profile.");
  EXPECT_EQ(s.WithContext("opening visit").message(),
            "opening visit: Subject H-001 is not in this profile.");
  EXPECT_TRUE(Status::Ok().WithContext("x").ok());
}

TEST(StatusTest, EveryCodeHasAName) {
  for (int c = 0; c <= static_cast<int>(Code::kInternal); ++c) {
    EXPECT_NE(CodeName(static_cast<Code>(c)), "unknown") << c;
  }
}

TEST(ResultTest, ValueAndErrorPropagate) {
  auto ok = Quarter(8);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 2);
  auto bad = Quarter(6);  // 6 -> 3, and 3 is odd
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(bad.status().message(), "The number 3 is odd.");
  EXPECT_EQ(bad.value_or(-1), -1);
  EXPECT_TRUE(CheckEven(4).ok());
  EXPECT_FALSE(CheckEven(5).ok());
}

TEST(ResultTest, HoldsMoveOnlyValues) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  ASSERT_TRUE(r.ok());
  std::unique_ptr<int> p = std::move(r).value();
  EXPECT_EQ(*p, 7);
}

}  // namespace
}  // namespace qiaomen::base
