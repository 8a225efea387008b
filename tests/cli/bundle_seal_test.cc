// The offline bundle against a real county: exported by the field client with a real profile,
// imported with `qiaomen-county import-bundle`. A bundle is sealed to the county's bundle key,
// whose secret half is a file kept apart from the database: the database, or a backup of it,
// does not open a bundle.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli_fixture.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/core/bundle/bundle_file.h"
#include "qiaomen/core/keys/file_key_store.h"
#include "qiaomen/core/sql/database.h"
#include "qiaomen/sync/client_config.h"
#include "qiaomen/sync/field_device.h"

namespace qiaomen::cli::testing {
namespace {

namespace fs = std::filesystem;

// Where `init` keeps the county's bundle secret key (docs/operations.md says so too).
constexpr const char* kSecretKeyFile = "county-bundle.key";

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

class BundleSealTest : public CliFixture {
 protected:
  // The county server's data directory (`--data`).
  static std::string CountyData() { return county().data_dir() + "/data"; }

  // Enrols `worker`, syncs, records a checked visit of `subject` with one photo and exports a
  // bundle; returns the bundle's path.
  std::string ExportVisitBundle(const std::string& worker, const std::string& subject) {
    Enroll(worker, "grids:T01-V01-G01");
    EXPECT_EQ(Run({"sync"}).exit_code, 0);
    WritePhoto("p1.jpg", 4000);
    CliRun visit = Run({"visit", "record", WriteFile("v.json", CheckedVisitJson(subject, false))});
    EXPECT_EQ(visit.exit_code, 0) << visit.err;
    std::string bundle = dir_.Join(worker + ".qmb");
    CliRun r = Run({"export-bundle", bundle});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return bundle;
  }

  // A copy of the county's data directory as a database backup holds it: everything the server
  // keeps on disk except the bundle secret key, which the operator keeps apart.
  std::string StolenCopy() {
    std::string stolen = dir_.Join("stolen");
    fs::copy(CountyData(), stolen, fs::copy_options::recursive);
    fs::remove(stolen + "/" + kSecretKeyFile);
    return stolen;
  }
};

// The attack of issue 15 (finding 8): the bundle key was derived from the token hash the county
// database stores, so whoever had the database could read every bundle.
TEST_F(BundleSealTest, TheCountyDatabaseWithoutTheSecretKeyDoesNotOpenABundle) {
  std::string bundle = ExportVisitBundle("w-seal-attack", "H001");
  std::string bytes = ReadAll(bundle);
  ASSERT_FALSE(bytes.empty());
  std::string stolen = StolenCopy();

  // 1. The county's own importer, run on the stolen copy.
  auto imported =
      qiaomen::testing::RunCounty({"import-bundle", "--lang=en", "--data", stolen, bundle});
  EXPECT_NE(imported.exit_code, 0) << imported.out;
  EXPECT_FALSE(Contains(imported.out, "changes applied")) << imported.out;

  // 2. By hand: every device's token hash and public key from the stolen database, through the
  // token-keyed opening.
  core::sql::OpenOptions options;
  options.create_if_missing = false;
  auto db = core::sql::Database::Open(stolen + "/county.db", options);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  auto rows = db->Prepare("SELECT token_hash, public_key FROM devices");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  int devices = 0;
  while (rows->Step().value_or(false)) {
    ++devices;
    auto hash = base::HexDecode(rows->ColumnText(0));
    ASSERT_TRUE(hash.has_value());
    auto key = core::bundle::KeyFromTokenHash(
        {reinterpret_cast<const uint8_t*>(hash->data()), hash->size()});
    std::vector<uint8_t> pk = rows->ColumnBlob(1);
    auto opened = core::bundle::OpenBundle(bytes, key, pk);
    EXPECT_FALSE(opened.ok()) << "the database's token hash opened the bundle: "
                              << opened->changes_size() << " changes read";
  }
  EXPECT_GT(devices, 0);
}

TEST_F(BundleSealTest, TheSecretKeyIsNotInTheDatabase) {
  std::string secret_file = CountyData() + "/" + kSecretKeyFile;
  ASSERT_TRUE(fs::exists(secret_file)) << "init writes the county's bundle secret key";
  EXPECT_EQ(fs::status(secret_file).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  std::string text = ReadAll(secret_file);
  std::string hex = text.substr(text.find_last_of('\n', text.size() - 2) + 1, 64);
  auto secret = base::HexDecode(hex);
  ASSERT_TRUE(secret.has_value() && secret->size() == 32) << text;
  for (const auto& entry : fs::directory_iterator(CountyData())) {
    if (entry.path().filename() == kSecretKeyFile || !entry.is_regular_file()) continue;
    std::string bytes = ReadAll(entry.path().string());
    EXPECT_EQ(bytes.find(*secret), std::string::npos) << entry.path();
    EXPECT_EQ(bytes.find(hex), std::string::npos) << entry.path();
  }
}

TEST_F(BundleSealTest, ASealedBundleImportsThroughTheCountyCommand) {
  std::string bundle = ExportVisitBundle("w-seal-trip", "H002");
  std::string bytes = ReadAll(bundle);
  EXPECT_EQ(bytes.substr(0, 8), "QMBUNDL2");
  auto imported = County({"import-bundle", "--lang=en", bundle});
  ASSERT_EQ(imported.exit_code, 0) << imported.err << imported.out;
  EXPECT_FALSE(Contains(imported.out, "Warning")) << imported.out;
  EXPECT_TRUE(Contains(imported.out, " 0 rejected")) << imported.out;
  EXPECT_FALSE(Contains(imported.out, ": 0 changes applied")) << imported.out;
  EXPECT_TRUE(Contains(imported.out, "1 photos stored")) << imported.out;
}

TEST_F(BundleSealTest, AMissingSecretKeySaysWhatToDoAndImportsNothing) {
  std::string bundle = ExportVisitBundle("w-seal-nokey", "H003");
  std::string secret_file = CountyData() + "/" + kSecretKeyFile;
  std::string kept = dir_.Join("kept.key");
  fs::rename(secret_file, kept);
  auto refused = County({"import-bundle", "--lang=en", bundle});
  fs::rename(kept, secret_file);
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_TRUE(Contains(refused.err, secret_file + " is missing")) << refused.err;
  EXPECT_TRUE(Contains(refused.err, "Restore that file from the backup")) << refused.err;
  EXPECT_TRUE(Contains(refused.err, "--bundle-key")) << refused.err;
  EXPECT_TRUE(Contains(refused.err, "Nothing was imported")) << refused.err;
  EXPECT_FALSE(Contains(refused.out, "changes applied")) << refused.out;

  // The key kept elsewhere (as docs/operations.md suggests) opens it when named.
  std::string elsewhere = dir_.Join("elsewhere.key");
  fs::copy_file(secret_file, elsewhere);
  auto imported = County({"import-bundle", "--lang=en", "--bundle-key", elsewhere, bundle});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_FALSE(Contains(imported.out, ": 0 changes applied")) << imported.out;
  EXPECT_TRUE(Contains(imported.out, "1 photos stored")) << imported.out;
}

TEST_F(BundleSealTest, ADeviceWithoutTheCountyKeyIsToldToSyncAndLearnsItThere) {
  Enroll("w-seal-old", "grids:T01-V01-G01");
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  {
    // The settings of a device enrolled with a server from before bundle keys.
    core::keys::FileKeyStore key_store(profile_ + ".keystore", core::SecureRandom());
    auto device = sync::FieldDevice::Open(profile_, pins_.current,
                                          {core::SystemClock(), core::SecureRandom(), key_store});
    ASSERT_TRUE(device.ok()) << device.status().ToString();
    sync::ClientConfig old = (*device)->config();
    ASSERT_EQ(old.county_bundle_key.size(), 32u) << "enrolment gives the key";
    old.county_bundle_key.clear();
    ASSERT_TRUE(sync::SaveClientConfig(sync::ClientConfigPath(profile_), old,
                                       (*device)->profile().keys().data_key())
                    .ok());
  }
  std::string bundle = dir_.Join("old.qmb");
  CliRun refused = Run({"export-bundle", bundle});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_TRUE(Contains(refused.err, "does not have the county's bundle key")) << refused.err;
  EXPECT_TRUE(Contains(refused.err, "Sync once")) << refused.err;
  EXPECT_FALSE(fs::exists(bundle)) << "no weak bundle is written instead";

  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  CliRun r = Run({"export-bundle", bundle});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadAll(bundle).substr(0, 8), "QMBUNDL2");
  auto imported = County({"import-bundle", "--lang=en", bundle});
  EXPECT_EQ(imported.exit_code, 0) << imported.err;
}

}  // namespace
}  // namespace qiaomen::cli::testing
