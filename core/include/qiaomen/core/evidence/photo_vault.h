#pragma once
// The profile's photo evidence on disk. A photo is never stored in clear: its bytes are streamed,
// in 64 KiB chunks, through SHA-256 and libsodium's secretstream (XChaCha20-Poly1305) into
// `<dir>/<photo id>.photo`, under a key derived from the profile's data key and the photo id
// (crypto_kdf). Writes go to `<id>.photo.tmp`, are fsynced, renamed and the folder fsynced; only
// then is the photo recorded through the PhotoIndex (photo row + journal row in one transaction).
// If recording fails the file is deleted. A crash between the file and the row leaves a file with
// no row: Open() deletes those and any stale temp file.
//
// File layout: "QMPHOTO1", the 24-byte secretstream header, then chunks of up to 64 KiB + 17 bytes;
// the last chunk carries TAG_FINAL. Every chunk is authenticated with the photo id as associated
// data.
//
// Thumbnails (Photo.thumbnail) are not made here: core has no image codec; the app (Qt) makes them.
//
// Not thread-safe: one vault per profile, used from the writer thread.

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "qiaomen/base/file_system.h"
#include "qiaomen/core/clock.h"
#include "qiaomen/core/evidence/photo_index.h"
#include "qiaomen/core/random.h"
#include "qiaomen/core/sql/database.h"
#include "qiaomen/core/status.h"
#include "qiaomen/core/uuid.h"
#include "qiaomen/v1/records.pb.h"

namespace qiaomen::core::evidence {

struct PhotoVaultDeps {
  Clock& clock;    // photo ids are UUIDv7
  Random& random;  // ids; SecureRandom() in production
  // Called before each file step (create, write, fsync, close, rename, unlink): the crash tests
  // count these steps and stop the process at each one. Empty in production.
  std::function<void(std::string_view step)> observer = {};
  // Where the photo files are read and written; must outlive the vault. The crash tests pass a
  // fault-injecting one.
  base::FileSystem* fs = &base::LocalFileSystem();
};

// What Open() cleaned up.
struct CollectReport {
  int orphan_files = 0;  // <id>.photo with no photo row
  int temp_files = 0;    // *.tmp left by an interrupted write
};

class PhotoSource;  // internal: where StoreBytes and StoreFile read the plaintext from

class PhotoVault {
 public:
  // Opens the vault in `dir` (created, mode 0700, if missing) and collects orphans and temp files.
  // `index` and the deps must outlive the vault; the key is copied (and zeroed on destruction).
  // Errors: IOError on storage errors, or the index's error from HasPhoto.
  static Result<std::unique_ptr<PhotoVault>> Open(std::string dir, const sql::RawKey& data_key,
                                                  PhotoIndex& index, PhotoVaultDeps deps);

  // Stores `jpeg` and records it. `meta` gives taken_at, location, what it proves, mime type; the
  // vault fills id (a new UUIDv7 unless meta.id is set), sha256 and size and returns the recorded
  // metadata. Errors: InvalidArgument for a bad meta.id; the index's error (the file is deleted);
  // IOError/ResourceExhausted on storage errors (nothing is recorded).
  Result<v1::Photo> StoreBytes(std::span<const uint8_t> jpeg, v1::Photo meta);
  // The same from a file, read once in chunks (never whole into memory). NotFound if it is missing.
  Result<v1::Photo> StoreFile(const std::string& path, v1::Photo meta);

  // Seals `jpeg` into its encrypted file (durable: file and folder fsynced) WITHOUT recording it:
  // the caller records the returned metadata (id, sha256 and size filled in) itself, e.g. with a
  // whole visit in one transaction (Store::RecordVisit) or on a draft (Store::AddDraftPhoto).
  // Until a row names it, the file is an orphan that CollectOrphans deletes (after a crash).
  // Errors as StoreBytes, without the index's.
  Result<v1::Photo> SealBytes(std::span<const uint8_t> jpeg, v1::Photo meta);
  Result<v1::Photo> SealFile(const std::string& path, v1::Photo meta);
  // Deletes the file of photo `id` (sealed but not kept). Ok when there is none; IOError otherwise.
  Status Discard(const Uuid& id);

  // Decrypts the photo `id`, checks every chunk's tag and that the plaintext SHA-256 equals
  // `expected_sha256` (32 bytes). Corruption, with a sentence saying so, when the file was altered,
  // truncated or replaced; NotFound when there is no file.
  Result<std::vector<uint8_t>> Read(const Uuid& id, std::string_view expected_sha256);

  // Deletes files with no photo row and temp files. Open() calls it; safe to call again.
  Result<CollectReport> CollectOrphans();

  // Where the photo `id` is (or would be) stored.
  std::string PathFor(const Uuid& id) const;
  const std::string& dir() const { return dir_; }
  const CollectReport& collected_at_open() const { return collected_at_open_; }

 private:
  PhotoVault(std::string dir, const sql::RawKey& data_key, PhotoIndex& index, PhotoVaultDeps deps)
      : dir_(std::move(dir)), data_key_(data_key), index_(index), deps_(deps) {}
  Result<v1::Photo> Seal(PhotoSource& source, v1::Photo meta);
  Result<v1::Photo> Record(v1::Photo sealed);
  void Observe(std::string_view step) {
    if (deps_.observer) deps_.observer(step);
  }

  std::string dir_;
  sql::RawKey data_key_;
  PhotoIndex& index_;
  PhotoVaultDeps deps_;
  CollectReport collected_at_open_;
};

}  // namespace qiaomen::core::evidence
