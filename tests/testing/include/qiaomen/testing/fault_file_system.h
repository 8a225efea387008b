#pragma once
// An in-memory base::FileSystem that loses power and fills up on cue (leveldb's
// FaultInjectionTestEnv). It keeps two states: what a program sees, and what a disk would still
// hold after the power went: file contents as of their last Sync, and folder entries (creates,
// renames, removes) as of their folder's last SyncDir. A truncating create is durable at once
// (the worst case for a file rewritten in place). Folders themselves are durable once created
// (a simplification: a new folder's entry in its parent is not modelled).
//
// Every call that changes something (create, append, sync, close, truncate, rename, remove, sync
// folder, create folder) is one numbered step, counted from 1. A test can
//   - cut the power at step N: that call and every later one fails with IOError, until Reboot()
//     brings back the durable state only (nothing unsynced survives);
//   - fail step N with an errno (ENOSPC, EIO): that call fails as the real one would (an append
//     writes half of its bytes first), the file system goes on.
// Reads never count as steps; they fail while the power is off. Truncate is durable at once (it
// syncs). LockFile locks in memory (no lock file appears) and is not a step.
//
// Thread-safe (one mutex); files and folders are keyed by their path string as given, so tests
// use normalised absolute paths ("/p/photos/x.photo").

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "qiaomen/base/file_system.h"

namespace qiaomen::testing {

class FaultFileSystem final : public base::FileSystem {
 public:
  struct Inode {
    std::string data;    // what a reader sees
    std::string synced;  // what survives a power loss
  };

  FaultFileSystem();

  // The power goes at the `n`-th step from now (n >= 1): that step does not happen.
  void PowerLossAfter(int64_t n);
  // The `n`-th step from now fails once with `err` (ENOSPC, EIO, ...).
  void FailAfter(int64_t n, int err);
  // The power goes now.
  void PowerLoss();
  // Makes every later SyncDir (folder_syncs) or WritableFile::Sync (file_syncs) report success
  // without making anything durable: the code under test then behaves as if it forgot them, so a
  // crash test can show that it would catch that mistake.
  void IgnoreSyncs(bool folder_syncs, bool file_syncs);
  // Power back on: what a program sees becomes what was durable. Clears pending faults.
  void Reboot();
  bool powered() const;
  // Steps taken since construction, and what each was ("rename /p/a.tmp -> /p/a").
  int64_t steps() const;
  std::vector<std::string> step_log() const;
  // Every file path a program sees now, sorted.
  std::vector<std::string> Files() const;

  base::Result<std::unique_ptr<base::WritableFile>> NewWritableFile(const std::string& path,
                                                                    mode_t mode) override;
  base::Result<std::unique_ptr<base::WritableFile>> OpenForOverwrite(
      const std::string& path) override;
  base::Result<std::unique_ptr<base::WritableFile>> OpenForAppend(const std::string& path,
                                                                  mode_t mode) override;
  base::Status Truncate(const std::string& path, uint64_t size) override;
  base::Result<std::unique_ptr<base::FileLock>> LockFile(const std::string& path,
                                                         mode_t mode) override;
  base::Result<std::unique_ptr<base::SequentialFile>> NewSequentialFile(
      const std::string& path) override;
  base::Result<uint64_t> FileSize(const std::string& path) override;
  base::Status Rename(const std::string& from, const std::string& to) override;
  base::Status Remove(const std::string& path) override;
  base::Status SyncDir(const std::string& dir) override;
  base::Status CreateDir(const std::string& dir, mode_t mode) override;
  base::Result<std::vector<std::string>> ListDir(const std::string& dir) override;

  // For FaultWritableFile: one step on `path` (fails when the power is off or a fault is due).
  base::Status Step(const std::string& what, const std::string& path);
  std::mutex& mutex() { return mutex_; }
  bool PoweredLocked() const { return powered_; }  // with mutex() held
  bool IgnoresFileSyncsLocked() const { return ignore_file_syncs_; }

 private:
  base::Status PoweredOff(const std::string& path) const;

  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Inode>> live_;     // path -> file, as a program sees
  std::map<std::string, std::shared_ptr<Inode>> durable_;  // path -> file, after a power loss
  std::set<std::string> dirs_;
  std::map<std::string, std::shared_ptr<std::mutex>> locks_;  // LockFile's, by path
  int64_t steps_ = 0;
  int64_t power_loss_at_ = 0;
  int64_t fail_at_ = 0;
  int fail_errno_ = 0;
  bool powered_ = true;
  bool ignore_folder_syncs_ = false;
  bool ignore_file_syncs_ = false;
  std::vector<std::string> log_;
};

}  // namespace qiaomen::testing
