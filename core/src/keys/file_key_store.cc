#include "qiaomen/core/keys/file_key_store.h"

#include <sodium.h>

#include "keys/destroy_file.h"
#include "qiaomen/base/file_system.h"

namespace qiaomen::core::keys {
namespace {

constexpr size_t kKeySize = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr size_t kNonceSize = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;

// Holds a key read from disk and zeroes it when it goes out of scope.
struct KeyBytes {
  uint8_t bytes[kKeySize] = {};
  ~KeyBytes() { sodium_memzero(bytes, sizeof bytes); }
};

}  // namespace

Result<std::string> FileKeyStore::KeyPath(std::string_view alias) const {
  if (alias.empty() || alias.size() > 64) {
    return InvalidArgument("A keystore alias must have 1 to 64 characters.");
  }
  for (char c : alias) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok || alias == "." || alias == "..") {
      return InvalidArgument("A keystore alias may use only letters, digits, '-', '_' and '.'.");
    }
  }
  return dir_ + "/" + std::string(alias) + ".key";
}

Result<std::string> FileKeyStore::Wrap(std::string_view alias, std::span<const uint8_t> plaintext) {
  QM_ASSIGN_OR_RETURN(std::string path, KeyPath(alias));
  KeyBytes key;
  auto existing = base::ReadWholeFile(fs_, path);
  if (existing.ok()) {
    if (existing->size() != kKeySize) {
      sodium_memzero(existing->data(), existing->size());
      return Corruption("The keystore key " + path +
                        " is damaged; the device must be re-enrolled.");
    }
    std::copy(existing->begin(), existing->end(), key.bytes);
    sodium_memzero(existing->data(), existing->size());
  } else if (existing.status().code() == Code::kNotFound) {
    QM_RETURN_IF_ERROR(fs_.CreateDir(dir_));
    random_.Fill(key.bytes, kKeySize);
    QM_RETURN_IF_ERROR(base::WriteFileAtomically(
        fs_, path, std::string_view(reinterpret_cast<const char*>(key.bytes), kKeySize)));
  } else {
    return existing.status();
  }
  std::string out(kNonceSize + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  auto* nonce = reinterpret_cast<uint8_t*>(out.data());
  random_.Fill(nonce, kNonceSize);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      nonce + kNonceSize, &written, plaintext.data(), plaintext.size(),
      reinterpret_cast<const uint8_t*>(alias.data()), alias.size(), nullptr, nonce, key.bytes);
  out.resize(kNonceSize + written);
  return out;
}

Result<std::vector<uint8_t>> FileKeyStore::Unwrap(std::string_view alias,
                                                  std::string_view wrapped) {
  QM_ASSIGN_OR_RETURN(std::string path, KeyPath(alias));
  auto existing = base::ReadWholeFile(fs_, path);
  if (!existing.ok()) {
    if (existing.status().code() == Code::kNotFound) {
      return NotFound("The keystore has no key named " + std::string(alias) +
                      ": this profile was made on another device or its key was destroyed.");
    }
    return existing.status();
  }
  KeyBytes key;
  if (existing->size() != kKeySize) {
    return Corruption("The keystore key " + path + " is damaged; the device must be re-enrolled.");
  }
  std::copy(existing->begin(), existing->end(), key.bytes);
  sodium_memzero(existing->data(), existing->size());
  if (wrapped.size() < kNonceSize + crypto_aead_xchacha20poly1305_ietf_ABYTES) {
    return Corruption("The keystore-wrapped key is too short: the key file is damaged.");
  }
  const auto* nonce = reinterpret_cast<const uint8_t*>(wrapped.data());
  const size_t cipher_size = wrapped.size() - kNonceSize;
  std::vector<uint8_t> plain(cipher_size - crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned long long plain_size = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          plain.data(), &plain_size, nullptr, nonce + kNonceSize, cipher_size,
          reinterpret_cast<const uint8_t*>(alias.data()), alias.size(), nonce, key.bytes) != 0) {
    return Corruption(
        "The keystore could not unwrap the key: the key file was altered or belongs "
        "to another device.");
  }
  return plain;
}

Status FileKeyStore::DeleteKey(std::string_view alias) {
  QM_ASSIGN_OR_RETURN(std::string path, KeyPath(alias));
  return DestroyFile(path, fs_);
}

}  // namespace qiaomen::core::keys
