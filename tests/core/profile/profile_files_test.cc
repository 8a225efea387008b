#include "qiaomen/core/profile/profile_files.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "qiaomen/core/keys/file_key_store.h"
#include "qiaomen/testing/fast_kdf.h"
#include "qiaomen/testing/manual_clock.h"
#include "qiaomen/testing/temp_dir.h"

namespace qiaomen::core::profile {
namespace {

std::string FileHash(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), {}};
  uint8_t digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const uint8_t*>(bytes.data()),
                     bytes.size(), nullptr, 0);
  return std::string(reinterpret_cast<char*>(digest), sizeof digest);
}

class ProfileFilesTest : public ::testing::Test {
 protected:
  ProfileOptions Options(uint32_t max_attempts = 10) {
    ProfileOptions options;
    options.keys.kdf = testing::FastKdf();
    options.keys.max_attempts = max_attempts;
    options.worker_id = "w-017";
    return options;
  }

  testing::TempDir tmp_;
  std::string dir_ = tmp_.Join("profile");
  qiaomen::testing::ManualClock clock_{1'733'000'000'000};
  keys::FileKeyStore key_store_{tmp_.Join("keystore"), SecureRandom()};
  ProfileDeps deps_{clock_, SecureRandom(), key_store_};
};

TEST_F(ProfileFilesTest, CreateThenUnlockOpensTheSameEncryptedDatabase) {
  std::string device_id;
  {
    auto created = CreateProfileFiles(dir_, "246810", Options(), deps_);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    EXPECT_EQ(16u, created->info.device_id.size());
    device_id = created->info.device_id;
    ASSERT_TRUE(created->db.Exec("CREATE TABLE t(x TEXT); INSERT INTO t VALUES('居民');").ok());
  }
  EXPECT_TRUE(std::filesystem::exists(KeyFilePath(dir_)));
  EXPECT_FALSE(std::filesystem::exists(KeyFilePath(dir_) + ".new"));
  auto opened = UnlockProfileFiles(dir_, "246810", deps_);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(device_id, opened->info.device_id);
  EXPECT_EQ("w-017", opened->info.worker_id);
  EXPECT_EQ(1'733'000'000'000, opened->info.created_at_ms);
  EXPECT_EQ("居民", *opened->db.QueryText("SELECT x FROM t;"));
  // The database really is encrypted: no key, no schema.
  sql::OpenOptions no_key;
  no_key.create_if_missing = false;
  EXPECT_EQ(Code::kUnauthenticated,
            sql::Database::Open(DatabasePath(dir_), no_key).status().code());
}

TEST_F(ProfileFilesTest, NoProfileIsNotFoundAndASecondCreateIsRefused) {
  EXPECT_EQ(Code::kNotFound, UnlockProfileFiles(dir_, "246810", deps_).status().code());
  ASSERT_TRUE(CreateProfileFiles(dir_, "246810", Options(), deps_).ok());
  EXPECT_EQ(Code::kAlreadyExists,
            CreateProfileFiles(dir_, "135790", Options(), deps_).status().code());
}

TEST_F(ProfileFilesTest, TooManyWrongPinsLeaveTheDataGoneUntilReEnrolment) {
  ASSERT_TRUE(CreateProfileFiles(dir_, "246810", Options(3), deps_).ok());
  auto first = UnlockProfileFiles(dir_, "000000", deps_);
  EXPECT_EQ(Code::kUnauthenticated, first.status().code());
  EXPECT_NE(first.status().message().find("2 attempts remain"), std::string::npos);
  EXPECT_EQ(Code::kUnauthenticated, UnlockProfileFiles(dir_, "000000", deps_).status().code());
  EXPECT_EQ(Code::kDataLoss, UnlockProfileFiles(dir_, "000000", deps_).status().code());
  auto after = UnlockProfileFiles(dir_, "246810", deps_);
  EXPECT_EQ(Code::kDataLoss, after.status().code());
  EXPECT_NE(after.status().message().find("re-enrolled"), std::string::npos);
  // Re-enrolment makes a fresh, empty profile in the same place.
  auto fresh = CreateProfileFiles(dir_, "112233", Options(), deps_);
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  EXPECT_EQ(0, *fresh->db.QueryInt("SELECT count(*) FROM sqlite_master;"));
}

TEST_F(ProfileFilesTest, ChangingThePinNeverTouchesTheDatabase) {
  {
    auto created = CreateProfileFiles(dir_, "246810", Options(), deps_);
    ASSERT_TRUE(created.ok());
    ASSERT_TRUE(created->db.Exec("CREATE TABLE t(x); INSERT INTO t VALUES(1);").ok());
    ASSERT_TRUE(created->db.Exec("PRAGMA wal_checkpoint(TRUNCATE);").ok());
  }
  const std::string before = FileHash(DatabasePath(dir_));
  ASSERT_TRUE(
      keys::ChangePin(KeyFilePath(dir_), "246810", "975310", key_store_, SecureRandom()).ok());
  EXPECT_EQ(before, FileHash(DatabasePath(dir_)));
  auto opened = UnlockProfileFiles(dir_, "975310", deps_);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(1, *opened->db.QueryInt("SELECT x FROM t;"));
}

}  // namespace
}  // namespace qiaomen::core::profile
