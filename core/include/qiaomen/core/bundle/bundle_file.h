#pragma once
// The offline bundle file: a device's changes and photos for teams with no signal at all, carried
// to the county on a USB stick and imported there. Encrypted and signed. Two formats:
//
//   v2  "QMBUNDL2" | device id (16) | sealed key (80) | nonce (24) | XChaCha20-Poly1305(Bundle)
//       | Ed25519 signature (64)
//   v1  "QMBUNDL1" | device id (16) | nonce (24) | XChaCha20-Poly1305(Bundle)
//       | Ed25519 signature (64)
//
// v2 (what devices write): a random key per bundle encrypts the contents, and that key is sealed
// (libsodium crypto_box_seal) to the county's bundle public key. Only the county's bundle secret
// key, which the server keeps in a file apart from its database, opens it. The associated data is
// everything before the nonce.
//
// v1 (written by devices before v2; read only): the key is derived (BLAKE2b) from the SHA-256 of
// the device's bearer token, which the county database stores, so a copy of that database opens
// it. The associated data is the magic and the device id.
//
// In both, the signature by the device's enrolment key covers every byte before it, so the county
// knows which device made the bundle and that nobody altered it. Pure: no I/O. Thread-safe.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "qiaomen/core/status.h"
#include "qiaomen/v1/bundle.pb.h"

namespace qiaomen::core::bundle {

using BundleKey = std::array<uint8_t, 32>;

// The county's bundle key pair (libsodium crypto_box, X25519). The secret half is zeroed when the
// value is destroyed.
struct CountyKeyPair {
  CountyKeyPair() = default;
  CountyKeyPair(const CountyKeyPair&) = default;
  CountyKeyPair& operator=(const CountyKeyPair&) = default;
  ~CountyKeyPair();
  std::array<uint8_t, 32> public_key{};
  std::array<uint8_t, 32> secret_key{};
};

// A new random key pair. Internal when libsodium cannot start.
Result<CountyKeyPair> NewCountyKeyPair();
// The pair of `secret_key` (32 bytes). InvalidArgument for another size.
Result<CountyKeyPair> CountyKeyPairFromSecret(std::span<const uint8_t> secret_key);

enum class BundleFormat {
  kTokenKeyed,  // v1: keyed from the token hash the county stores; accepted on import only
  kSealed,      // v2: sealed to the county's bundle public key
};

struct BundleHeader {
  BundleFormat format = BundleFormat::kSealed;
  std::string device_id;  // 16 bytes
};

// The format and device id in the file's header, to look up the device's public key.
// InvalidArgument when the bytes are not a bundle.
Result<BundleHeader> ReadBundleHeader(std::string_view file);

// Encrypts `bundle` under a new random key, seals that key to `county_public_key` (32 bytes) and
// signs the file with `signing_secret_key` (libsodium's 64-byte Ed25519 secret key). Writes v2.
// InvalidArgument for a device id that is not 16 bytes or a county key that is not 32.
Result<std::string> SealBundle(const v1::Bundle& bundle, std::span<const uint8_t> county_public_key,
                               std::span<const uint8_t, 64> signing_secret_key);

// Opens a v2 file: checks the signature with the device's `device_public_key` (32 bytes), opens
// the sealed key with the county's key pair, then decrypts. Errors: InvalidArgument when the bytes
// are not a v2 bundle; Unauthenticated when the signature does not match (altered, or made by
// another device); PermissionDenied when the key was sealed to another county key (another
// county, or this county's key before it was replaced); Corruption when the contents do not
// decrypt, do not parse or name another device.
Result<v1::Bundle> OpenSealedBundle(std::string_view file, const CountyKeyPair& county,
                                    std::span<const uint8_t> device_public_key);

// The v1 key from the SHA-256 (32 raw bytes) of the token text, as the county server keeps it.
BundleKey KeyFromTokenHash(std::span<const uint8_t> token_sha256);

// Opens a v1 file with the token-hash key: the same checks and errors as OpenSealedBundle, except
// that a key that does not decrypt is Corruption (the device enrolled again since), and a v2 file
// is InvalidArgument.
Result<v1::Bundle> OpenBundle(std::string_view file, const BundleKey& key,
                              std::span<const uint8_t> device_public_key);

}  // namespace qiaomen::core::bundle
