// Importing offline bundles with `qiaomen-county import-bundle` against a county's real store, on
// both backends: a bundle sealed to the county's bundle key (v2) round-trips; one in the old
// token-keyed format (v1) still imports, with a warning; a bundle sealed to another key, or
// altered, is refused with a sentence that says so, and nothing of it is imported. The device's
// side (export, the attack with a copy of the database) is in tests/cli/bundle_seal_test.cc.
#include <gtest/gtest.h>
#include <sodium.h>

#include <fstream>

#include "qiaomen/core/bundle/bundle_file.h"
#include "server_test_support.h"

namespace qiaomen::server {
namespace {

using testing::Backend;

const uint8_t* U8(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

// A v1 file exactly as devices wrote them before bundles were sealed: the key from the token's
// SHA-256, the magic and device id as associated data, signed by the device.
std::string SealV1(const v1::Bundle& bundle, const testing::TestDevice& device) {
  std::string hash(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<uint8_t*>(hash.data()), U8(device.token()),
                     device.token().size());
  auto key = core::bundle::KeyFromTokenHash({U8(hash), hash.size()});
  std::string file = "QMBUNDL1" + bundle.device_id();
  std::string nonce(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, '\0');
  randombytes_buf(nonce.data(), nonce.size());
  std::string plain = bundle.SerializeAsString();
  std::string cipher(plain.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long cipher_len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(reinterpret_cast<uint8_t*>(cipher.data()), &cipher_len,
                                             U8(plain), plain.size(), U8(file), file.size(),
                                             nullptr, U8(nonce), key.data());
  file += nonce + cipher.substr(0, cipher_len);
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<uint8_t*>(sig.data()), nullptr, U8(file), file.size(),
                       U8(device.secret_key()));
  return file + sig;
}

std::string SealV2(const v1::Bundle& bundle, const testing::TestDevice& device,
                   const std::string& county_public_key) {
  auto file = core::bundle::SealBundle(bundle, {U8(county_public_key), county_public_key.size()},
                                       std::span<const uint8_t, 64>(U8(device.secret_key()), 64));
  EXPECT_TRUE(file.ok()) << file.status().ToString();
  return file.value_or("");
}

// Re-signs `file` (whose last 64 bytes are the signature) with the device's key: a device, or
// whoever holds its key, altering its own bundle.
std::string Resign(std::string file, const testing::TestDevice& device) {
  file.resize(file.size() - crypto_sign_BYTES);
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<uint8_t*>(sig.data()), nullptr, U8(file), file.size(),
                       U8(device.secret_key()));
  return file + sig;
}

class BundleSealTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    ASSERT_TRUE(env_->PublishTemplate("household_check").ok());
    StartServer();
    auto code = env_->AddWorkerWithCode("w-bundle", "grid_worker", std::string("grids:") + kGridA);
    ASSERT_TRUE(code.ok()) << code.status().ToString();
    auto enrolled = device_.Enroll(server_->port(), *code);
    ASSERT_TRUE(enrolled.ok()) << enrolled.status().ToString();
    county_key_ = enrolled->county_bundle_key();
    h001_ = testing::FindSubjectId(PullAll(device_), "H-001");
    ASSERT_FALSE(h001_.empty());
  }

  // A bundle of this device holding one signed visit of H-001 (the device's next seq).
  v1::Bundle VisitBundle() {
    v1::Bundle bundle;
    bundle.set_device_id(device_.device_id());
    bundle.set_worker_id(device_.worker_id());
    bundle.set_created_at_ms(1'764'291'900'000);
    *bundle.add_changes() = device_.NewVisit(h001_, "household_check");
    return bundle;
  }

  testing::CommandResult Import(const std::string& file, const std::string& name = "b.qmb") {
    std::string path = env_->dir().Join(name);
    std::ofstream(path, std::ios::binary) << file;
    return env_->Run({"import-bundle", "--lang=en", path});
  }

  testing::TestDevice device_;
  std::string county_key_;
  std::string h001_;
};

TEST_P(BundleSealTest, DevicesReceiveTheCountyKeyAtEnrolmentAndWithEverySync) {
  ASSERT_EQ(county_key_.size(), 32u);
  auto synced = device_.Sync(server_->port(), {});
  ASSERT_TRUE(synced.ok()) << synced.status().ToString();
  EXPECT_EQ(synced->county_bundle_key(), county_key_);
  auto shown = env_->Run({"bundle-key"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find(env_->data_dir() + "/data/county-bundle.key"), std::string::npos)
      << shown.out;
}

TEST_P(BundleSealTest, ASealedBundleImportsOnceThroughTheCountyCommand) {
  std::string file = SealV2(VisitBundle(), device_, county_key_);
  EXPECT_EQ(file.substr(0, 8), "QMBUNDL2");
  auto imported = Import(file);
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find(": 1 changes applied, 0 already here, 0 rejected"), std::string::npos)
      << imported.out;
  EXPECT_EQ(imported.out.find("Warning"), std::string::npos) << imported.out;
  auto again = Import(file);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find(": 0 changes applied, 1 already here"), std::string::npos) << again.out;
}

TEST_P(BundleSealTest, AnOldFormatBundleStillImportsWithAWarning) {
  auto imported = Import(SealV1(VisitBundle(), device_));
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find("Warning: "), std::string::npos) << imported.out;
  EXPECT_NE(imported.out.find("old-format bundle, keyed from the device's token"),
            std::string::npos)
      << imported.out;
  EXPECT_NE(imported.out.find(": 1 changes applied"), std::string::npos) << imported.out;
}

TEST_P(BundleSealTest, ABundleSealedToAnotherCountyKeyImportsNothing) {
  auto other = core::bundle::NewCountyKeyPair();
  ASSERT_TRUE(other.ok());
  std::string other_key(reinterpret_cast<const char*>(other->public_key.data()), 32);
  v1::Bundle bundle = VisitBundle();
  auto refused = Import(SealV2(bundle, device_, other_key));
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("sealed to another county bundle key than this server's"),
            std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("Nothing was imported"), std::string::npos) << refused.err;
  // The same change sealed to this county applies now: nothing of it was kept before.
  auto imported = Import(SealV2(bundle, device_, county_key_));
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find(": 1 changes applied"), std::string::npos) << imported.out;
}

TEST_P(BundleSealTest, AnAlteredBundleImportsNothing) {
  v1::Bundle bundle = VisitBundle();
  std::string file = SealV2(bundle, device_, county_key_);
  const size_t sealed_key_at = 8 + 16, cipher_at = 8 + 16 + 80 + 24;
  for (size_t at : {sealed_key_at + 5, cipher_at + 3, file.size() - 70}) {
    std::string altered = file;
    altered[at] = static_cast<char>(altered[at] ^ 0x01);
    auto refused = Import(altered);
    EXPECT_NE(refused.exit_code, 0) << "byte " << at;
    EXPECT_NE(refused.err.find("signature does not match"), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find("Nothing was imported"), std::string::npos) << refused.err;
    // Altered and signed again with the device's own key: the sealed key or the contents no
    // longer open.
    auto resigned = Import(Resign(altered, device_));
    EXPECT_NE(resigned.exit_code, 0) << "byte " << at;
    EXPECT_NE(resigned.err.find("Nothing was imported"), std::string::npos) << resigned.err;
    EXPECT_EQ(resigned.out.find("changes applied"), std::string::npos) << resigned.out;
  }
  auto imported = Import(file);
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find(": 1 changes applied"), std::string::npos) << imported.out;
}

INSTANTIATE_TEST_SUITE_P(Backends, BundleSealTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), ParamName);

}  // namespace
}  // namespace qiaomen::server
