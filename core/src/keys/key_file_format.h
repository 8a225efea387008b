#pragma once
// The key file's bytes (private to core/keys). Little-endian, versioned:
//   "QMKEYFIL" u32 version(=1) u32 max_attempts u32 failed_attempts u32 kdf_alg u64 opslimit
//   u64 memlimit, then length-prefixed (u32) fields: salt, keystore_alias, wrapped_data_key,
//   signing_public_key, wrapped_signing_key; then a 16-byte BLAKE2b checksum of everything before.
// The checksum only catches damage; the keys are protected by their AEAD wrapping, whose associated
// data (PinBindingBytes) binds the settings an attacker might want to change (the attempt limit,
// the KDF cost, the salt) to the PIN-wrapped key.

#include <cstdint>
#include <string>
#include <vector>

#include "qiaomen/core/status.h"

namespace qiaomen::core::keys::format {

inline constexpr uint32_t kVersion = 1;

struct KeyFileData {
  uint32_t version = kVersion;
  uint32_t max_attempts = 10;
  uint32_t failed_attempts = 0;
  uint32_t kdf_alg = 0;
  uint64_t opslimit = 0;
  uint64_t memlimit = 0;
  std::string salt;
  std::string keystore_alias;
  // KeyStore.Wrap(nonce || XChaCha20-Poly1305(Argon2id(PIN, salt), data key, ad=PinBindingBytes)).
  std::string wrapped_data_key;
  std::string signing_public_key;
  // nonce || XChaCha20-Poly1305(KDF(data key, "qmdevkey", 1), Ed25519 secret key, ad=public key).
  std::string wrapped_signing_key;
};

std::vector<uint8_t> Encode(const KeyFileData& data);
// Corruption for damaged bytes, FailedPrecondition for a file from a newer version.
Result<KeyFileData> Decode(const std::vector<uint8_t>& bytes, const std::string& path);
// The fields the PIN-wrapped key is bound to (everything but the attempt counter and the blobs).
std::string PinBindingBytes(const KeyFileData& data);

}  // namespace qiaomen::core::keys::format
