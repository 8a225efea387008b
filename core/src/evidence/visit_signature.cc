#include "qiaomen/core/evidence/visit_signature.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <sodium.h>

#include <algorithm>
#include <tuple>

namespace qiaomen::core::evidence {

std::string CanonicalVisitBytes(const v1::Visit& visit) {
  v1::Visit copy = visit;
  copy.clear_device_signature();
  auto* photos = copy.mutable_photos();
  std::sort(photos->begin(), photos->end(), [](const v1::PhotoRef& a, const v1::PhotoRef& b) {
    return std::tie(a.photo_id(), a.sha256()) < std::tie(b.photo_id(), b.sha256());
  });
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    copy.SerializeToCodedStream(&coded);
  }
  return bytes;
}

DeviceKey::DeviceKey(const std::array<uint8_t, 64>& secret_key,
                     const std::array<uint8_t, 32>& public_key)
    : secret_key_(secret_key), public_key_(public_key) {}

DeviceKey::~DeviceKey() { sodium_memzero(secret_key_.data(), secret_key_.size()); }

Status DeviceKey::SignVisit(v1::Visit& visit) const {
  if (visit.id().size() != 16) {
    return InvalidArgument("A visit needs its 16-byte id before it can be signed.");
  }
  for (const v1::PhotoRef& ref : visit.photos()) {
    if (ref.photo_id().size() != 16 || ref.sha256().size() != crypto_hash_sha256_BYTES) {
      return InvalidArgument(
          "Every photo of a signed visit needs its id and its 32-byte SHA-256; "
          "store the photo before finishing the visit.");
    }
  }
  const std::string bytes = CanonicalVisitBytes(visit);
  std::string signature(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<uint8_t*>(signature.data()), nullptr,
                       reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(),
                       secret_key_.data());
  visit.set_device_signature(std::move(signature));
  return Status::Ok();
}

Status VerifyVisit(const v1::Visit& visit, std::span<const uint8_t> public_key) {
  if (public_key.size() != crypto_sign_PUBLICKEYBYTES) {
    return InvalidArgument("The device public key must be 32 bytes; check the enrolment record.");
  }
  if (visit.device_signature().size() != crypto_sign_BYTES) {
    return InvalidArgument(
        "The visit carries no device signature, so its evidence cannot be "
        "trusted; ask the device to sync again.");
  }
  const std::string bytes = CanonicalVisitBytes(visit);
  if (crypto_sign_verify_detached(reinterpret_cast<const uint8_t*>(visit.device_signature().data()),
                                  reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(),
                                  public_key.data()) != 0) {
    return Unauthenticated(
        "The visit's device signature does not match its content: the visit or "
        "one of its photo hashes was changed after capture, or another device "
        "signed it.");
  }
  return Status::Ok();
}

}  // namespace qiaomen::core::evidence
