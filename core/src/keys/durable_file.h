#pragma once
// Small POSIX helpers for files that must survive a pulled battery: write to a temp file, fsync it,
// rename it over the final name, fsync the directory. Shared by keys/ and evidence/ (private to
// core).

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "qiaomen/core/status.h"

namespace qiaomen::core::durable {

// An open file descriptor closed on destruction. Movable.
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
  Status Close(const std::string& path);

 private:
  int fd_ = -1;
};

// The errno of the last failed call as an IOError sentence about `what` and `path`.
Status ErrnoStatus(const std::string& what, const std::string& path);

// Opens `path` for reading. NotFound when missing, IOError otherwise.
Result<Fd> OpenForRead(const std::string& path);
// Creates `path` (truncating) with mode 0600 for writing.
Result<Fd> CreateForWrite(const std::string& path);

// Writes all of `data`, retrying short writes and EINTR.
Status WriteAll(int fd, std::span<const uint8_t> data, const std::string& path);
// Reads up to `out.size()` bytes, retrying short reads until EOF. Returns the number read.
Result<size_t> ReadUpTo(int fd, std::span<uint8_t> out, const std::string& path);

Status Fsync(int fd, const std::string& path);
// fsyncs the directory so a rename or unlink in it is durable.
Status FsyncDir(const std::string& dir);

// Replaces `path` with `data` atomically and durably: `path`.tmp, fsync, rename, fsync dir.
Status WriteFileAtomically(const std::string& path, std::span<const uint8_t> data);
// Reads the whole file. NotFound when missing.
Result<std::vector<uint8_t>> ReadFile(const std::string& path);

// Overwrites the file's bytes with random data, fsyncs, unlinks it and fsyncs its directory.
// A missing file is not an error.
Status DestroyFile(const std::string& path);

// Creates `dir` (mode 0700) if missing, with its parents.
Status EnsureDir(const std::string& dir);

// The directory part of `path` ("." when none).
std::string DirName(const std::string& path);

}  // namespace qiaomen::core::durable
