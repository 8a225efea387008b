// The county's photo uploads (tus) under a power loss and a full or failing disk, through the
// file-system seam: the blob store's files live in a FaultFileSystem that keeps only what was
// synced when the power goes. The database is a real SQLite file (its own durability is SQLite's).
// What must hold after a power loss at every step of an upload:
//   - an offset the server answered is still there (at least that many bytes of the upload);
//   - a photo the server answered complete, and any photo in the blobs table, is on disk whole;
//   - the device, asking again, finishes the upload and the county then holds the photo.
// And a full disk (ENOSPC) or an I/O error (EIO) at any step is a clear error after which the
// device goes on from the offset it is told, and nothing already stored is lost.
#include <gtest/gtest.h>
#include <sodium.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <string>

#include "qiaomen/base/hex.h"
#include "qiaomen/server/blob_store.h"
#include "qiaomen/server/storage.h"
#include "qiaomen/testing/county_env.h"
#include "qiaomen/testing/fault_file_system.h"
#include "qiaomen/testing/manual_clock.h"

namespace qiaomen::server {
namespace {

using qiaomen::testing::FaultFileSystem;

constexpr size_t kChunk = 16'000;

std::string Sha256Hex(const std::string& bytes) {
  unsigned char d[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(d, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return base::HexEncode(std::string(reinterpret_cast<char*>(d), sizeof d));
}

// 40,000 pseudo-random bytes, different for every `seed`: three chunks, the last one short.
std::string Photo(int seed) {
  unsigned char key[randombytes_SEEDBYTES] = {};
  std::memcpy(key, &seed, sizeof seed);
  std::string photo(40'000, '\0');
  randombytes_buf_deterministic(photo.data(), photo.size(), key);
  return photo;
}

// What one try of the device got answered.
struct Answered {
  int64_t offset = 0;  // the highest offset the server answered
  bool complete = false;
  core::Status last_error;
};

class BlobStorePowerLossTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto env = qiaomen::testing::CountyEnv::Create(qiaomen::testing::Backend::kSqlite);
    ASSERT_TRUE(env.ok()) << env.status().ToString();
    env_ = std::move(*env);
    data_dir_ = env_->data_dir() + "/data";
    auto storage = Storage::Open({.data_dir = data_dir_, .db_url = "", .pool_size = 1});
    ASSERT_TRUE(storage.ok()) << storage.status().ToString();
    storage_ = std::move(*storage);
  }

  // A fresh disk holding the county's (empty) blobs/ and uploads/ folders.
  std::unique_ptr<FaultFileSystem> NewDisk() {
    auto fs = std::make_unique<FaultFileSystem>();
    EXPECT_TRUE(fs->CreateDir(data_dir_ + "/blobs", 0750).ok());
    EXPECT_TRUE(fs->CreateDir(data_dir_ + "/uploads", 0750).ok());
    EXPECT_TRUE(fs->SyncDir(data_dir_).ok());
    return fs;
  }

  // The device's loop: create (or find) the upload, then send chunks from the offset the server
  // says, until it is complete or a call fails.
  Answered Upload(BlobStore& blobs, const std::string& photo) {
    Answered answered;
    const std::string hex = Sha256Hex(photo);
    auto state = blobs.Create(hex, static_cast<int64_t>(photo.size()), kDevice, "");
    while (true) {
      if (!state.ok()) {
        answered.last_error = state.status();
        return answered;
      }
      answered.offset = std::max(answered.offset, state->offset);
      if (state->complete) {
        answered.complete = true;
        return answered;
      }
      const size_t at = static_cast<size_t>(state->offset);
      state = blobs.Append(hex, kDevice, state->offset, photo.substr(at, kChunk));
    }
  }

  // Whether the county stores `photo` whole: its row and its bytes.
  bool Stored(BlobStore& blobs, const std::string& photo) {
    const std::string hex = Sha256Hex(photo);
    auto bytes = blobs.ReadBlob(hex);
    return blobs.HasBlob(hex) && bytes.ok() && *bytes == photo;
  }

  // No row in `blobs` without its whole file: the device deletes its copy once it sees one.
  std::string RowWithoutFile(BlobStore& blobs, const std::string& photo) {
    const std::string hex = Sha256Hex(photo);
    auto conn = storage_->pool().Acquire();
    auto row = conn->Query("SELECT 1 FROM blobs WHERE sha256 = $1", {Text(hex)});
    if (!row.ok()) return row.status().ToString();
    if (row->empty()) return "";
    auto bytes = blobs.ReadBlob(hex);
    if (!bytes.ok()) return "the blobs table holds the photo but its file is gone";
    if (*bytes != photo) return "the blobs table holds the photo but its file is not whole";
    return "";
  }

  int64_t StepsOfOneUpload() {
    auto fs = NewDisk();
    BlobStore blobs(*storage_, clock_, *fs);
    const int64_t before = fs->steps();
    Answered answered = Upload(blobs, Photo(0));
    EXPECT_TRUE(answered.complete) << answered.last_error.ToString();
    EXPECT_TRUE(Stored(blobs, Photo(0)));
    return fs->steps() - before;
  }

  const std::string kDevice = std::string(16, '\x05');
  std::unique_ptr<qiaomen::testing::CountyEnv> env_;
  std::string data_dir_;
  std::unique_ptr<Storage> storage_;
  qiaomen::testing::ManualClock clock_{1'700'000'000'000};
};

TEST_F(BlobStorePowerLossTest, APowerLossAtEveryStepKeepsWhatWasAnsweredAndTheUploadFinishes) {
  const int64_t steps = StepsOfOneUpload();
  // Per chunk: open or create, append, sync, close (the first also syncs uploads/); then the
  // blobs/ab folder, blobs/ synced, the rename into place and its folder sync.
  EXPECT_EQ(steps, 15) << "the steps of an upload changed: check the durability order again";
  for (int64_t n = 1; n <= steps; ++n) {
    const std::string when = "power loss at step " + std::to_string(n);
    const std::string photo = Photo(static_cast<int>(n));
    auto fs = NewDisk();
    Answered answered;
    {
      BlobStore blobs(*storage_, clock_, *fs);
      fs->PowerLossAfter(n);
      answered = Upload(blobs, photo);
      EXPECT_FALSE(answered.complete) << when << ": the upload finished before the power went";
      EXPECT_FALSE(answered.last_error.ok()) << when;
    }
    fs->Reboot();
    BlobStore blobs(*storage_, clock_, *fs);
    EXPECT_EQ(RowWithoutFile(blobs, photo), "") << when;
    // The device asks again (a creation finds its upload) and is told at least what it was told.
    auto asked = blobs.Create(Sha256Hex(photo), static_cast<int64_t>(photo.size()), kDevice, "");
    ASSERT_TRUE(asked.ok()) << when << ": " << asked.status().ToString();
    EXPECT_TRUE(asked->complete || asked->offset >= answered.offset)
        << when << ": the server had answered offset " << answered.offset << ", now "
        << asked->offset;
    Answered resumed = Upload(blobs, photo);
    EXPECT_TRUE(resumed.complete) << when << ": " << resumed.last_error.ToString();
    EXPECT_TRUE(Stored(blobs, photo)) << when;
  }
}

TEST_F(BlobStorePowerLossTest, APhotoAnsweredCompleteSurvivesAPowerLoss) {
  auto fs = NewDisk();
  const std::string photo = Photo(1000);
  {
    BlobStore blobs(*storage_, clock_, *fs);
    ASSERT_TRUE(Upload(blobs, photo).complete);
  }
  fs->PowerLoss();
  fs->Reboot();
  BlobStore blobs(*storage_, clock_, *fs);
  EXPECT_TRUE(Stored(blobs, photo));
}

TEST_F(BlobStorePowerLossTest, TheChecksCatchABlobStoreThatForgetsItsFolderSyncs) {
  // A blob store whose folder syncs do nothing (as if the code forgot them): the rename into
  // blobs/ is lost with the power while the database says the photo is stored.
  auto fs = NewDisk();
  const std::string photo = Photo(2000);
  fs->IgnoreSyncs(/*folder_syncs=*/true, /*file_syncs=*/false);
  {
    BlobStore blobs(*storage_, clock_, *fs);
    ASSERT_TRUE(Upload(blobs, photo).complete);
  }
  fs->PowerLoss();
  fs->Reboot();
  BlobStore blobs(*storage_, clock_, *fs);
  EXPECT_NE(RowWithoutFile(blobs, photo), "");
  EXPECT_FALSE(Stored(blobs, photo));
}

TEST_F(BlobStorePowerLossTest, AFullDiskOrAnIoErrorAtEveryStepIsClearAndTheDeviceGoesOn) {
  const int64_t steps = StepsOfOneUpload();
  for (int err : {ENOSPC, EIO}) {
    for (int64_t n = 1; n <= steps; ++n) {
      const std::string when =
          std::string(err == ENOSPC ? "ENOSPC" : "EIO") + " at step " + std::to_string(n);
      const std::string photo = Photo(static_cast<int>(10'000 + n + (err == EIO ? 500 : 0)));
      auto fs = NewDisk();
      BlobStore blobs(*storage_, clock_, *fs);
      // A photo stored before the failure stays stored.
      const std::string earlier = Photo(static_cast<int>(20'000 + n + (err == EIO ? 500 : 0)));
      ASSERT_TRUE(Upload(blobs, earlier).complete) << when;
      fs->FailAfter(n, err);
      Answered answered = Upload(blobs, photo);
      ASSERT_FALSE(answered.complete) << when << ": no step failed";
      const core::Code expected =
          err == ENOSPC ? core::Code::kResourceExhausted : core::Code::kIOError;
      EXPECT_EQ(answered.last_error.code(), expected)
          << when << ": " << answered.last_error.ToString();
      EXPECT_NE(answered.last_error.message().find(data_dir_), std::string::npos)
          << when << ": the error should name the file: " << answered.last_error.ToString();
      // The device tries again later and finishes; nothing is doubled or lost.
      Answered again = Upload(blobs, photo);
      EXPECT_TRUE(again.complete) << when << ": " << again.last_error.ToString();
      EXPECT_TRUE(Stored(blobs, photo)) << when;
      EXPECT_TRUE(Stored(blobs, earlier)) << when;
    }
  }
}

}  // namespace
}  // namespace qiaomen::server
