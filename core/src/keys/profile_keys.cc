#include "qiaomen/core/keys/profile_keys.h"

#include <sodium.h>

#include <cstring>
#include <vector>

#include "keys/destroy_file.h"
#include "keys/key_file_format.h"
#include "qiaomen/base/durable_file.h"

namespace qiaomen::core::keys {

// Fills UnlockedKeys' private fields for the functions in this file.
class KeyFileAccess {
 public:
  static sql::RawKey& data_key(UnlockedKeys& keys) { return keys.data_key_; }
  static std::array<uint8_t, 64>& secret(UnlockedKeys& keys) { return keys.signing_secret_key_; }
  static std::array<uint8_t, 32>& public_key(UnlockedKeys& keys) {
    return keys.signing_public_key_;
  }
};

namespace {

using format::KeyFileData;

constexpr size_t kSaltSize = crypto_pwhash_SALTBYTES;
constexpr size_t kNonceSize = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kMacSize = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr char kSigningContext[crypto_kdf_CONTEXTBYTES + 1] = "qmdevkey";

// A fixed-size secret that zeroes itself.
template <size_t N>
struct Secret {
  uint8_t bytes[N] = {};
  ~Secret() { sodium_memzero(bytes, N); }
};

// Zeroes a vector of secret bytes when it goes out of scope.
struct WipeOnExit {
  std::vector<uint8_t>& bytes;
  ~WipeOnExit() { sodium_memzero(bytes.data(), bytes.size()); }
};

const uint8_t* U8(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

Status CheckKdf(const KdfParams& kdf) {
  if (kdf.opslimit < crypto_pwhash_OPSLIMIT_MIN || kdf.opslimit > 64 ||
      kdf.memlimit_bytes < crypto_pwhash_MEMLIMIT_MIN || kdf.memlimit_bytes > (1ull << 30)) {
    return InvalidArgument("The Argon2id cost is out of range (1..64 passes, 8 KiB..1 GiB).");
  }
  return Status::Ok();
}

Status CheckPin(std::string_view pin) {
  if (pin.size() < 4 || pin.size() > 128) {
    return InvalidArgument("A PIN must have at least 4 and at most 128 characters.");
  }
  return Status::Ok();
}

Status DeriveKek(std::string_view pin, const KeyFileData& data, uint8_t* kek) {
  if (crypto_pwhash(kek, crypto_aead_xchacha20poly1305_ietf_KEYBYTES, pin.data(), pin.size(),
                    U8(data.salt), data.opslimit, data.memlimit,
                    static_cast<int>(data.kdf_alg)) != 0) {
    return ResourceExhausted(
        "There is not enough memory to check the PIN: close other apps and "
        "try again.");
  }
  return Status::Ok();
}

// Sets salt and wrapped_data_key of `data` for `pin` (the other fields must be final).
Status WrapDataKey(KeyFileData& data, std::string_view pin, const sql::RawKey& data_key,
                   KeyStore& key_store, Random& random) {
  data.salt.assign(kSaltSize, '\0');
  random.Fill(data.salt.data(), kSaltSize);
  Secret<crypto_aead_xchacha20poly1305_ietf_KEYBYTES> kek;
  QM_RETURN_IF_ERROR(DeriveKek(pin, data, kek.bytes));
  std::vector<uint8_t> inner(kNonceSize + sql::RawKey::kSize + kMacSize);
  random.Fill(inner.data(), kNonceSize);
  const std::string ad = format::PinBindingBytes(data);
  crypto_aead_xchacha20poly1305_ietf_encrypt(inner.data() + kNonceSize, nullptr,
                                             data_key.bytes().data(), sql::RawKey::kSize, U8(ad),
                                             ad.size(), nullptr, inner.data(), kek.bytes);
  QM_ASSIGN_OR_RETURN(data.wrapped_data_key, key_store.Wrap(data.keystore_alias, inner));
  return Status::Ok();
}

Status WriteKeyFile(base::FileSystem& fs, const std::string& path, const KeyFileData& data) {
  const std::vector<uint8_t> bytes = format::Encode(data);
  return base::WriteFileAtomically(
      fs, path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

Result<KeyFileData> ReadKeyFile(base::FileSystem& fs, const std::string& path) {
  auto bytes = base::ReadWholeFile(fs, path);
  if (!bytes.ok()) {
    if (bytes.status().code() == Code::kNotFound) {
      return NotFound("There is no key file at " + path + ".");
    }
    return bytes.status();
  }
  return format::Decode(std::vector<uint8_t>(bytes->begin(), bytes->end()), path);
}

Status DataGone(const std::string& path, uint32_t max_attempts) {
  return DataLoss("The PIN was wrong " + std::to_string(max_attempts) +
                  " times, so the keys of this profile (" + path +
                  ") were destroyed and its data can never be read again. The device must be "
                  "re-enrolled by township staff.");
}

// The PIN check proper, after the attempt was counted. Fills `keys` on success.
Status TryPin(const KeyFileData& data, std::string_view pin, KeyStore& key_store,
              UnlockedKeys& keys, bool& wrong_pin) {
  wrong_pin = false;
  auto inner = key_store.Unwrap(data.keystore_alias, data.wrapped_data_key);
  if (!inner.ok()) {
    if (inner.status().code() == Code::kNotFound) {
      return DataLoss("The keystore key of this profile is gone (" + inner.status().message() +
                      "), so its data can never be read again. The device must be re-enrolled.");
    }
    return inner.status();
  }
  WipeOnExit wipe_inner{*inner};
  if (inner->size() != kNonceSize + sql::RawKey::kSize + kMacSize) {
    return Corruption("The wrapped data key has the wrong size: the key file is damaged.");
  }
  Secret<crypto_aead_xchacha20poly1305_ietf_KEYBYTES> kek;
  QM_RETURN_IF_ERROR(DeriveKek(pin, data, kek.bytes));
  const std::string ad = format::PinBindingBytes(data);
  sql::RawKey& data_key = KeyFileAccess::data_key(keys);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          data_key.mutable_bytes().data(), nullptr, nullptr, inner->data() + kNonceSize,
          inner->size() - kNonceSize, U8(ad), ad.size(), inner->data(), kek.bytes) != 0) {
    wrong_pin = true;
    return Status::Ok();
  }
  // The signing key, wrapped by a subkey of the data key.
  if (data.signing_public_key.size() != crypto_sign_PUBLICKEYBYTES ||
      data.wrapped_signing_key.size() != kNonceSize + crypto_sign_SECRETKEYBYTES + kMacSize) {
    return Corruption("The device signing key in the key file is damaged; re-enrol the device.");
  }
  Secret<crypto_aead_xchacha20poly1305_ietf_KEYBYTES> sign_kek;
  crypto_kdf_derive_from_key(sign_kek.bytes, sizeof sign_kek.bytes, 1, kSigningContext,
                             data_key.bytes().data());
  const auto* wrapped = U8(data.wrapped_signing_key);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          KeyFileAccess::secret(keys).data(), nullptr, nullptr, wrapped + kNonceSize,
          data.wrapped_signing_key.size() - kNonceSize, U8(data.signing_public_key),
          data.signing_public_key.size(), wrapped, sign_kek.bytes) != 0) {
    return Corruption(
        "The device signing key does not decrypt: the key file is damaged; "
        "re-enrol the device.");
  }
  std::memcpy(KeyFileAccess::public_key(keys).data(), data.signing_public_key.data(),
              crypto_sign_PUBLICKEYBYTES);
  return Status::Ok();
}

}  // namespace

KdfParams KdfParams::Default() { return {4, 32ull << 20}; }

UnlockedKeys::UnlockedKeys(UnlockedKeys&& other) noexcept
    : data_key_(other.data_key_),
      signing_secret_key_(other.signing_secret_key_),
      signing_public_key_(other.signing_public_key_) {
  other.data_key_ = sql::RawKey();
  sodium_memzero(other.signing_secret_key_.data(), other.signing_secret_key_.size());
}
UnlockedKeys& UnlockedKeys::operator=(UnlockedKeys&& other) noexcept {
  if (this != &other) {
    data_key_ = other.data_key_;
    signing_secret_key_ = other.signing_secret_key_;
    signing_public_key_ = other.signing_public_key_;
    other.data_key_ = sql::RawKey();
    sodium_memzero(other.signing_secret_key_.data(), other.signing_secret_key_.size());
  }
  return *this;
}
UnlockedKeys::~UnlockedKeys() {
  sodium_memzero(signing_secret_key_.data(), signing_secret_key_.size());
}

Result<UnlockedKeys> CreateKeyFile(const std::string& path, std::string_view pin,
                                   const KeyOptions& options, KeyStore& key_store, Random& random,
                                   base::FileSystem& fs) {
  QM_RETURN_IF_ERROR(CheckPin(pin));
  QM_RETURN_IF_ERROR(CheckKdf(options.kdf));
  if (options.max_attempts < 1 || options.max_attempts > 100) {
    return InvalidArgument("The number of PIN attempts must be between 1 and 100.");
  }
  QM_ASSIGN_OR_RETURN(bool exists, base::FileExists(fs, path));
  if (exists) {
    return AlreadyExists("A key file already exists at " + path + ".");
  }
  UnlockedKeys keys;
  random.Fill(KeyFileAccess::data_key(keys).mutable_bytes().data(), sql::RawKey::kSize);
  {
    Secret<crypto_sign_SEEDBYTES> seed;
    random.Fill(seed.bytes, sizeof seed.bytes);
    crypto_sign_seed_keypair(KeyFileAccess::public_key(keys).data(),
                             KeyFileAccess::secret(keys).data(), seed.bytes);
  }
  KeyFileData data;
  data.max_attempts = options.max_attempts;
  data.kdf_alg = crypto_pwhash_ALG_ARGON2ID13;
  data.opslimit = options.kdf.opslimit;
  data.memlimit = options.kdf.memlimit_bytes;
  uint8_t alias_bytes[8];
  random.Fill(alias_bytes, sizeof alias_bytes);
  char alias_hex[sizeof alias_bytes * 2 + 1];
  sodium_bin2hex(alias_hex, sizeof alias_hex, alias_bytes, sizeof alias_bytes);
  data.keystore_alias = std::string("qiaomen-profile-") + alias_hex;
  data.signing_public_key.assign(
      reinterpret_cast<const char*>(KeyFileAccess::public_key(keys).data()),
      crypto_sign_PUBLICKEYBYTES);
  {
    Secret<crypto_aead_xchacha20poly1305_ietf_KEYBYTES> sign_kek;
    crypto_kdf_derive_from_key(sign_kek.bytes, sizeof sign_kek.bytes, 1, kSigningContext,
                               keys.data_key().bytes().data());
    std::string wrapped(kNonceSize + crypto_sign_SECRETKEYBYTES + kMacSize, '\0');
    auto* out = reinterpret_cast<uint8_t*>(wrapped.data());
    random.Fill(out, kNonceSize);
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        out + kNonceSize, nullptr, keys.signing_secret_key().data(), crypto_sign_SECRETKEYBYTES,
        U8(data.signing_public_key), data.signing_public_key.size(), nullptr, out, sign_kek.bytes);
    data.wrapped_signing_key = std::move(wrapped);
  }
  QM_RETURN_IF_ERROR(WrapDataKey(data, pin, keys.data_key(), key_store, random));
  QM_RETURN_IF_ERROR(fs.CreateDir(base::DirName(path)));
  QM_RETURN_IF_ERROR(WriteKeyFile(fs, path, data));
  return keys;
}

Result<UnlockedKeys> UnlockKeyFile(const std::string& path, std::string_view pin,
                                   KeyStore& key_store, base::FileSystem& fs) {
  QM_ASSIGN_OR_RETURN(KeyFileData data, ReadKeyFile(fs, path));
  if (data.kdf_alg != crypto_pwhash_ALG_ARGON2ID13 ||
      !CheckKdf({data.opslimit, data.memlimit}).ok()) {
    return Corruption("The key file " + path +
                      " names a PIN key derivation this version does not "
                      "accept; the device must be re-enrolled.");
  }
  if (data.failed_attempts >= data.max_attempts) {
    // A crash after the last wrong attempt was counted but before the keys were destroyed.
    QM_RETURN_IF_ERROR(DestroyKeyFile(path, key_store, fs));
    return DataGone(path, data.max_attempts);
  }
  // Count the attempt durably before checking: a process killed during the check has used it.
  const uint32_t counted = data.failed_attempts;
  data.failed_attempts = counted + 1;
  QM_RETURN_IF_ERROR(WriteKeyFile(fs, path, data));
  UnlockedKeys keys;
  bool wrong_pin = false;
  QM_RETURN_IF_ERROR(TryPin(data, pin, key_store, keys, wrong_pin));
  if (wrong_pin) {
    if (data.failed_attempts >= data.max_attempts) {
      QM_RETURN_IF_ERROR(DestroyKeyFile(path, key_store, fs));
      return DataGone(path, data.max_attempts);
    }
    const uint32_t left = data.max_attempts - data.failed_attempts;
    return Unauthenticated("The PIN is wrong. " + std::to_string(left) +
                           (left == 1 ? " attempt remains" : " attempts remain") +
                           " before the data on this device is erased for good.");
  }
  data.failed_attempts = 0;
  QM_RETURN_IF_ERROR(WriteKeyFile(fs, path, data));
  return keys;
}

Status ChangePin(const std::string& path, std::string_view old_pin, std::string_view new_pin,
                 KeyStore& key_store, Random& random, std::optional<KdfParams> new_kdf,
                 base::FileSystem& fs) {
  QM_RETURN_IF_ERROR(CheckPin(new_pin));
  if (new_kdf) QM_RETURN_IF_ERROR(CheckKdf(*new_kdf));
  QM_ASSIGN_OR_RETURN(UnlockedKeys keys, UnlockKeyFile(path, old_pin, key_store, fs));
  QM_ASSIGN_OR_RETURN(KeyFileData data, ReadKeyFile(fs, path));
  if (new_kdf) {
    data.opslimit = new_kdf->opslimit;
    data.memlimit = new_kdf->memlimit_bytes;
  }
  data.failed_attempts = 0;
  QM_RETURN_IF_ERROR(WrapDataKey(data, new_pin, keys.data_key(), key_store, random));
  return WriteKeyFile(fs, path, data);
}

Result<KeyFileInfo> InspectKeyFile(const std::string& path, base::FileSystem& fs) {
  QM_ASSIGN_OR_RETURN(KeyFileData data, ReadKeyFile(fs, path));
  KeyFileInfo info;
  info.max_attempts = data.max_attempts;
  info.failed_attempts = data.failed_attempts;
  info.kdf = {data.opslimit, data.memlimit};
  if (data.signing_public_key.size() == info.signing_public_key.size()) {
    std::memcpy(info.signing_public_key.data(), data.signing_public_key.data(),
                info.signing_public_key.size());
  }
  return info;
}

Status DestroyKeyFile(const std::string& path, KeyStore& key_store, base::FileSystem& fs) {
  auto data = ReadKeyFile(fs, path);
  QM_RETURN_IF_ERROR(DestroyFile(path + ".tmp", fs));
  QM_RETURN_IF_ERROR(DestroyFile(path, fs));
  if (data.ok()) QM_RETURN_IF_ERROR(key_store.DeleteKey(data->keystore_alias));
  return Status::Ok();
}

}  // namespace qiaomen::core::keys
