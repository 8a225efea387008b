#pragma once
// The file-system seam (leveldb's Env, RocksDB's FileSystem): every file the device or the server
// writes by itself outside SQLite (key files, keystore keys, photo vault, client settings, the
// server's photo blobs and tus uploads) goes
// through a FileSystem passed in, so tests can swap in one that loses power or fills up
// (qiaomen/testing/fault_file_system.h). LocalFileSystem() is the real one (POSIX calls, retried
// on EINTR, errors as in durable_file.h: ResourceExhausted when the storage is full, NotFound for a
// missing file, IOError otherwise, each a sentence naming the path).
//
// Durability is explicit, as on a real disk: file contents are durable after WritableFile::Sync,
// and a create, rename or remove only after SyncDir of its folder. WriteFileAtomically below does
// all of it in the right order.
//
// Implementations are thread-safe for calls on different paths; two writers of one path must not
// overlap. A WritableFile is used by one thread at a time.

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "qiaomen/base/status.h"

namespace qiaomen::base {

// A file open for writing from its start. Closing without Close() (destruction) drops any error.
class WritableFile {
 public:
  virtual ~WritableFile() = default;
  // Writes all of `data` at the current end. On error part of it may have been written.
  virtual Status Append(std::span<const uint8_t> data) = 0;
  // Makes what was appended so far durable (fsync).
  virtual Status Sync() = 0;
  // Closes the file, reporting a late write error. Further calls are errors.
  virtual Status Close() = 0;
};

// An exclusive lock taken with FileSystem::LockFile, released on destruction.
class FileLock {
 public:
  virtual ~FileLock() = default;
};

// A file open for reading from its start.
class SequentialFile {
 public:
  virtual ~SequentialFile() = default;
  // Fills `out` as far as the file goes; fewer bytes only at the end, 0 at the end.
  virtual Result<size_t> Read(std::span<uint8_t> out) = 0;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  // Creates `path` (truncating an existing file) with `mode` for a new file.
  virtual Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path,
                                                                mode_t mode = 0600) = 0;
  // Opens the existing `path` for writing from its start WITHOUT truncating it (to overwrite a
  // secret in place before deleting it). NotFound when missing.
  virtual Result<std::unique_ptr<WritableFile>> OpenForOverwrite(const std::string& path) = 0;
  // Opens `path` for writing at its end, creating it with `mode` when missing (a create is durable
  // after SyncDir of its folder; appended bytes after WritableFile::Sync).
  virtual Result<std::unique_ptr<WritableFile>> OpenForAppend(const std::string& path,
                                                              mode_t mode = 0600) = 0;
  // Cuts `path` to its first `size` bytes (`size` <= its size) and makes that durable before it
  // returns. NotFound when missing.
  virtual Status Truncate(const std::string& path, uint64_t size) = 0;
  // Waits for and takes an exclusive lock named by `path` (a lock file created with `mode` when
  // missing and never removed, so every holder locks the same file), against other holders in
  // this process and in other processes. Held until the returned object is destroyed.
  virtual Result<std::unique_ptr<FileLock>> LockFile(const std::string& path,
                                                     mode_t mode = 0600) = 0;
  // Opens `path` for reading. NotFound when missing.
  virtual Result<std::unique_ptr<SequentialFile>> NewSequentialFile(const std::string& path) = 0;
  // The size of `path` in bytes. NotFound when missing.
  virtual Result<uint64_t> FileSize(const std::string& path) = 0;
  // Renames `from` over `to` (atomic; durable after SyncDir of the folder of `to`).
  virtual Status Rename(const std::string& from, const std::string& to) = 0;
  // Deletes `path` (durable after SyncDir of its folder). NotFound when missing.
  virtual Status Remove(const std::string& path) = 0;
  // fsyncs the folder `dir`, making creates, renames and removes in it durable.
  virtual Status SyncDir(const std::string& dir) = 0;
  // Creates `dir` and its missing parents with `mode` and gives `dir` itself `mode` (mkdir -p).
  // IOError when a file is in the way.
  virtual Status CreateDir(const std::string& dir, mode_t mode = 0700) = 0;
  // The names (not paths) in the folder `dir`, without "." and "..", in no particular order.
  // NotFound when the folder is missing.
  virtual Result<std::vector<std::string>> ListDir(const std::string& dir) = 0;
};

// The process's real file system. Lives for the whole process.
FileSystem& LocalFileSystem();

// Replaces `path` with `data` atomically and durably through `fs`: writes `path`.tmp (created
// with `mode`), syncs it, renames it over `path`, syncs the folder. After a crash `path` holds the
// old or the new contents, never a mix. On error the temporary file is removed (when the file
// system still answers) and `path` is unchanged, except when only the last folder sync failed:
// then the new contents are in place but may not survive a power loss.
Status WriteFileAtomically(FileSystem& fs, const std::string& path, std::string_view data,
                           mode_t mode = 0600);
// Renames `from` over `to` and syncs the folder of `to`.
Status RenameDurably(FileSystem& fs, const std::string& from, const std::string& to);
// The whole file through `fs`. NotFound when missing.
Result<std::string> ReadWholeFile(FileSystem& fs, const std::string& path);
// true when `path` exists (as a file); errors other than NotFound are returned.
Result<bool> FileExists(FileSystem& fs, const std::string& path);

}  // namespace qiaomen::base
