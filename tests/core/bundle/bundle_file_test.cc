// The bundle file format: v2 sealed to a county key, v1 keyed from the token hash (read only).
#include "qiaomen/core/bundle/bundle_file.h"

#include <gtest/gtest.h>
#include <sodium.h>

namespace qiaomen::core::bundle {
namespace {

struct DeviceKeys {
  DeviceKeys() { crypto_sign_keypair(public_key.data(), secret_key.data()); }
  std::array<uint8_t, 32> public_key{};
  std::array<uint8_t, 64> secret_key{};
};

v1::Bundle SampleBundle() {
  v1::Bundle bundle;
  bundle.set_device_id(std::string(16, '\x07'));
  bundle.set_worker_id("w-1");
  bundle.set_created_at_ms(42);
  auto* photo = bundle.add_photos();
  photo->set_sha256(std::string(32, 'h'));
  photo->set_data("a photo that must stay unreadable");
  return bundle;
}

TEST(BundleFileTest, ASealedBundleOpensOnlyWithTheCountySecretKey) {
  DeviceKeys device;
  auto county = NewCountyKeyPair();
  auto other = NewCountyKeyPair();
  ASSERT_TRUE(county.ok() && other.ok());
  auto file = SealBundle(SampleBundle(), county->public_key, device.secret_key);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->substr(0, 8), "QMBUNDL2");
  EXPECT_EQ(file->find("must stay unreadable"), std::string::npos);
  auto header = ReadBundleHeader(*file);
  ASSERT_TRUE(header.ok());
  EXPECT_EQ(header->format, BundleFormat::kSealed);
  EXPECT_EQ(header->device_id, SampleBundle().device_id());

  auto opened = OpenSealedBundle(*file, *county, device.public_key);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->SerializeAsString(), SampleBundle().SerializeAsString());

  auto wrong = OpenSealedBundle(*file, *other, device.public_key);
  EXPECT_EQ(wrong.status().code(), Code::kPermissionDenied) << wrong.status().ToString();
  DeviceKeys stranger;
  EXPECT_EQ(OpenSealedBundle(*file, *county, stranger.public_key).status().code(),
            Code::kUnauthenticated);
  // The token-keyed opening of v1 does not apply to a sealed file, whatever the key.
  EXPECT_EQ(OpenBundle(*file, BundleKey{}, device.public_key).status().code(),
            Code::kInvalidArgument);
}

TEST(BundleFileTest, EveryAlteredByteIsRefused) {
  DeviceKeys device;
  auto county = NewCountyKeyPair();
  ASSERT_TRUE(county.ok());
  auto file = SealBundle(SampleBundle(), county->public_key, device.secret_key);
  ASSERT_TRUE(file.ok());
  for (size_t at = 8; at < file->size(); at += 7) {
    std::string altered = *file;
    altered[at] = static_cast<char>(altered[at] ^ 0x40);
    EXPECT_FALSE(OpenSealedBundle(altered, *county, device.public_key).ok()) << "byte " << at;
  }
  EXPECT_FALSE(ReadBundleHeader(file->substr(0, 100)).ok()) << "a truncated file";
}

TEST(BundleFileTest, TheCountyKeyPairIsRebuiltFromItsSecretHalf) {
  auto county = NewCountyKeyPair();
  ASSERT_TRUE(county.ok());
  auto again = CountyKeyPairFromSecret(county->secret_key);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->public_key, county->public_key);
  EXPECT_FALSE(
      CountyKeyPairFromSecret(std::span<const uint8_t>(county->secret_key).first(31)).ok());
}

TEST(BundleFileTest, SealingNeedsAThirtyTwoByteCountyKey) {
  DeviceKeys device;
  std::array<uint8_t, 31> short_key{};
  EXPECT_EQ(SealBundle(SampleBundle(), short_key, device.secret_key).status().code(),
            Code::kInvalidArgument);
}

}  // namespace
}  // namespace qiaomen::core::bundle
