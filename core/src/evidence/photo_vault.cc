#include "qiaomen/core/evidence/photo_vault.h"

#include <sodium.h>

#include <cstring>

#include "qiaomen/base/durable_file.h"

namespace qiaomen::core::evidence {
namespace {

constexpr char kMagic[8] = {'Q', 'M', 'P', 'H', 'O', 'T', 'O', '1'};
constexpr size_t kChunk = 64 * 1024;
constexpr size_t kHeader = crypto_secretstream_xchacha20poly1305_HEADERBYTES;
constexpr size_t kTag = crypto_secretstream_xchacha20poly1305_ABYTES;
constexpr char kPhotoContext[crypto_kdf_CONTEXTBYTES + 1] = "qmphoto1";
constexpr std::string_view kSuffix = ".photo";
constexpr std::string_view kTempSuffix = ".tmp";

// The per-file key: crypto_kdf subkey of the data key, its 64-bit id a hash of the photo id.
struct FileKey {
  uint8_t bytes[crypto_secretstream_xchacha20poly1305_KEYBYTES] = {};
  FileKey(const sql::RawKey& data_key, const Uuid& id) {
    uint8_t digest[8];
    crypto_generichash(digest, sizeof digest, id.bytes().data(), id.bytes().size(), nullptr, 0);
    uint64_t subkey_id = 0;
    for (uint8_t b : digest) subkey_id = (subkey_id << 8) | b;
    crypto_kdf_derive_from_key(bytes, sizeof bytes, subkey_id, kPhotoContext,
                               data_key.bytes().data());
  }
  ~FileKey() { sodium_memzero(bytes, sizeof bytes); }
};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

Status Tampered(const std::string& path, std::string_view what) {
  return Corruption("The photo file " + path + " " + std::string(what) +
                    ": it was altered or damaged after it was stored, so it is not valid evidence. "
                    "Take the photo again if you can.");
}

}  // namespace

// Where plaintext comes from: bytes in memory or a file read in chunks.
class PhotoSource {
 public:
  virtual ~PhotoSource() = default;
  // Fills `out` as far as possible; fewer bytes only at the end. 0 = end.
  virtual Result<size_t> Read(std::span<uint8_t> out) = 0;
};

namespace {

class BytesSource final : public PhotoSource {
 public:
  explicit BytesSource(std::span<const uint8_t> bytes) : bytes_(bytes) {}
  Result<size_t> Read(std::span<uint8_t> out) override {
    const size_t n = std::min(out.size(), bytes_.size() - pos_);
    if (n > 0) std::memcpy(out.data(), bytes_.data() + pos_, n);
    pos_ += n;
    return n;
  }

 private:
  std::span<const uint8_t> bytes_;
  size_t pos_ = 0;
};

class FileSource final : public PhotoSource {
 public:
  explicit FileSource(std::unique_ptr<base::SequentialFile> file) : file_(std::move(file)) {}
  Result<size_t> Read(std::span<uint8_t> out) override { return file_->Read(out); }

 private:
  std::unique_ptr<base::SequentialFile> file_;
};

}  // namespace

Result<std::unique_ptr<PhotoVault>> PhotoVault::Open(std::string dir, const sql::RawKey& data_key,
                                                     PhotoIndex& index, PhotoVaultDeps deps) {
  if (sodium_init() < 0) return Internal("libsodium could not be initialised.");
  QM_RETURN_IF_ERROR(deps.fs->CreateDir(dir, 0700));
  std::unique_ptr<PhotoVault> vault(new PhotoVault(std::move(dir), data_key, index, deps));
  QM_ASSIGN_OR_RETURN(vault->collected_at_open_, vault->CollectOrphans());
  return vault;
}

std::string PhotoVault::PathFor(const Uuid& id) const {
  return dir_ + "/" + id.ToString() + std::string(kSuffix);
}

Result<v1::Photo> PhotoVault::StoreBytes(std::span<const uint8_t> jpeg, v1::Photo meta) {
  QM_ASSIGN_OR_RETURN(v1::Photo sealed, SealBytes(jpeg, std::move(meta)));
  return Record(std::move(sealed));
}

Result<v1::Photo> PhotoVault::StoreFile(const std::string& path, v1::Photo meta) {
  QM_ASSIGN_OR_RETURN(v1::Photo sealed, SealFile(path, std::move(meta)));
  return Record(std::move(sealed));
}

Result<v1::Photo> PhotoVault::Record(v1::Photo sealed) {
  if (Status recorded = index_.RecordPhoto(sealed); !recorded.ok()) {
    Discard(*Uuid::FromBytes(sealed.id())).IgnoreError();
    return recorded.WithContext("recording the photo");
  }
  return sealed;
}

Result<v1::Photo> PhotoVault::SealBytes(std::span<const uint8_t> jpeg, v1::Photo meta) {
  BytesSource source(jpeg);
  return Seal(source, std::move(meta));
}

Result<v1::Photo> PhotoVault::SealFile(const std::string& path, v1::Photo meta) {
  auto file = deps_.fs->NewSequentialFile(path);
  if (!file.ok()) {
    if (file.status().code() == Code::kNotFound) {
      return NotFound("There is no photo file at " + path + ": take or choose the photo again.");
    }
    return file.status();
  }
  FileSource source(std::move(file).value());
  return Seal(source, std::move(meta));
}

Status PhotoVault::Discard(const Uuid& id) {
  const std::string path = PathFor(id);
  Observe("photo: unlink");
  if (Status removed = deps_.fs->Remove(path); !removed.ok()) {
    if (removed.code() == Code::kNotFound) return Status::Ok();
    return removed.WithContext("deleting the photo");
  }
  return deps_.fs->SyncDir(dir_);
}

Result<v1::Photo> PhotoVault::Seal(PhotoSource& source, v1::Photo meta) {
  Uuid id;
  if (meta.id().empty()) {
    id = Uuid::NewV7(deps_.clock, deps_.random);
    meta.set_id(id.ToBytes());
  } else {
    QM_ASSIGN_OR_RETURN(id, Uuid::FromBytes(meta.id()));
  }
  const std::string final_path = PathFor(id);
  const std::string temp_path = final_path + std::string(kTempSuffix);
  QM_ASSIGN_OR_RETURN(bool exists, base::FileExists(*deps_.fs, final_path));
  if (exists) {
    return AlreadyExists("A photo with id " + id.ToString() + " is already stored.");
  }

  FileKey key(data_key_, id);
  crypto_secretstream_xchacha20poly1305_state state;
  uint8_t header[kHeader];
  crypto_secretstream_xchacha20poly1305_init_push(&state, header, key.bytes);
  crypto_hash_sha256_state sha;
  crypto_hash_sha256_init(&sha);

  int64_t size = 0;
  {
    Observe("photo: create");
    QM_ASSIGN_OR_RETURN(std::unique_ptr<base::WritableFile> out,
                        deps_.fs->NewWritableFile(temp_path, 0600));
    auto fail = [&](Status status) {
      out.reset();
      deps_.fs->Remove(temp_path).IgnoreError();
      sodium_memzero(&state, sizeof state);
      return status;
    };
    std::vector<uint8_t> prefix(kMagic, kMagic + sizeof kMagic);
    prefix.insert(prefix.end(), header, header + kHeader);
    Observe("photo: write header");
    if (Status s = out->Append(prefix); !s.ok()) return fail(s);
    // Look one chunk ahead so the last chunk can carry TAG_FINAL.
    std::vector<uint8_t> current(kChunk), next(kChunk), cipher(kChunk + kTag);
    auto first = source.Read(current);
    if (!first.ok()) return fail(first.status());
    size_t current_size = *first;
    while (true) {
      size_t next_size = 0;
      if (current_size == kChunk) {
        auto n = source.Read(next);
        if (!n.ok()) return fail(n.status());
        next_size = *n;
      }
      const bool last = next_size == 0;
      crypto_hash_sha256_update(&sha, current.data(), current_size);
      unsigned long long cipher_size = 0;
      crypto_secretstream_xchacha20poly1305_push(
          &state, cipher.data(), &cipher_size, current.data(), current_size, id.bytes().data(),
          id.bytes().size(),
          last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
               : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
      size += static_cast<int64_t>(current_size);
      Observe("photo: write chunk");
      if (Status s = out->Append(std::span(cipher.data(), cipher_size)); !s.ok()) {
        return fail(s);
      }
      if (last) break;
      std::swap(current, next);
      current_size = next_size;
    }
    sodium_memzero(current.data(), current.size());
    sodium_memzero(next.data(), next.size());
    sodium_memzero(&state, sizeof state);
    Observe("photo: fsync");
    if (Status s = out->Sync(); !s.ok()) return fail(s);
    Observe("photo: close");
    if (Status s = out->Close(); !s.ok()) return fail(s);
  }
  Observe("photo: rename");
  if (Status renamed = deps_.fs->Rename(temp_path, final_path); !renamed.ok()) {
    deps_.fs->Remove(temp_path).IgnoreError();
    return renamed.WithContext("storing the photo");
  }
  Observe("photo: fsync folder");
  QM_RETURN_IF_ERROR(deps_.fs->SyncDir(dir_).WithContext("storing the photo " + final_path));

  std::string digest(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256_final(&sha, reinterpret_cast<uint8_t*>(digest.data()));
  meta.set_sha256(digest);
  meta.set_size(size);
  return meta;
}

Result<std::vector<uint8_t>> PhotoVault::Read(const Uuid& id, std::string_view expected_sha256) {
  const std::string path = PathFor(id);
  auto file = deps_.fs->NewSequentialFile(path);
  if (!file.ok()) {
    if (file.status().code() == Code::kNotFound) {
      return NotFound("The photo " + id.ToString() + " has no file on this device.");
    }
    return file.status();
  }
  uint8_t prefix[sizeof kMagic + kHeader];
  QM_ASSIGN_OR_RETURN(size_t got, (*file)->Read(prefix));
  if (got != sizeof prefix || std::memcmp(prefix, kMagic, sizeof kMagic) != 0) {
    return Tampered(path, "does not start like a Qiaomen photo");
  }
  FileKey key(data_key_, id);
  crypto_secretstream_xchacha20poly1305_state state;
  if (crypto_secretstream_xchacha20poly1305_init_pull(&state, prefix + sizeof kMagic, key.bytes) !=
      0) {
    return Tampered(path, "has a damaged header");
  }
  crypto_hash_sha256_state sha;
  crypto_hash_sha256_init(&sha);
  std::vector<uint8_t> plain;
  std::vector<uint8_t> cipher(kChunk + kTag), chunk(kChunk);
  bool final_seen = false;
  while (true) {
    QM_ASSIGN_OR_RETURN(size_t n, (*file)->Read(cipher));
    if (n == 0) break;
    if (final_seen) return Tampered(path, "has bytes after its last block");
    unsigned long long chunk_size = 0;
    unsigned char tag = 0;
    if (n < kTag || crypto_secretstream_xchacha20poly1305_pull(
                        &state, chunk.data(), &chunk_size, &tag, cipher.data(), n,
                        id.bytes().data(), id.bytes().size()) != 0) {
      sodium_memzero(plain.data(), plain.size());
      return Tampered(path, "failed its integrity check");
    }
    crypto_hash_sha256_update(&sha, chunk.data(), chunk_size);
    plain.insert(plain.end(), chunk.begin(), chunk.begin() + static_cast<ptrdiff_t>(chunk_size));
    if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) final_seen = true;
  }
  sodium_memzero(chunk.data(), chunk.size());
  sodium_memzero(&state, sizeof state);
  if (!final_seen) {
    sodium_memzero(plain.data(), plain.size());
    return Tampered(path, "is cut short (its last block is missing)");
  }
  uint8_t digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&sha, digest);
  if (expected_sha256.size() != sizeof digest ||
      sodium_memcmp(digest, expected_sha256.data(), sizeof digest) != 0) {
    sodium_memzero(plain.data(), plain.size());
    return Tampered(path, "does not have the SHA-256 recorded for this photo");
  }
  return plain;
}

Result<CollectReport> PhotoVault::CollectOrphans() {
  CollectReport report;
  QM_ASSIGN_OR_RETURN(std::vector<std::string> names, deps_.fs->ListDir(dir_));
  bool removed = false;
  for (const std::string& name : names) {
    const std::string path = dir_ + "/" + name;
    if (EndsWith(name, kTempSuffix)) {
      if (deps_.fs->Remove(path).ok()) {
        ++report.temp_files;
        removed = true;
      }
      continue;
    }
    if (!EndsWith(name, kSuffix)) continue;
    auto id = Uuid::Parse(std::string_view(name).substr(0, name.size() - kSuffix.size()));
    if (!id.ok()) continue;
    QM_ASSIGN_OR_RETURN(bool recorded, index_.HasPhoto(*id));
    if (!recorded && deps_.fs->Remove(path).ok()) {
      ++report.orphan_files;
      removed = true;
    }
  }
  if (removed) QM_RETURN_IF_ERROR(deps_.fs->SyncDir(dir_));
  return report;
}

}  // namespace qiaomen::core::evidence
