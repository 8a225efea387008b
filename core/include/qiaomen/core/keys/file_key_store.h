#pragma once
// A KeyStore for desktops and tests: each key is 32 random bytes in its own file (mode 0600) under
// a directory (mode 0700) kept apart from the profile directory. It protects against a copy of the
// profile directory alone, not against someone who can read both directories.

#include <string>

#include "qiaomen/base/file_system.h"
#include "qiaomen/core/keys/key_store.h"
#include "qiaomen/core/random.h"

namespace qiaomen::core::keys {

class FileKeyStore final : public KeyStore {
 public:
  // `dir` is created on first use. `random` makes keys and nonces (SecureRandom() in production)
  // and `fs` holds the key files; both must outlive this object. Thread-compatible.
  FileKeyStore(std::string dir, Random& random, base::FileSystem& fs = base::LocalFileSystem())
      : dir_(std::move(dir)), random_(random), fs_(fs) {}

  Result<std::string> Wrap(std::string_view alias, std::span<const uint8_t> plaintext) override;
  Result<std::vector<uint8_t>> Unwrap(std::string_view alias, std::string_view wrapped) override;
  Status DeleteKey(std::string_view alias) override;

 private:
  Result<std::string> KeyPath(std::string_view alias) const;
  std::string dir_;
  Random& random_;
  base::FileSystem& fs_;
};

}  // namespace qiaomen::core::keys
