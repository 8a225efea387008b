#pragma once
// The platform keystore as a seam. On phones it is the Android KeyStore (a key that never leaves
// the secure hardware); on desktops and in tests it is FileKeyStore. The profile's PIN-wrapped data
// key is wrapped once more by a keystore key, so a copy of the profile directory taken off the
// device cannot be attacked offline by trying every PIN: the attempt limit only means something if
// every try has to go through this device.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "qiaomen/core/status.h"

namespace qiaomen::core::keys {

class KeyStore {
 public:
  virtual ~KeyStore() = default;

  // Encrypts and authenticates `plaintext` under the key named `alias`, creating that key when it
  // does not exist yet. Returns an opaque blob for Unwrap. IOError when the keystore cannot be
  // used.
  virtual Result<std::string> Wrap(std::string_view alias, std::span<const uint8_t> plaintext) = 0;

  // Reverses Wrap. NotFound when the key `alias` does not exist (deleted, or another device);
  // Corruption when `wrapped` was not made by this key or was altered. The caller must zero the
  // returned bytes after use.
  virtual Result<std::vector<uint8_t>> Unwrap(std::string_view alias, std::string_view wrapped) = 0;

  // Destroys the key `alias`; what it wrapped can never be unwrapped again. Missing is not an
  // error.
  virtual Status DeleteKey(std::string_view alias) = 0;
};

}  // namespace qiaomen::core::keys
