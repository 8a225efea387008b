#include "backup/file_digest.h"

#include <sodium.h>
#include <unistd.h>

#include <cstdio>
#include <vector>

#include "qiaomen/base/durable_file.h"
#include "qiaomen/base/hex.h"

namespace qiaomen::server {
namespace {

constexpr size_t kChunk = 1 << 20;

// Reads `fd` to its end, feeding the hash and, when `out` is valid, writing each chunk to it.
core::Result<FileDigest> Stream(int fd, const std::string& path, int out,
                                const std::string& out_path) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::vector<uint8_t> buffer(kChunk);
  FileDigest digest;
  while (true) {
    QM_ASSIGN_OR_RETURN(size_t n, base::ReadUpTo(fd, buffer, path));
    if (n == 0) break;
    crypto_hash_sha256_update(&state, buffer.data(), n);
    if (out >= 0) {
      QM_RETURN_IF_ERROR(base::WriteAll(out, std::span(buffer.data(), n), out_path));
    }
    digest.size += static_cast<int64_t>(n);
    if (n < buffer.size()) break;
  }
  unsigned char raw[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, raw);
  digest.sha256_hex = base::HexEncode(std::string(reinterpret_cast<char*>(raw), sizeof raw));
  return digest;
}

}  // namespace

core::Result<FileDigest> DigestFile(const std::string& path) {
  QM_ASSIGN_OR_RETURN(auto fd, base::OpenForRead(path));
  return Stream(fd.get(), path, -1, "");
}

core::Result<FileDigest> CopyVerified(const std::string& from, const std::string& to,
                                      const std::string& expect_hex) {
  QM_ASSIGN_OR_RETURN(auto in, base::OpenForRead(from));
  const std::string tmp = to + ".tmp";
  QM_ASSIGN_OR_RETURN(auto out, base::CreateForWrite(tmp, 0640));
  auto digest = Stream(in.get(), from, out.get(), tmp);
  core::Status s = digest.status();
  if (s.ok()) s = base::Fsync(out.get(), tmp);
  if (s.ok()) s = out.Close(tmp);
  if (s.ok() && !expect_hex.empty() && digest->sha256_hex != expect_hex) {
    s = core::Corruption(from + " is damaged: its SHA-256 is " + digest->sha256_hex + ", not " +
                         expect_hex + ".");
  }
  if (s.ok()) s = base::RenameDurably(tmp, to);
  if (!s.ok()) {
    std::remove(tmp.c_str());
    return s;
  }
  return digest;
}

core::Status FsyncFile(const std::string& path) {
  QM_ASSIGN_OR_RETURN(auto fd, base::OpenForRead(path));
  return base::Fsync(fd.get(), path);
}

}  // namespace qiaomen::server
