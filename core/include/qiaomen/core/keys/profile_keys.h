#pragma once
// A profile's keys: the 256-bit data key that opens its SQLCipher database (and derives the photo
// keys), and the device's Ed25519 signing key. Both live in the profile's key file only wrapped:
//   - the data key by a key derived from the worker's PIN with Argon2id (libsodium crypto_pwhash),
//     and that blob once more by the platform KeyStore, so trying PINs needs this device;
//   - the signing secret key by a subkey of the data key (so it is gone when the data key is).
// Wrong PINs are counted in the key file, durably, BEFORE the PIN is checked: killing the process
// between attempts never resets the count. After `max_attempts` wrong PINs in a row the key file is
// overwritten and deleted and the keystore key destroyed: the data is gone, by design.
// Every function reads and writes the key file through `fs` (the real file system by default; a
// fault-injecting one in the crash tests).
// Not thread-safe: one process unlocks a profile at a time.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "qiaomen/base/file_system.h"
#include "qiaomen/core/keys/key_store.h"
#include "qiaomen/core/random.h"
#include "qiaomen/core/sql/database.h"
#include "qiaomen/core/status.h"

namespace qiaomen::core::keys {

// Argon2id cost, stored in the key file so it can change (ChangePin may pass new ones).
struct KdfParams {
  uint64_t opslimit = 0;
  uint64_t memlimit_bytes = 0;

  // Production: Argon2id, opslimit 4 passes, memlimit 32 MiB. Measured on the 2-core dev machine
  // (release build, tests/bench/evidence_bench.cc): BM_Argon2idOnly 116 ms of CPU per derivation
  // (3 passes gave 108-112 ms, too close to the 100 ms floor; wall time was ~400 ms under a load
  // average of 13). A phone is slower, so an unlock costs it well under a second.
  static KdfParams Default();
};

struct KeyOptions {
  KdfParams kdf = KdfParams::Default();
  // Wrong PINs in a row after which the keys are destroyed; fixed at enrolment. 1..100.
  uint32_t max_attempts = 10;
};

// The secrets of an unlocked profile. Zeroed on destruction. Move-only; do not keep longer than
// needed.
class UnlockedKeys {
 public:
  UnlockedKeys() = default;
  UnlockedKeys(UnlockedKeys&& other) noexcept;
  UnlockedKeys& operator=(UnlockedKeys&& other) noexcept;
  UnlockedKeys(const UnlockedKeys&) = delete;
  UnlockedKeys& operator=(const UnlockedKeys&) = delete;
  ~UnlockedKeys();

  const sql::RawKey& data_key() const { return data_key_; }
  // Ed25519 secret key (libsodium's 64-byte form) and public key.
  const std::array<uint8_t, 64>& signing_secret_key() const { return signing_secret_key_; }
  const std::array<uint8_t, 32>& signing_public_key() const { return signing_public_key_; }

 private:
  friend class KeyFileAccess;
  sql::RawKey data_key_;
  std::array<uint8_t, 64> signing_secret_key_{};
  std::array<uint8_t, 32> signing_public_key_{};
};

// What the key file says without the PIN.
struct KeyFileInfo {
  uint32_t max_attempts = 0;
  uint32_t failed_attempts = 0;
  KdfParams kdf;
  std::array<uint8_t, 32> signing_public_key{};
};

// Makes a new data key and signing keypair with `random` (SecureRandom() in production) and writes
// the key file at `path` atomically. AlreadyExists when `path` exists; InvalidArgument for a PIN
// shorter than 4 or longer than 128 bytes or options out of range; IOError on storage errors.
Result<UnlockedKeys> CreateKeyFile(const std::string& path, std::string_view pin,
                                   const KeyOptions& options, KeyStore& key_store, Random& random,
                                   base::FileSystem& fs = base::LocalFileSystem());

// Unwraps the keys with `pin`. Errors:
//   Unauthenticated: wrong PIN; the message says how many attempts remain.
//   DataLoss: that was the last attempt (the keys are now destroyed), or the keys were destroyed
//             before; the data is gone and the device must be re-enrolled.
//   NotFound: there is no key file at `path`.
//   Corruption: the key file is damaged. IOError: storage errors (the attempt may have been
//   counted).
Result<UnlockedKeys> UnlockKeyFile(const std::string& path, std::string_view pin,
                                   KeyStore& key_store,
                                   base::FileSystem& fs = base::LocalFileSystem());

// Rewraps the data key under `new_pin` (new salt; `new_kdf` or the current cost) and writes the key
// file atomically (temp, fsync, rename, fsync dir). The database is not touched: its key is
// unchanged. A wrong `old_pin` counts as a failed attempt, with UnlockKeyFile's errors.
Status ChangePin(const std::string& path, std::string_view old_pin, std::string_view new_pin,
                 KeyStore& key_store, Random& random, std::optional<KdfParams> new_kdf = {},
                 base::FileSystem& fs = base::LocalFileSystem());

// Reads the unencrypted settings. NotFound, Corruption, FailedPrecondition (newer version).
Result<KeyFileInfo> InspectKeyFile(const std::string& path,
                                   base::FileSystem& fs = base::LocalFileSystem());

// Overwrites and deletes the key file (and a leftover temp copy) and destroys its keystore key.
Status DestroyKeyFile(const std::string& path, KeyStore& key_store,
                      base::FileSystem& fs = base::LocalFileSystem());

}  // namespace qiaomen::core::keys
