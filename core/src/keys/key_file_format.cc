#include "keys/key_file_format.h"

#include <sodium.h>

#include <cstring>

namespace qiaomen::core::keys::format {
namespace {

constexpr char kMagic[8] = {'Q', 'M', 'K', 'E', 'Y', 'F', 'I', 'L'};
constexpr size_t kChecksumSize = 16;
constexpr uint32_t kMaxFieldSize = 4096;

void PutU32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void PutU64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void PutBytes(std::string& out, const std::string& field) {
  PutU32(out, static_cast<uint32_t>(field.size()));
  out += field;
}

class Reader {
 public:
  Reader(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  bool U32(uint32_t& v) {
    if (size_ - pos_ < 4) return false;
    v = 0;
    for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(data_[pos_ + i]) << (8 * i);
    pos_ += 4;
    return true;
  }
  bool U64(uint64_t& v) {
    if (size_ - pos_ < 8) return false;
    v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(data_[pos_ + i]) << (8 * i);
    pos_ += 8;
    return true;
  }
  bool Bytes(std::string& field) {
    uint32_t n = 0;
    if (!U32(n) || n > kMaxFieldSize || size_ - pos_ < n) return false;
    field.assign(reinterpret_cast<const char*>(data_ + pos_), n);
    pos_ += n;
    return true;
  }
  bool done() const { return pos_ == size_; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

std::string Body(const KeyFileData& data) {
  std::string out(kMagic, sizeof kMagic);
  PutU32(out, data.version);
  PutU32(out, data.max_attempts);
  PutU32(out, data.failed_attempts);
  PutU32(out, data.kdf_alg);
  PutU64(out, data.opslimit);
  PutU64(out, data.memlimit);
  PutBytes(out, data.salt);
  PutBytes(out, data.keystore_alias);
  PutBytes(out, data.wrapped_data_key);
  PutBytes(out, data.signing_public_key);
  PutBytes(out, data.wrapped_signing_key);
  return out;
}

}  // namespace

std::vector<uint8_t> Encode(const KeyFileData& data) {
  const std::string body = Body(data);
  std::vector<uint8_t> out(body.begin(), body.end());
  uint8_t checksum[kChecksumSize];
  crypto_generichash(checksum, sizeof checksum, out.data(), out.size(), nullptr, 0);
  out.insert(out.end(), checksum, checksum + sizeof checksum);
  return out;
}

Result<KeyFileData> Decode(const std::vector<uint8_t>& bytes, const std::string& path) {
  const Status damaged = Corruption("The key file " + path +
                                    " is damaged, so this profile cannot be unlocked; the device "
                                    "must be re-enrolled.");
  if (bytes.size() < sizeof kMagic + 4 + kChecksumSize ||
      std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
    return damaged;
  }
  const size_t body_size = bytes.size() - kChecksumSize;
  uint8_t checksum[kChecksumSize];
  crypto_generichash(checksum, sizeof checksum, bytes.data(), body_size, nullptr, 0);
  if (sodium_memcmp(checksum, bytes.data() + body_size, kChecksumSize) != 0) return damaged;
  Reader reader(bytes.data() + sizeof kMagic, body_size - sizeof kMagic);
  KeyFileData data;
  if (!reader.U32(data.version)) return damaged;
  if (data.version > kVersion) {
    return FailedPrecondition("The key file " + path +
                              " was written by a newer version of Qiaomen: update the app.");
  }
  if (data.version != kVersion) return damaged;
  if (!reader.U32(data.max_attempts) || !reader.U32(data.failed_attempts) ||
      !reader.U32(data.kdf_alg) || !reader.U64(data.opslimit) || !reader.U64(data.memlimit) ||
      !reader.Bytes(data.salt) || !reader.Bytes(data.keystore_alias) ||
      !reader.Bytes(data.wrapped_data_key) || !reader.Bytes(data.signing_public_key) ||
      !reader.Bytes(data.wrapped_signing_key) || !reader.done()) {
    return damaged;
  }
  return data;
}

std::string PinBindingBytes(const KeyFileData& data) {
  std::string out(kMagic, sizeof kMagic);
  PutU32(out, data.version);
  PutU32(out, data.max_attempts);
  PutU32(out, data.kdf_alg);
  PutU64(out, data.opslimit);
  PutU64(out, data.memlimit);
  PutBytes(out, data.salt);
  PutBytes(out, data.keystore_alias);
  PutBytes(out, data.signing_public_key);
  return out;
}

}  // namespace qiaomen::core::keys::format
