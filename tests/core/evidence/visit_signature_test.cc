#include "qiaomen/core/evidence/visit_signature.h"

#include <gtest/gtest.h>
#include <sodium.h>

namespace qiaomen::core::evidence {
namespace {

class VisitSignatureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    crypto_sign_keypair(public_key_.data(), secret_key_.data());
    key_ = std::make_unique<DeviceKey>(secret_key_, public_key_);
    visit_.set_id(std::string(16, '\x01'));
    visit_.set_subject_id(std::string(16, '\x02'));
    visit_.set_template_id("household-winter");
    visit_.set_template_version(3);
    visit_.set_outcome(v1::CHECKED);
    visit_.set_note("煤炉烟道已检查");
    visit_.set_device_id(std::string(16, '\x03'));
    for (char c : {'a', 'b', 'c'}) {
      v1::PhotoRef* ref = visit_.add_photos();
      ref->set_photo_id(std::string(16, c));
      ref->set_sha256(std::string(32, c));
    }
  }

  std::array<uint8_t, 64> secret_key_{};
  std::array<uint8_t, 32> public_key_{};
  std::unique_ptr<DeviceKey> key_;
  v1::Visit visit_;
};

TEST_F(VisitSignatureTest, ASignedVisitVerifies) {
  ASSERT_TRUE(key_->SignVisit(visit_).ok());
  EXPECT_EQ(64u, visit_.device_signature().size());
  EXPECT_TRUE(VerifyVisit(visit_, public_key_).ok());
}

TEST_F(VisitSignatureTest, PhotoOrderDoesNotMatter) {
  ASSERT_TRUE(key_->SignVisit(visit_).ok());
  visit_.mutable_photos()->SwapElements(0, 2);
  EXPECT_TRUE(VerifyVisit(visit_, public_key_).ok());
}

TEST_F(VisitSignatureTest, ChangedContentOrPhotoHashFails) {
  ASSERT_TRUE(key_->SignVisit(visit_).ok());
  v1::Visit changed = visit_;
  changed.set_note("煤炉烟道未检查");
  EXPECT_EQ(Code::kUnauthenticated, VerifyVisit(changed, public_key_).code());
  changed = visit_;
  (*changed.mutable_photos(1)->mutable_sha256())[0] ^= 1;
  EXPECT_EQ(Code::kUnauthenticated, VerifyVisit(changed, public_key_).code());
  changed = visit_;
  changed.mutable_photos()->RemoveLast();
  EXPECT_EQ(Code::kUnauthenticated, VerifyVisit(changed, public_key_).code());
  changed = visit_;
  changed.set_outcome(v1::REFUSED);
  const Status status = VerifyVisit(changed, public_key_);
  EXPECT_EQ(Code::kUnauthenticated, status.code());
  EXPECT_NE(status.message().find("changed after capture"), std::string::npos);
}

TEST_F(VisitSignatureTest, AnotherDevicesKeyFails) {
  ASSERT_TRUE(key_->SignVisit(visit_).ok());
  std::array<uint8_t, 32> other_public{};
  std::array<uint8_t, 64> other_secret{};
  crypto_sign_keypair(other_public.data(), other_secret.data());
  EXPECT_EQ(Code::kUnauthenticated, VerifyVisit(visit_, other_public).code());
}

TEST_F(VisitSignatureTest, MissingSignatureOrBadInputIsInvalidArgument) {
  EXPECT_EQ(Code::kInvalidArgument, VerifyVisit(visit_, public_key_).code());
  ASSERT_TRUE(key_->SignVisit(visit_).ok());
  EXPECT_EQ(Code::kInvalidArgument,
            VerifyVisit(visit_, std::span<const uint8_t>(public_key_.data(), 31)).code());
  visit_.mutable_photos(0)->set_sha256("short");
  EXPECT_EQ(Code::kInvalidArgument, key_->SignVisit(visit_).code());
}

TEST_F(VisitSignatureTest, CanonicalBytesIgnoreTheSignatureAndPhotoOrder) {
  const std::string before = CanonicalVisitBytes(visit_);
  ASSERT_TRUE(key_->SignVisit(visit_).ok());
  visit_.mutable_photos()->SwapElements(0, 1);
  EXPECT_EQ(before, CanonicalVisitBytes(visit_));
  v1::Visit parsed;
  ASSERT_TRUE(parsed.ParseFromString(visit_.SerializeAsString()));
  EXPECT_TRUE(VerifyVisit(parsed, public_key_).ok());
}

}  // namespace
}  // namespace qiaomen::core::evidence
