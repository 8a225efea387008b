#include "qiaomen/core/evidence/photo_vault.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "qiaomen/testing/manual_clock.h"
#include "qiaomen/testing/temp_dir.h"

namespace qiaomen::core::evidence {
namespace {

// An in-memory index that can be told to fail or to forget.
class FakeIndex final : public PhotoIndex {
 public:
  Status RecordPhoto(const v1::Photo& meta) override {
    if (fail_next) {
      fail_next = false;
      return IOError("injected failure");
    }
    auto id = Uuid::FromBytes(meta.id());
    if (!id.ok()) return id.status();
    if (!ids.insert(*id).second) return AlreadyExists("recorded twice");
    recorded.push_back(meta);
    return Status::Ok();
  }
  Result<bool> HasPhoto(const Uuid& id) override { return ids.count(id) > 0; }

  bool fail_next = false;
  std::set<Uuid> ids;
  std::vector<v1::Photo> recorded;
};

std::vector<uint8_t> Jpeg(size_t size, uint64_t seed) {
  std::vector<uint8_t> bytes(size);
  SeededRandom random(seed);
  random.Fill(bytes.data(), bytes.size());
  const uint8_t header[] = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00};
  std::copy(header, header + std::min(sizeof header, size), bytes.begin());
  return bytes;
}

std::string Sha256(const std::vector<uint8_t>& bytes) {
  std::string digest(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<uint8_t*>(digest.data()), bytes.data(), bytes.size());
  return digest;
}

std::vector<uint8_t> FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void WriteBytes(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

class PhotoVaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SecureRandom().Fill(key_.mutable_bytes().data(), 32);
    auto vault = PhotoVault::Open(tmp_.Join("photos"), key_, index_, {clock_, random_});
    ASSERT_TRUE(vault.ok()) << vault.status().ToString();
    vault_ = std::move(vault).value();
  }

  testing::TempDir tmp_;
  sql::RawKey key_;
  FakeIndex index_;
  qiaomen::testing::ManualClock clock_{1'733'000'000'000};
  SeededRandom random_{7};
  std::unique_ptr<PhotoVault> vault_;
};

TEST_F(PhotoVaultTest, StoresEncryptedAndReadsBackVerified) {
  const auto jpeg = Jpeg(200'000, 1);
  v1::Photo meta;
  meta.set_taken_at_ms(1'733'000'000'123);
  meta.set_mime_type("image/jpeg");
  auto stored = vault_->StoreBytes(jpeg, meta);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(Sha256(jpeg), stored->sha256());
  EXPECT_EQ(200'000, stored->size());
  EXPECT_EQ(1'733'000'000'123, stored->taken_at_ms());
  ASSERT_EQ(1u, index_.recorded.size());
  EXPECT_EQ(stored->SerializeAsString(), index_.recorded[0].SerializeAsString());

  const Uuid id = *Uuid::FromBytes(stored->id());
  const auto on_disk = FileBytes(vault_->PathFor(id));
  EXPECT_GT(on_disk.size(), jpeg.size());
  const uint8_t magic[] = {0xFF, 0xD8, 0xFF};
  EXPECT_EQ(std::search(on_disk.begin(), on_disk.end(), magic, magic + 3), on_disk.end());
  EXPECT_EQ(std::search(on_disk.begin(), on_disk.end(), jpeg.begin() + 1000, jpeg.begin() + 1032),
            on_disk.end());

  auto read = vault_->Read(id, stored->sha256());
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(jpeg, *read);
}

TEST_F(PhotoVaultTest, ChunkBoundarySizesRoundTrip) {
  for (size_t size : {size_t{0}, size_t{1}, size_t{65535}, size_t{65536}, size_t{65537},
                      size_t{131072}, size_t{300'001}}) {
    const auto jpeg = Jpeg(size, size);
    auto stored = vault_->StoreBytes(jpeg, {});
    ASSERT_TRUE(stored.ok()) << size << ": " << stored.status().ToString();
    auto read = vault_->Read(*Uuid::FromBytes(stored->id()), stored->sha256());
    ASSERT_TRUE(read.ok()) << size << ": " << read.status().ToString();
    EXPECT_EQ(jpeg, *read) << size;
  }
}

TEST_F(PhotoVaultTest, StoresAThreeMegabyteFileFromAPath) {
  const auto jpeg = Jpeg(3 * 1024 * 1024, 3);
  const std::string source = tmp_.Join("camera.jpg");
  WriteBytes(source, jpeg);
  auto stored = vault_->StoreFile(source, {});
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(Sha256(jpeg), stored->sha256());
  auto read = vault_->Read(*Uuid::FromBytes(stored->id()), stored->sha256());
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(jpeg, *read);
  EXPECT_EQ(Code::kNotFound, vault_->StoreFile(tmp_.Join("missing.jpg"), {}).status().code());
}

class PhotoVaultTamperTest : public PhotoVaultTest {
 protected:
  void SetUp() override {
    PhotoVaultTest::SetUp();
    jpeg_ = Jpeg(150'000, 9);
    auto stored = vault_->StoreBytes(jpeg_, {});
    ASSERT_TRUE(stored.ok());
    meta_ = *stored;
    id_ = *Uuid::FromBytes(meta_.id());
    path_ = vault_->PathFor(id_);
    bytes_ = FileBytes(path_);
  }
  void ExpectCorruption(std::string_view words) {
    auto read = vault_->Read(id_, meta_.sha256());
    ASSERT_EQ(Code::kCorruption, read.status().code()) << read.status().ToString();
    EXPECT_NE(read.status().message().find(words), std::string::npos) << read.status().message();
    EXPECT_NE(read.status().message().find("not valid evidence"), std::string::npos);
  }

  std::vector<uint8_t> jpeg_;
  v1::Photo meta_;
  Uuid id_;
  std::string path_;
  std::vector<uint8_t> bytes_;
};

TEST_F(PhotoVaultTamperTest, AFlippedByteIsCorruption) {
  bytes_[100'000] ^= 0x01;
  WriteBytes(path_, bytes_);
  ExpectCorruption("integrity check");
}

TEST_F(PhotoVaultTamperTest, TruncationAtAChunkBoundaryIsCorruption) {
  bytes_.erase(bytes_.begin() + (8 + 24 + 65536 + 17), bytes_.end());
  WriteBytes(path_, bytes_);
  ExpectCorruption("cut short");
}

TEST_F(PhotoVaultTamperTest, TruncationInsideAChunkIsCorruption) {
  bytes_.erase(bytes_.end() - 5, bytes_.end());
  WriteBytes(path_, bytes_);
  ExpectCorruption("integrity check");
}

TEST_F(PhotoVaultTamperTest, ExtraBytesAreCorruption) {
  bytes_.push_back(0);
  WriteBytes(path_, bytes_);
  ExpectCorruption("integrity check");  // the extra byte joins the last block and breaks its tag
}

TEST_F(PhotoVaultTamperTest, AWrongRecordedHashIsCorruption) {
  std::string other = meta_.sha256();
  other[0] ^= 1;
  auto read = vault_->Read(id_, other);
  EXPECT_EQ(Code::kCorruption, read.status().code());
  EXPECT_NE(read.status().message().find("SHA-256"), std::string::npos);
}

TEST_F(PhotoVaultTamperTest, AnotherPhotosFileUnderThisIdIsCorruption) {
  auto other = vault_->StoreBytes(Jpeg(1000, 10), {});
  ASSERT_TRUE(other.ok());
  std::filesystem::copy_file(vault_->PathFor(*Uuid::FromBytes(other->id())), path_,
                             std::filesystem::copy_options::overwrite_existing);
  ExpectCorruption("");
}

TEST_F(PhotoVaultTest, AFailedRecordDeletesTheFile) {
  index_.fail_next = true;
  auto stored = vault_->StoreBytes(Jpeg(70'000, 4), {});
  EXPECT_EQ(Code::kIOError, stored.status().code());
  EXPECT_TRUE(std::filesystem::is_empty(tmp_.Join("photos")));
  EXPECT_TRUE(index_.recorded.empty());
}

TEST_F(PhotoVaultTest, OpenCollectsOrphansAndTempFilesButKeepsRecordedPhotos) {
  auto kept = vault_->StoreBytes(Jpeg(5000, 5), {});
  auto orphan = vault_->StoreBytes(Jpeg(5000, 6), {});
  ASSERT_TRUE(kept.ok() && orphan.ok());
  const Uuid orphan_id = *Uuid::FromBytes(orphan->id());
  index_.ids.erase(orphan_id);  // as if the process died between the file and the row
  WriteBytes(tmp_.Join("photos/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.photo.tmp"), {1, 2, 3});
  WriteBytes(tmp_.Join("photos/notes.txt"), {1});
  vault_.reset();

  auto reopened = PhotoVault::Open(tmp_.Join("photos"), key_, index_, {clock_, random_});
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(1, (*reopened)->collected_at_open().orphan_files);
  EXPECT_EQ(1, (*reopened)->collected_at_open().temp_files);
  EXPECT_FALSE(std::filesystem::exists((*reopened)->PathFor(orphan_id)));
  EXPECT_TRUE(std::filesystem::exists(tmp_.Join("photos/notes.txt")));
  EXPECT_TRUE((*reopened)->Read(*Uuid::FromBytes(kept->id()), kept->sha256()).ok());
}

TEST_F(PhotoVaultTest, AnotherDataKeyCannotReadThePhoto) {
  auto stored = vault_->StoreBytes(Jpeg(5000, 5), {});
  ASSERT_TRUE(stored.ok());
  sql::RawKey other;
  SecureRandom().Fill(other.mutable_bytes().data(), 32);
  auto vault = PhotoVault::Open(tmp_.Join("photos"), other, index_, {clock_, random_});
  ASSERT_TRUE(vault.ok());
  EXPECT_EQ(Code::kCorruption,
            (*vault)->Read(*Uuid::FromBytes(stored->id()), stored->sha256()).status().code());
}

}  // namespace
}  // namespace qiaomen::core::evidence
