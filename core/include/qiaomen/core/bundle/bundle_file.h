#pragma once
// The offline bundle file: a device's changes and photos for teams with no signal at all, carried
// to the county on a USB stick and imported there. Encrypted and signed:
//
//   "QMBUNDL1" | device id (16) | nonce (24) | XChaCha20-Poly1305(Bundle) | Ed25519 signature (64)
//
// The AEAD key is derived (BLAKE2b) from the SHA-256 of the device's bearer token, which the county
// server stores (it never stores the token itself), so only the device and its county can read a
// bundle. The associated data is the magic and the device id. The signature, by the device's
// enrolment key, covers every byte before it, so the county knows which device made the bundle and
// that nobody altered it. Pure: no I/O. Thread-safe.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "qiaomen/core/status.h"
#include "qiaomen/v1/bundle.pb.h"

namespace qiaomen::core::bundle {

using BundleKey = std::array<uint8_t, 32>;

// The key from the SHA-256 (32 raw bytes) of the token text, as the county server keeps it.
BundleKey KeyFromTokenHash(std::span<const uint8_t> token_sha256);
// The same from the token text itself (the device's side).
BundleKey KeyFromToken(std::string_view token);

// Encrypts and signs `bundle` (its device_id must be 16 bytes). `signing_secret_key` is the
// libsodium 64-byte Ed25519 secret key. InvalidArgument for a bad device id.
Result<std::string> SealBundle(const v1::Bundle& bundle, const BundleKey& key,
                               std::span<const uint8_t, 64> signing_secret_key);

// The device id (16 bytes) in the file's header, to look up its key and public key.
// InvalidArgument when the bytes are not a bundle.
Result<std::string> BundleDeviceId(std::string_view file);

// Checks the signature with `public_key` (32 bytes), then decrypts. Errors: InvalidArgument when
// the bytes are not a bundle; Unauthenticated when the signature does not match (altered, or made
// by another device); Corruption when decryption fails or the contents do not parse or name
// another device.
Result<v1::Bundle> OpenBundle(std::string_view file, const BundleKey& key,
                              std::span<const uint8_t> public_key);

}  // namespace qiaomen::core::bundle
