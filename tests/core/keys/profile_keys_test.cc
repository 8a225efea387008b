#include "qiaomen/core/keys/profile_keys.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "qiaomen/core/keys/file_key_store.h"
#include "qiaomen/testing/fast_kdf.h"
#include "qiaomen/testing/temp_dir.h"

namespace qiaomen::core::keys {
namespace {

class ProfileKeysTest : public ::testing::Test {
 protected:
  KeyOptions Options(uint32_t max_attempts = 10) {
    KeyOptions options;
    options.kdf = testing::FastKdf();
    options.max_attempts = max_attempts;
    return options;
  }
  std::vector<uint8_t> FileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }

  testing::TempDir tmp_;
  std::string key_path_ = tmp_.Join("profile/profile.key");
  FileKeyStore key_store_{tmp_.Join("keystore"), SecureRandom()};
};

TEST_F(ProfileKeysTest, CreateThenUnlockGivesTheSameKeys) {
  auto created = CreateKeyFile(key_path_, "246810", Options(), key_store_, SecureRandom());
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  auto unlocked = UnlockKeyFile(key_path_, "246810", key_store_);
  ASSERT_TRUE(unlocked.ok()) << unlocked.status().ToString();
  EXPECT_EQ(0, sodium_memcmp(created->data_key().bytes().data(),
                             unlocked->data_key().bytes().data(), 32));
  EXPECT_EQ(created->signing_secret_key(), unlocked->signing_secret_key());
  EXPECT_EQ(created->signing_public_key(), unlocked->signing_public_key());
  // The key file never holds the data key or the signing secret in clear.
  const auto bytes = FileBytes(key_path_);
  const auto& key = created->data_key().bytes();
  EXPECT_EQ(std::search(bytes.begin(), bytes.end(), key.begin(), key.end()), bytes.end());
  const auto& sk = created->signing_secret_key();
  EXPECT_EQ(std::search(bytes.begin(), bytes.end(), sk.begin(), sk.begin() + 32), bytes.end());
}

TEST_F(ProfileKeysTest, KeyStoreFileIsPrivate) {
  ASSERT_TRUE(CreateKeyFile(key_path_, "246810", Options(), key_store_, SecureRandom()).ok());
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(tmp_.Join("keystore"))) {
    struct stat st {};
    ASSERT_EQ(0, ::stat(entry.path().c_str(), &st));
    EXPECT_EQ(0600u, st.st_mode & 0777u) << entry.path();
    ++files;
  }
  EXPECT_EQ(1, files);
}

TEST_F(ProfileKeysTest, CreateRefusesAnExistingKeyFileAndShortPins) {
  ASSERT_TRUE(CreateKeyFile(key_path_, "246810", Options(), key_store_, SecureRandom()).ok());
  EXPECT_EQ(
      Code::kAlreadyExists,
      CreateKeyFile(key_path_, "246810", Options(), key_store_, SecureRandom()).status().code());
  EXPECT_EQ(Code::kInvalidArgument,
            CreateKeyFile(tmp_.Join("other.key"), "12", Options(), key_store_, SecureRandom())
                .status()
                .code());
}

TEST_F(ProfileKeysTest, WrongPinSaysHowManyAttemptsRemainAndSuccessResetsTheCount) {
  ASSERT_TRUE(CreateKeyFile(key_path_, "246810", Options(), key_store_, SecureRandom()).ok());
  auto wrong = UnlockKeyFile(key_path_, "000000", key_store_);
  EXPECT_EQ(Code::kUnauthenticated, wrong.status().code());
  EXPECT_NE(wrong.status().message().find("9 attempts remain"), std::string::npos)
      << wrong.status().message();
  wrong = UnlockKeyFile(key_path_, "111111", key_store_);
  EXPECT_NE(wrong.status().message().find("8 attempts remain"), std::string::npos);
  EXPECT_EQ(2u, InspectKeyFile(key_path_)->failed_attempts);
  ASSERT_TRUE(UnlockKeyFile(key_path_, "246810", key_store_).ok());
  EXPECT_EQ(0u, InspectKeyFile(key_path_)->failed_attempts);
  wrong = UnlockKeyFile(key_path_, "000000", key_store_);
  EXPECT_NE(wrong.status().message().find("9 attempts remain"), std::string::npos);
}

TEST_F(ProfileKeysTest, TenWrongPinsDestroyTheKeys) {
  ASSERT_TRUE(CreateKeyFile(key_path_, "246810", Options(), key_store_, SecureRandom()).ok());
  for (int i = 1; i < 10; ++i) {
    EXPECT_EQ(Code::kUnauthenticated,
              UnlockKeyFile(key_path_, "999999", key_store_).status().code());
  }
  auto last = UnlockKeyFile(key_path_, "999999", key_store_);
  EXPECT_EQ(Code::kDataLoss, last.status().code());
  EXPECT_NE(last.status().message().find("re-enrolled"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(key_path_));
  EXPECT_FALSE(std::filesystem::exists(key_path_ + ".tmp"));
  EXPECT_TRUE(std::filesystem::is_empty(tmp_.Join("keystore")));
  // Even the right PIN cannot bring it back.
  EXPECT_FALSE(UnlockKeyFile(key_path_, "246810", key_store_).ok());
}

// Dies (SIGKILL) when asked to unwrap: the PIN check is under way, the attempt already counted.
class KillingKeyStore final : public KeyStore {
 public:
  explicit KillingKeyStore(KeyStore& inner) : inner_(inner) {}
  Result<std::string> Wrap(std::string_view alias, std::span<const uint8_t> plain) override {
    return inner_.Wrap(alias, plain);
  }
  Result<std::vector<uint8_t>> Unwrap(std::string_view, std::string_view) override {
    ::kill(::getpid(), SIGKILL);
    return Internal("unreachable");
  }
  Status DeleteKey(std::string_view alias) override { return inner_.DeleteKey(alias); }

 private:
  KeyStore& inner_;
};

// Forks a child that tries `pin` and is killed in the middle of the check.
void KillDuringUnlock(const std::string& path, std::string_view pin, KeyStore& key_store) {
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    KillingKeyStore killing(key_store);
    auto result = UnlockKeyFile(path, pin, killing);
    _exit(result.ok() ? 1 : 2);
  }
  int wstatus = 0;
  ASSERT_EQ(pid, ::waitpid(pid, &wstatus, 0));
  ASSERT_TRUE(WIFSIGNALED(wstatus)) << "the child was not killed";
}

TEST_F(ProfileKeysTest, TheAttemptIsCountedBeforeTheCheckSoKillingDoesNotResetIt) {
  ASSERT_TRUE(CreateKeyFile(key_path_, "246810", Options(4), key_store_, SecureRandom()).ok());
  KillDuringUnlock(key_path_, "135790", key_store_);
  KillDuringUnlock(key_path_, "135790", key_store_);
  EXPECT_EQ(2u, InspectKeyFile(key_path_)->failed_attempts);
  auto wrong = UnlockKeyFile(key_path_, "135790", key_store_);
  EXPECT_NE(wrong.status().message().find("1 attempt remains"), std::string::npos)
      << wrong.status().message();
  EXPECT_EQ(Code::kDataLoss, UnlockKeyFile(key_path_, "135790", key_store_).status().code());
}

TEST_F(ProfileKeysTest, AKilledLastAttemptUsesUpTheKeysEvenForTheRightPin) {
  ASSERT_TRUE(CreateKeyFile(key_path_, "246810", Options(2), key_store_, SecureRandom()).ok());
  EXPECT_EQ(Code::kUnauthenticated, UnlockKeyFile(key_path_, "999999", key_store_).status().code());
  KillDuringUnlock(key_path_, "999999", key_store_);
  EXPECT_EQ(2u, InspectKeyFile(key_path_)->failed_attempts);
  EXPECT_EQ(Code::kDataLoss, UnlockKeyFile(key_path_, "246810", key_store_).status().code());
  EXPECT_FALSE(std::filesystem::exists(key_path_));
}

TEST_F(ProfileKeysTest, ChangePinRewrapsWithoutChangingTheDataKey) {
  auto created = CreateKeyFile(key_path_, "246810", Options(), key_store_, SecureRandom());
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE(ChangePin(key_path_, "246810", "864209", key_store_, SecureRandom()).ok());
  EXPECT_EQ(Code::kUnauthenticated, UnlockKeyFile(key_path_, "246810", key_store_).status().code());
  auto unlocked = UnlockKeyFile(key_path_, "864209", key_store_);
  ASSERT_TRUE(unlocked.ok()) << unlocked.status().ToString();
  EXPECT_EQ(0, sodium_memcmp(created->data_key().bytes().data(),
                             unlocked->data_key().bytes().data(), 32));
  EXPECT_FALSE(std::filesystem::exists(key_path_ + ".tmp"));
  // A wrong old PIN is a counted attempt and changes nothing.
  auto wrong = ChangePin(key_path_, "000000", "111111", key_store_, SecureRandom());
  EXPECT_EQ(Code::kUnauthenticated, wrong.code());
  EXPECT_EQ(1u, InspectKeyFile(key_path_)->failed_attempts);
  EXPECT_TRUE(UnlockKeyFile(key_path_, "864209", key_store_).ok());
}

TEST_F(ProfileKeysTest, ChangePinCanChangeTheCostStoredInTheFile) {
  ASSERT_TRUE(CreateKeyFile(key_path_, "246810", Options(), key_store_, SecureRandom()).ok());
  KdfParams stronger{2, 64 * 1024};
  ASSERT_TRUE(ChangePin(key_path_, "246810", "246810", key_store_, SecureRandom(), stronger).ok());
  EXPECT_EQ(2u, InspectKeyFile(key_path_)->kdf.opslimit);
  EXPECT_EQ(64u * 1024, InspectKeyFile(key_path_)->kdf.memlimit_bytes);
  EXPECT_TRUE(UnlockKeyFile(key_path_, "246810", key_store_).ok());
}

TEST_F(ProfileKeysTest, TamperedSettingsOrBytesAreRefused) {
  ASSERT_TRUE(CreateKeyFile(key_path_, "246810", Options(), key_store_, SecureRandom()).ok());
  auto bytes = FileBytes(key_path_);
  bytes[bytes.size() / 2] ^= 0x40;
  {
    std::ofstream out(key_path_, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
  }
  auto result = UnlockKeyFile(key_path_, "246810", key_store_);
  EXPECT_EQ(Code::kCorruption, result.status().code());
  EXPECT_NE(result.status().message().find("damaged"), std::string::npos);
}

TEST_F(ProfileKeysTest, RaisingTheAttemptLimitInTheFileDoesNotBuyMoreTries) {
  ASSERT_TRUE(CreateKeyFile(key_path_, "246810", Options(3), key_store_, SecureRandom()).ok());
  // An attacker rewrites the limit with a valid checksum: the PIN-wrapped key is bound to the
  // limit, so even the right PIN no longer unwraps it, and every try still counts.
  // The file's layout (core/src/keys/key_file_format.h): "QMKEYFIL", u32 version, u32
  // max_attempts (little-endian) at byte 12, ..., then a 16-byte BLAKE2b of everything before.
  auto bytes = FileBytes(key_path_);
  ASSERT_GT(bytes.size(), 16u + 16u);
  ASSERT_EQ(bytes[12], 3u);
  bytes[12] = 100;
  crypto_generichash(bytes.data() + bytes.size() - 16, 16, bytes.data(), bytes.size() - 16, nullptr,
                     0);
  {
    std::ofstream out(key_path_, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
  }
  EXPECT_EQ(Code::kUnauthenticated, UnlockKeyFile(key_path_, "246810", key_store_).status().code());
}

TEST_F(ProfileKeysTest, AnotherDevicesKeyStoreCannotUnwrap) {
  ASSERT_TRUE(CreateKeyFile(key_path_, "246810", Options(), key_store_, SecureRandom()).ok());
  FileKeyStore other(tmp_.Join("other-keystore"), SecureRandom());
  auto result = UnlockKeyFile(key_path_, "246810", other);
  EXPECT_EQ(Code::kDataLoss, result.status().code());
}

TEST_F(ProfileKeysTest, DefaultCostIsArgon2idWithAtLeastOneHundredMilliseconds) {
  // Only the parameters are checked here (timing is the benchmark's job): they must be at least the
  // measured ones documented in the README.
  const KdfParams kdf = KdfParams::Default();
  EXPECT_GE(kdf.opslimit, 4u);
  EXPECT_GE(kdf.memlimit_bytes, 32ull << 20);
}

}  // namespace
}  // namespace qiaomen::core::keys
