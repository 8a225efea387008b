// A device's upload committed by one of its requests while another of its requests looks at it
// (PostgreSQL: request threads hold their own connections). Found by the convergence test (seed
// 24 on PostgreSQL): after a cut, curl resent a creation-with-upload whose first copy the county
// was still finishing; the resend read "no blob" just before the first copy committed and "no
// upload" just after, answered 404, and the device gave the photo up for the run. Here another
// connection holds device_uploads locked, so the looking request waits at that table while the
// commit happens, in the order that broke it.
#include <gtest/gtest.h>
#include <sodium.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "qiaomen/base/hex.h"
#include "qiaomen/server/blob_store.h"
#include "qiaomen/server/storage.h"
#include "qiaomen/testing/county_env.h"
#include "qiaomen/testing/manual_clock.h"

namespace qiaomen::server {
namespace {

std::string Sha256Hex(const std::string& bytes) {
  unsigned char d[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(d, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return base::HexEncode(std::string(reinterpret_cast<char*>(d), sizeof d));
}

TEST(BlobStoreRaceTest, AnUploadCommittedWhileAnotherRequestLooksIsCompleteNotGone) {
  auto env = testing::CountyEnv::Create(testing::Backend::kPostgres);
  ASSERT_TRUE(env.ok()) << env.status().ToString();
  const std::string data_dir = (*env)->data_dir() + "/data";
  auto storage = Storage::Open({.data_dir = data_dir, .db_url = "", .pool_size = 2});
  ASSERT_TRUE(storage.ok()) << storage.status().ToString();
  testing::ManualClock clock{1'700'000'000'000};
  BlobStore blobs(**storage, clock);

  const std::string device(16, '\x07');
  const std::string photo(40'000, 'p');
  const std::string first = photo.substr(0, 16'000);
  const std::string hex = Sha256Hex(photo);
  ASSERT_TRUE(blobs.Create(hex, static_cast<int64_t>(photo.size()), device, "").ok());
  ASSERT_TRUE(blobs.Append(hex, device, 0, first).ok());

  auto holder = OpenSqlConnection((*env)->db_url());
  auto probe = OpenSqlConnection((*env)->db_url());
  ASSERT_TRUE(holder.ok() && probe.ok());
  ASSERT_TRUE((*holder)->Begin().ok());
  ASSERT_TRUE((*holder)->Exec("LOCK TABLE device_uploads IN ACCESS EXCLUSIVE MODE").ok());

  // The resent creation: its first chunk again, from offset 0.
  core::Result<UploadState> resent = core::Internal("not run");
  std::thread looker([&] { resent = blobs.Append(hex, device, 0, first); });
  bool waiting = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!waiting && std::chrono::steady_clock::now() < deadline) {
    auto n = (*probe)->QueryOne(
        "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
        "WHERE NOT l.granted AND c.relname = 'device_uploads'");
    waiting = n.ok() && n->Int(0) > 0;
    if (!waiting) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_TRUE(waiting) << "the looking request never reached device_uploads";

  // Meanwhile the device's other request finishes the upload: its file becomes the blob, and
  // the blob row replaces the upload row in one transaction (as BlobStore::Commit does).
  const std::string part = data_dir + "/uploads/" + hex + "." + base::HexEncode(device) + ".part";
  const std::string blob = data_dir + "/blobs/" + hex.substr(0, 2) + "/" + hex.substr(2);
  std::filesystem::create_directories(data_dir + "/blobs/" + hex.substr(0, 2));
  {
    std::FILE* f = std::fopen(part.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fwrite(photo.data(), 1, photo.size(), f);
    std::fclose(f);
  }
  std::filesystem::rename(part, blob);
  const int64_t size = static_cast<int64_t>(photo.size());
  EXPECT_TRUE((*holder)
                  ->Exec("INSERT INTO blobs (sha256, size, stored_ms) VALUES ($1, $2, 0)",
                         {Text(hex), Int(size)})
                  .ok());
  EXPECT_TRUE((*holder)
                  ->Exec("INSERT INTO blob_holders (sha256, device_id) VALUES ($1, $2)",
                         {Text(hex), Blob(device)})
                  .ok());
  EXPECT_TRUE((*holder)
                  ->Exec("DELETE FROM device_uploads WHERE sha256 = $1 AND device_id = $2",
                         {Text(hex), Blob(device)})
                  .ok());
  ASSERT_TRUE((*holder)->Commit().ok());
  looker.join();

  // The upload is complete: the resent chunk is refused as late (the creation answers with the
  // whole photo's offset), never as an upload that does not exist.
  EXPECT_EQ(resent.status().code(), core::Code::kFailedPrecondition) << resent.status().ToString();
  auto now = blobs.Get(hex, device);
  ASSERT_TRUE(now.ok()) << now.status().ToString();
  EXPECT_TRUE(now->complete);
  EXPECT_FALSE(std::filesystem::exists(part)) << "no stray upload file";
}

}  // namespace
}  // namespace qiaomen::server
