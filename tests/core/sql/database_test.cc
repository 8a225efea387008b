#include "qiaomen/core/sql/database.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "qiaomen/core/random.h"
#include "qiaomen/testing/temp_dir.h"

namespace qiaomen::core::sql {
namespace {

RawKey MakeKey(uint64_t seed) {
  RawKey key;
  SeededRandom(seed).Fill(key.mutable_bytes().data(), RawKey::kSize);
  return key;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(DatabaseTest, CipherVersionIsAtLeast46) {
  testing::TempDir dir;
  OpenOptions options;
  options.key = MakeKey(1);
  auto db = Database::Open(dir.Join("a.db"), options);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  auto version = db->QueryText("PRAGMA cipher_version;");
  ASSERT_TRUE(version.ok()) << version.status().ToString();
  int major = 0, minor = 0;
  ASSERT_EQ(std::sscanf(version->c_str(), "%d.%d", &major, &minor), 2) << *version;
  EXPECT_TRUE(major > 4 || (major == 4 && minor >= 6)) << "cipher_version " << *version;
}

TEST(DatabaseTest, LinksSqlcipherNotPlainSqlite) {
  // The process must have mapped libsqlcipher.so.1 and no libsqlite3 (3.4's SQLCipher or plain).
  const std::string maps = ReadAll("/proc/self/maps");
  EXPECT_NE(maps.find("libsqlcipher.so.1"), std::string::npos);
  EXPECT_EQ(maps.find("libsqlite3.so"), std::string::npos);
}

TEST(DatabaseTest, EncryptedAtRestAndWrongKeyRefused) {
  testing::TempDir dir;
  const std::string path = dir.Join("b.db");
  {
    OpenOptions options;
    options.key = MakeKey(2);
    options.wal = false;
    auto db = Database::Open(path, options);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE(
        db->Exec("CREATE TABLE t(name TEXT); INSERT INTO t VALUES('王秀英 独居老人');").ok());
  }
  const std::string bytes = ReadAll(path);
  ASSERT_FALSE(bytes.empty());
  EXPECT_EQ(bytes.find("SQLite format 3"), std::string::npos);
  EXPECT_EQ(bytes.find("王秀英"), std::string::npos);

  OpenOptions wrong;
  wrong.key = MakeKey(3);
  auto refused = Database::Open(path, wrong);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kUnauthenticated);

  OpenOptions right;
  right.key = MakeKey(2);
  auto db = Database::Open(path, right);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_EQ(db->QueryText("SELECT name FROM t;").value_or(""), "王秀英 独居老人");
}

TEST(DatabaseTest, StatementsBindAndTransactionsRollBack) {
  testing::TempDir dir;
  OpenOptions options;
  options.key = MakeKey(4);
  auto db = Database::Open(dir.Join("c.db"), options);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(db->Exec("CREATE TABLE t(i INTEGER, d REAL, s TEXT, b BLOB);").ok());
  {
    auto tx = Transaction::Begin(*db);
    ASSERT_TRUE(tx.ok());
    auto stmt = db->Prepare("INSERT INTO t VALUES(?, ?, ?, ?);");
    ASSERT_TRUE(stmt.ok());
    const uint8_t blob[] = {0, 1, 2};
    ASSERT_TRUE(stmt->Bind(1, int64_t{42}).Bind(2, 1.5).Bind(3, "x").BindBlob(4, blob).Run().ok());
    // No commit: the destructor rolls back.
  }
  EXPECT_EQ(db->QueryInt("SELECT count(*) FROM t;").value_or(-1), 0);
  {
    auto tx = Transaction::Begin(*db);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(db->Exec("INSERT INTO t(i) VALUES(7);").ok());
    ASSERT_TRUE(tx->Commit().ok());
  }
  EXPECT_EQ(db->QueryInt("SELECT i FROM t;").value_or(-1), 7);
  auto bad = db->Prepare("SELECT nope FROM t;");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("nope"), std::string::npos);
}

TEST(DatabaseTest, MissingFileWithoutCreateIsNotFound) {
  testing::TempDir dir;
  OpenOptions options;
  options.create_if_missing = false;
  auto db = Database::Open(dir.Join("absent.db"), options);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), Code::kNotFound);
}

}  // namespace
}  // namespace qiaomen::core::sql
