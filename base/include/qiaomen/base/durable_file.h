#pragma once
// Files that must survive a pulled battery or a killed server: write a temporary file, fsync it,
// rename it over the final name, fsync the directory. Every system call is retried on EINTR.
// Errors are sentences naming the path: ResourceExhausted when the storage is full, NotFound for a
// missing file, IOError otherwise. Functions are thread-compatible: two writers of one path must
// not overlap (they share the path.tmp name).

#include <sys/types.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "qiaomen/base/status.h"

namespace qiaomen::base {

// An open file descriptor, closed on destruction. Movable, not copyable.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept;
  Fd& operator=(Fd&& other) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd();
  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  // Closes now, reporting the error close(2) may return (on some filesystems, a late write error).
  // The descriptor is released either way.
  Status Close(const std::string& path);

 private:
  int fd_ = -1;
};

// The errno of the call that just failed as a Status about `what` ("writing") and `path`.
Status ErrnoStatus(const std::string& what, const std::string& path);

// Opens `path` for reading. NotFound when missing.
Result<Fd> OpenForRead(const std::string& path);
// Creates `path` (truncating an existing one) for writing, with `mode` for a new file.
Result<Fd> CreateForWrite(const std::string& path, mode_t mode = 0600);

// Writes all of `data` to `fd`, retrying short writes and EINTR. `path` names it in errors.
Status WriteAll(int fd, std::span<const uint8_t> data, const std::string& path);
// Reads up to `out.size()` bytes, retrying short reads and EINTR until EOF. Returns how many.
Result<size_t> ReadUpTo(int fd, std::span<uint8_t> out, const std::string& path);

// fsync(2) of an open file, retried on EINTR.
Status Fsync(int fd, const std::string& path);
// fsyncs the directory `dir`, so a rename, create or unlink in it is durable.
Status FsyncDir(const std::string& dir);

// Renames `from` over `to` and fsyncs the directory of `to`: after OK the new name survives a
// crash. When the rename fails the error names `to` and `from` is left as it was (the caller
// decides whether it is garbage). `from` must have been fsynced for its contents to be durable.
Status RenameDurably(const std::string& from, const std::string& to);

// Replaces `path` with `data` atomically and durably: writes `path`.tmp (created with `mode`),
// fsyncs it, renames it over `path`, fsyncs the directory. After a crash `path` holds the old or
// the new contents, never a mix. On error `path` is unchanged and the temporary file is removed.
Status WriteFileAtomically(const std::string& path, std::string_view data, mode_t mode = 0600);
inline Status WriteFileAtomically(const std::string& path, std::span<const uint8_t> data,
                                  mode_t mode = 0600) {
  return WriteFileAtomically(
      path, std::string_view(reinterpret_cast<const char*>(data.data()), data.size()), mode);
}

// The whole file. NotFound when missing.
Result<std::string> ReadFile(const std::string& path);
Result<std::vector<uint8_t>> ReadFileBytes(const std::string& path);

// Creates `dir` and its missing parents (like mkdir -p -m MODE) and gives `dir` itself `mode` even
// when it existed. IOError when a file is in the way.
Status EnsureDir(const std::string& dir, mode_t mode = 0700);

// The directory part of `path` ("." when none, "/" for a file in the root).
std::string DirName(const std::string& path);

}  // namespace qiaomen::base
