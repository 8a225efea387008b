#include "qiaomen/core/bundle/bundle_file.h"

#include <sodium.h>

#include <algorithm>
#include <vector>

namespace qiaomen::core::bundle {
namespace {

constexpr char kMagicV1[] = "QMBUNDL1";
constexpr char kMagicV2[] = "QMBUNDL2";
constexpr size_t kMagicSize = 8;
constexpr size_t kIdSize = 16;
constexpr size_t kSealedKeySize =
    crypto_aead_xchacha20poly1305_ietf_KEYBYTES + crypto_box_SEALBYTES;
constexpr size_t kNonceSize = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kSigSize = crypto_sign_BYTES;
constexpr size_t kTagSize = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr char kKeyContext[] = "qiaomen bundle v1";

static_assert(crypto_box_PUBLICKEYBYTES == 32 && crypto_box_SECRETKEYBYTES == 32);
static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == sizeof(BundleKey));

const uint8_t* U8(const char* p) { return reinterpret_cast<const uint8_t*>(p); }

bool Init() { return sodium_init() >= 0; }

// Where the parts of a file of `format` start. The associated data is every byte before the
// nonce: the magic and device id (v1), and the sealed key (v2).
struct Layout {
  size_t nonce;
  size_t cipher;
};

Layout LayoutOf(BundleFormat format) {
  size_t nonce = kMagicSize + kIdSize + (format == BundleFormat::kSealed ? kSealedKeySize : 0);
  return {nonce, nonce + kNonceSize};
}

Status NotABundle() {
  return InvalidArgument("This file is not a Qiaomen bundle (made by `qiaomen export-bundle`).");
}

Status CheckSignature(std::string_view file, std::span<const uint8_t> device_public_key) {
  if (device_public_key.size() != crypto_sign_PUBLICKEYBYTES) {
    return InvalidArgument("The device's public key must be 32 bytes.");
  }
  size_t signed_size = file.size() - kSigSize;
  if (crypto_sign_verify_detached(U8(file.data() + signed_size), U8(file.data()), signed_size,
                                  device_public_key.data()) != 0) {
    return Unauthenticated(
        "The bundle's signature does not match its device: it was altered after it was made, "
        "or another device made it. Do not import it; ask for a new export.");
  }
  return Status::Ok();
}

// Decrypts the contents of a file whose signature was checked, and parses them.
Result<v1::Bundle> Decrypt(std::string_view file, BundleFormat format, const BundleKey& key,
                           const std::string& device_id, const char* wrong_key_message) {
  Layout at = LayoutOf(format);
  size_t cipher_size = file.size() - kSigSize - at.cipher;
  std::vector<uint8_t> plain(cipher_size);
  unsigned long long plain_len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          plain.data(), &plain_len, nullptr, U8(file.data() + at.cipher), cipher_size,
          U8(file.data()), at.nonce, U8(file.data() + at.nonce), key.data()) != 0) {
    return Corruption(wrong_key_message);
  }
  v1::Bundle bundle;
  bool parsed = bundle.ParseFromArray(plain.data(), static_cast<int>(plain_len));
  sodium_memzero(plain.data(), plain.size());
  if (!parsed || bundle.device_id() != device_id) {
    return Corruption("The bundle's contents are damaged.");
  }
  return bundle;
}

}  // namespace

CountyKeyPair::~CountyKeyPair() { sodium_memzero(secret_key.data(), secret_key.size()); }

Result<CountyKeyPair> NewCountyKeyPair() {
  if (!Init()) return Internal("libsodium could not be initialised.");
  CountyKeyPair pair;
  crypto_box_keypair(pair.public_key.data(), pair.secret_key.data());
  return pair;
}

Result<CountyKeyPair> CountyKeyPairFromSecret(std::span<const uint8_t> secret_key) {
  if (!Init()) return Internal("libsodium could not be initialised.");
  if (secret_key.size() != crypto_box_SECRETKEYBYTES) {
    return InvalidArgument("A county bundle secret key is 32 bytes.");
  }
  CountyKeyPair pair;
  std::copy(secret_key.begin(), secret_key.end(), pair.secret_key.begin());
  if (crypto_scalarmult_base(pair.public_key.data(), pair.secret_key.data()) != 0) {
    return InvalidArgument("This is not a usable county bundle secret key.");
  }
  return pair;
}

Result<BundleHeader> ReadBundleHeader(std::string_view file) {
  if (file.size() < kMagicSize) return NotABundle();
  BundleHeader header;
  std::string_view magic = file.substr(0, kMagicSize);
  if (magic == std::string_view(kMagicV2, kMagicSize)) {
    header.format = BundleFormat::kSealed;
  } else if (magic == std::string_view(kMagicV1, kMagicSize)) {
    header.format = BundleFormat::kTokenKeyed;
  } else {
    return NotABundle();
  }
  if (file.size() < LayoutOf(header.format).cipher + kTagSize + kSigSize) {
    return NotABundle();
  }
  header.device_id = std::string(file.substr(kMagicSize, kIdSize));
  return header;
}

Result<std::string> SealBundle(const v1::Bundle& bundle, std::span<const uint8_t> county_public_key,
                               std::span<const uint8_t, 64> signing_secret_key) {
  if (!Init()) return Internal("libsodium could not be initialised.");
  if (bundle.device_id().size() != kIdSize) {
    return InvalidArgument("A bundle needs the 16-byte device id.");
  }
  if (county_public_key.size() != crypto_box_PUBLICKEYBYTES) {
    return InvalidArgument("The county's bundle public key must be 32 bytes.");
  }
  BundleKey key{};
  crypto_aead_xchacha20poly1305_ietf_keygen(key.data());
  std::array<uint8_t, kSealedKeySize> sealed{};
  if (crypto_box_seal(sealed.data(), key.data(), key.size(), county_public_key.data()) != 0) {
    sodium_memzero(key.data(), key.size());
    return InvalidArgument("The county's bundle public key is not usable. Sync the device again.");
  }
  std::string file(kMagicV2, kMagicSize);
  file += bundle.device_id();
  file.append(reinterpret_cast<const char*>(sealed.data()), sealed.size());
  std::array<uint8_t, kNonceSize> nonce{};
  randombytes_buf(nonce.data(), nonce.size());
  const size_t associated = file.size();
  file.append(reinterpret_cast<const char*>(nonce.data()), nonce.size());
  std::string plain = bundle.SerializeAsString();
  std::vector<uint8_t> cipher(plain.size() + kTagSize);
  unsigned long long cipher_len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(cipher.data(), &cipher_len, U8(plain.data()),
                                             plain.size(), U8(file.data()), associated, nullptr,
                                             nonce.data(), key.data());
  sodium_memzero(plain.data(), plain.size());
  sodium_memzero(key.data(), key.size());
  file.append(reinterpret_cast<const char*>(cipher.data()), static_cast<size_t>(cipher_len));
  std::array<uint8_t, kSigSize> sig{};
  crypto_sign_detached(sig.data(), nullptr, U8(file.data()), file.size(),
                       signing_secret_key.data());
  file.append(reinterpret_cast<const char*>(sig.data()), sig.size());
  return file;
}

Result<v1::Bundle> OpenSealedBundle(std::string_view file, const CountyKeyPair& county,
                                    std::span<const uint8_t> device_public_key) {
  if (!Init()) return Internal("libsodium could not be initialised.");
  QM_ASSIGN_OR_RETURN(BundleHeader header, ReadBundleHeader(file));
  if (header.format != BundleFormat::kSealed) {
    return InvalidArgument("This bundle is in the old format keyed from the device's token.");
  }
  QM_RETURN_IF_ERROR(CheckSignature(file, device_public_key));
  BundleKey key{};
  if (crypto_box_seal_open(key.data(), U8(file.data() + kMagicSize + kIdSize), kSealedKeySize,
                           county.public_key.data(), county.secret_key.data()) != 0) {
    return PermissionDenied(
        "The bundle was sealed to another county bundle key than this server's: it was made for "
        "another county, or before this county's bundle key was replaced. Let the device sync with "
        "this county once and export the bundle again.");
  }
  auto bundle = Decrypt(
      file, BundleFormat::kSealed, key, header.device_id,
      "The bundle's contents do not decrypt: the file is damaged. Export it again on the device.");
  sodium_memzero(key.data(), key.size());
  return bundle;
}

BundleKey KeyFromTokenHash(std::span<const uint8_t> token_sha256) {
  Init();
  BundleKey key{};
  crypto_generichash(key.data(), key.size(), U8(kKeyContext), sizeof kKeyContext - 1,
                     token_sha256.data(), token_sha256.size());
  return key;
}

Result<v1::Bundle> OpenBundle(std::string_view file, const BundleKey& key,
                              std::span<const uint8_t> device_public_key) {
  if (!Init()) return Internal("libsodium could not be initialised.");
  QM_ASSIGN_OR_RETURN(BundleHeader header, ReadBundleHeader(file));
  if (header.format != BundleFormat::kTokenKeyed) {
    return InvalidArgument(
        "This bundle is sealed to the county's bundle key; it is not keyed from a token.");
  }
  QM_RETURN_IF_ERROR(CheckSignature(file, device_public_key));
  return Decrypt(file, BundleFormat::kTokenKeyed, key, header.device_id,
                 "The bundle cannot be decrypted with this device's key: the device was enrolled "
                 "again since it was made. Export a new bundle.");
}

}  // namespace qiaomen::core::bundle
