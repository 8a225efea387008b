// Item 8 of issue 3: nothing a worker captured is readable at rest. A profile is filled with known
// names, phone numbers and a JPEG, closed, and every byte of every file under its directory is
// scanned for them: none may be found. The sqlcipher command line cannot open the database.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "qiaomen/core/evidence/photo_vault.h"
#include "qiaomen/core/keys/file_key_store.h"
#include "qiaomen/core/profile/profile_files.h"
#include "qiaomen/testing/fast_kdf.h"
#include "qiaomen/testing/manual_clock.h"
#include "qiaomen/testing/temp_dir.h"
#include "tests/core/profile/sql_photo_index.h"

namespace qiaomen::core::profile {
namespace {

const std::vector<std::string> kSecrets = {"张桂兰", "李建国", "王秀英家煤炉", "13812345678",
                                           "15987654321", "Zhang Guilan",
                                           // The photo's whole JPEG/JFIF header: a
                                           // shorter needle (3 or 4 bytes) turns up by chance
                                           // in ~1 MB of ciphertext (~5% of runs for 3 bytes).
                                           std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01", 12)};

std::vector<uint8_t> MakeJpeg() {
  std::vector<uint8_t> jpeg = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01};
  SeededRandom random(42);
  std::vector<uint8_t> body(400'000);
  random.Fill(body.data(), body.size());
  jpeg.insert(jpeg.end(), body.begin(), body.end());
  jpeg.push_back(0xFF);
  jpeg.push_back(0xD9);
  return jpeg;
}

// Every secret found in any file under `dir`, as "file: secret".
std::vector<std::string> Scan(const std::string& dir, int& files_scanned) {
  std::vector<std::string> found;
  files_scanned = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    ++files_scanned;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), {}};
    for (const std::string& secret : kSecrets) {
      if (bytes.find(secret) != std::string::npos) {
        found.push_back(entry.path().string() + ": " + secret);
      }
    }
  }
  return found;
}

// Fills the profile database with the names and phones (the Store's tables are not needed to
// prove encryption at rest: any row in the database is what is being checked).
Status FillDatabase(sql::Database& db) {
  QM_RETURN_IF_ERROR(db.Exec("CREATE TABLE person(name TEXT, phone TEXT, note TEXT);"));
  QM_ASSIGN_OR_RETURN(sql::Statement insert,
                      db.Prepare("INSERT INTO person(name, phone, note) VALUES(?, ?, ?);"));
  for (int i = 0; i < 50; ++i) {
    insert.Bind(1, std::string_view(i % 2 ? "张桂兰" : "李建国"));
    insert.Bind(2, std::string_view(i % 2 ? "13812345678" : "15987654321"));
    insert.Bind(3, std::string_view("王秀英家煤炉 Zhang Guilan"));
    QM_RETURN_IF_ERROR(insert.Run());
    insert.Reset();
  }
  return Status::Ok();
}

class AtRestTest : public ::testing::Test {
 protected:
  testing::TempDir tmp_;
  std::string dir_ = tmp_.Join("profile");
  qiaomen::testing::ManualClock clock_{1'733'000'000'000};
  keys::FileKeyStore key_store_{tmp_.Join("keystore"), SecureRandom()};
  ProfileDeps deps_{clock_, SecureRandom(), key_store_};
};

TEST_F(AtRestTest, NoNamePhoneOrJpegBytesAreReadableInAnyFile) {
  const std::vector<uint8_t> jpeg = MakeJpeg();
  std::string photo_id;
  {
    ProfileOptions options;
    options.keys.kdf = testing::FastKdf();
    auto profile = CreateProfileFiles(dir_, "246810", options, deps_);
    ASSERT_TRUE(profile.ok()) << profile.status().ToString();
    ASSERT_TRUE(FillDatabase(profile->db).ok());
    test_support::SqlPhotoIndex index(profile->db);
    ASSERT_TRUE(index.CreateTables().ok());
    auto vault = evidence::PhotoVault::Open(PhotosDir(dir_), profile->keys.data_key(), index,
                                            {clock_, SecureRandom()});
    ASSERT_TRUE(vault.ok());
    const std::string camera = tmp_.Join("camera.jpg");
    std::ofstream(camera, std::ios::binary)
        .write(reinterpret_cast<const char*>(jpeg.data()),
               static_cast<std::streamsize>(jpeg.size()));
    auto stored = (*vault)->StoreFile(camera, {});
    ASSERT_TRUE(stored.ok()) << stored.status().ToString();
    ASSERT_TRUE((*vault)->StoreBytes(jpeg, {}).ok());
    photo_id = stored->id();
    // While the profile is open its WAL and SHM files hold the newest pages: scan them too.
    EXPECT_TRUE(std::filesystem::exists(DatabasePath(dir_) + "-wal"));
    int open_files = 0;
    const auto found_open = Scan(dir_, open_files);
    EXPECT_TRUE(found_open.empty()) << found_open.front();
    EXPECT_GE(open_files, 7);  // db, -wal, -shm, key file, info file, 2 photos
  }
  int files = 0;
  const auto found = Scan(dir_, files);
  EXPECT_TRUE(found.empty()) << found.front();
  EXPECT_GE(files, 5);  // db, key file, info file, 2 photos (SQLite removes -wal on close)

  // The data is really there: unlocked, it reads back.
  auto reopened = UnlockProfileFiles(dir_, "246810", deps_);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ(25, *reopened->db.QueryInt("SELECT count(*) FROM person WHERE name = '张桂兰';"));
  test_support::SqlPhotoIndex index(reopened->db);
  auto vault = evidence::PhotoVault::Open(PhotosDir(dir_), reopened->keys.data_key(), index,
                                          {clock_, SecureRandom()});
  ASSERT_TRUE(vault.ok());
  auto sha = reopened->db.Prepare("SELECT sha256 FROM test_photo WHERE id = ?;");
  ASSERT_TRUE(sha.ok());
  sha->BindBlob(1, std::span(reinterpret_cast<const uint8_t*>(photo_id.data()), photo_id.size()));
  ASSERT_TRUE(*sha->Step());
  const auto digest = sha->ColumnBlob(0);
  auto read = (*vault)->Read(*Uuid::FromBytes(photo_id), std::string(digest.begin(), digest.end()));
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(jpeg, *read);
}

TEST_F(AtRestTest, TheScanFindsTheSameDataInAPlainDatabase) {
  // The control: the scanner does find the strings when they are stored in clear.
  sql::OpenOptions plain;
  {
    std::filesystem::create_directories(dir_);
    auto db = sql::Database::Open(dir_ + "/plain.db", plain);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(FillDatabase(*db).ok());
  }
  int files = 0;
  EXPECT_FALSE(Scan(dir_, files).empty());
}

TEST_F(AtRestTest, TheSqlcipherCommandLineCannotOpenTheDatabaseWithoutTheKey) {
  {
    ProfileOptions options;
    options.keys.kdf = testing::FastKdf();
    auto profile = CreateProfileFiles(dir_, "246810", options, deps_);
    ASSERT_TRUE(profile.ok());
    ASSERT_TRUE(FillDatabase(profile->db).ok());
  }
  const std::string command =
      "/usr/bin/sqlcipher '" + DatabasePath(dir_) + "' 'SELECT count(*) FROM sqlite_master;' 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  const int status = ::pclose(pipe);
  ASSERT_TRUE(WIFEXITED(status)) << output;
  EXPECT_NE(0, WEXITSTATUS(status)) << output;
  EXPECT_NE(output.find("not a database"), std::string::npos) << output;
  // And the same command does work on a plain database, so the failure above is the encryption.
  sql::OpenOptions plain;
  { ASSERT_TRUE(sql::Database::Open(tmp_.Join("plain.db"), plain).ok()); }
  const std::string control =
      "/usr/bin/sqlcipher '" + tmp_.Join("plain.db") + "' 'SELECT count(*) FROM sqlite_master;'";
  EXPECT_EQ(0, std::system(control.c_str()));
}

}  // namespace
}  // namespace qiaomen::core::profile
