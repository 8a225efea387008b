#include "qiaomen/core/bundle/bundle_file.h"

#include <sodium.h>

#include <vector>

namespace qiaomen::core::bundle {
namespace {

constexpr char kMagic[] = "QMBUNDL1";
constexpr size_t kMagicSize = 8;
constexpr size_t kIdSize = 16;
constexpr size_t kNonceSize = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kHeaderSize = kMagicSize + kIdSize + kNonceSize;
constexpr size_t kSigSize = crypto_sign_BYTES;
constexpr char kKeyContext[] = "qiaomen bundle v1";

const uint8_t* U8(const char* p) { return reinterpret_cast<const uint8_t*>(p); }

bool Init() { return sodium_init() >= 0; }

}  // namespace

BundleKey KeyFromTokenHash(std::span<const uint8_t> token_sha256) {
  Init();
  BundleKey key{};
  crypto_generichash(key.data(), key.size(), U8(kKeyContext), sizeof kKeyContext - 1,
                     token_sha256.data(), token_sha256.size());
  return key;
}

BundleKey KeyFromToken(std::string_view token) {
  Init();
  std::array<uint8_t, crypto_hash_sha256_BYTES> hash{};
  crypto_hash_sha256(hash.data(), U8(token.data()), token.size());
  BundleKey key = KeyFromTokenHash(hash);
  sodium_memzero(hash.data(), hash.size());
  return key;
}

Result<std::string> SealBundle(const v1::Bundle& bundle, const BundleKey& key,
                               std::span<const uint8_t, 64> signing_secret_key) {
  if (!Init()) return Internal("libsodium could not be initialised.");
  if (bundle.device_id().size() != kIdSize) {
    return InvalidArgument("A bundle needs the 16-byte device id.");
  }
  std::string plain = bundle.SerializeAsString();
  std::string file(kMagic, kMagicSize);
  file += bundle.device_id();
  std::array<uint8_t, kNonceSize> nonce{};
  randombytes_buf(nonce.data(), nonce.size());
  file.append(reinterpret_cast<const char*>(nonce.data()), nonce.size());
  std::vector<uint8_t> cipher(plain.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned long long cipher_len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(cipher.data(), &cipher_len, U8(plain.data()),
                                             plain.size(), U8(file.data()), kMagicSize + kIdSize,
                                             nullptr, nonce.data(), key.data());
  sodium_memzero(plain.data(), plain.size());
  file.append(reinterpret_cast<const char*>(cipher.data()), static_cast<size_t>(cipher_len));
  std::array<uint8_t, kSigSize> sig{};
  crypto_sign_detached(sig.data(), nullptr, U8(file.data()), file.size(),
                       signing_secret_key.data());
  file.append(reinterpret_cast<const char*>(sig.data()), sig.size());
  return file;
}

Result<std::string> BundleDeviceId(std::string_view file) {
  if (file.size() < kHeaderSize + crypto_aead_xchacha20poly1305_ietf_ABYTES + kSigSize ||
      file.substr(0, kMagicSize) != std::string_view(kMagic, kMagicSize)) {
    return InvalidArgument("This file is not a Qiaomen bundle (made by `qiaomen export-bundle`).");
  }
  return std::string(file.substr(kMagicSize, kIdSize));
}

Result<v1::Bundle> OpenBundle(std::string_view file, const BundleKey& key,
                              std::span<const uint8_t> public_key) {
  if (!Init()) return Internal("libsodium could not be initialised.");
  QM_ASSIGN_OR_RETURN(std::string device_id, BundleDeviceId(file));
  if (public_key.size() != crypto_sign_PUBLICKEYBYTES) {
    return InvalidArgument("The device's public key must be 32 bytes.");
  }
  size_t signed_size = file.size() - kSigSize;
  if (crypto_sign_verify_detached(U8(file.data() + signed_size), U8(file.data()), signed_size,
                                  public_key.data()) != 0) {
    return Unauthenticated(
        "The bundle's signature does not match its device: it was altered after it was made, "
        "or another device made it. Do not import it; ask for a new export.");
  }
  size_t cipher_size = signed_size - kHeaderSize;
  std::vector<uint8_t> plain(cipher_size);
  unsigned long long plain_len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          plain.data(), &plain_len, nullptr, U8(file.data() + kHeaderSize), cipher_size,
          U8(file.data()), kMagicSize + kIdSize, U8(file.data() + kMagicSize + kIdSize),
          key.data()) != 0) {
    return Corruption(
        "The bundle cannot be decrypted with this device's key: the device was enrolled again "
        "since it was made. Export a new bundle.");
  }
  v1::Bundle bundle;
  bool parsed = bundle.ParseFromArray(plain.data(), static_cast<int>(plain_len));
  sodium_memzero(plain.data(), plain.size());
  if (!parsed || bundle.device_id() != device_id) {
    return Corruption("The bundle's contents are damaged.");
  }
  return bundle;
}

}  // namespace qiaomen::core::bundle
