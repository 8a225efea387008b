#pragma once
// Evidence integrity: a finished visit is signed with the device's Ed25519 key (libsodium
// crypto_sign) over its canonical bytes, which cover its content and the SHA-256 of every photo it
// references (Visit.photos). The server verifies the signature with the public key registered at
// enrolment, and each photo blob against the hash in the signed PhotoRef, so it can show the
// evidence was not altered after capture.

#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "qiaomen/core/status.h"
#include "qiaomen/v1/records.pb.h"

namespace qiaomen::core::evidence {

// The bytes that are signed: the deterministic protobuf serialization of `visit` with
// device_signature cleared and photos sorted by (photo_id, sha256). Reordering the photo list does
// not change them; changing any other field, or any photo hash, does.
std::string CanonicalVisitBytes(const v1::Visit& visit);

// The device's signing key. The secret key is held only in memory (it is stored wrapped in the
// profile's key file) and zeroed on destruction. Thread-safe for concurrent const use.
class DeviceKey {
 public:
  DeviceKey(const std::array<uint8_t, 64>& secret_key, const std::array<uint8_t, 32>& public_key);
  DeviceKey(const DeviceKey&) = delete;
  DeviceKey& operator=(const DeviceKey&) = delete;
  ~DeviceKey();

  const std::array<uint8_t, 32>& public_key() const { return public_key_; }

  // Sets visit.device_signature to the Ed25519 signature of CanonicalVisitBytes(visit).
  // InvalidArgument when the visit has no id or a photo reference without a 32-byte hash.
  Status SignVisit(v1::Visit& visit) const;

 private:
  std::array<uint8_t, 64> secret_key_;
  std::array<uint8_t, 32> public_key_;
};

// Checks visit.device_signature against `public_key` (32 bytes). InvalidArgument when the signature
// or the key is missing or malformed; Unauthenticated when the signature does not match: the visit
// or one of its photo hashes was changed after signing, or another device signed it.
Status VerifyVisit(const v1::Visit& visit, std::span<const uint8_t> public_key);

}  // namespace qiaomen::core::evidence
