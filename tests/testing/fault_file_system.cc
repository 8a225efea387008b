#include "qiaomen/testing/fault_file_system.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "qiaomen/base/durable_file.h"

namespace qiaomen::testing {
namespace {

using base::Status;

// A file open for writing: appends at `offset_` of the shared inode (OpenForOverwrite starts at 0
// of an existing file).
class FaultWritableFile final : public base::WritableFile {
 public:
  FaultWritableFile(FaultFileSystem& fs, std::shared_ptr<FaultFileSystem::Inode> inode,
                    std::string path, size_t offset = 0)
      : fs_(fs), inode_(std::move(inode)), path_(std::move(path)), offset_(offset) {}

  Status Append(std::span<const uint8_t> data) override {
    std::lock_guard lock(fs_.mutex());
    if (closed_) return base::Internal("append to the closed file " + path_);
    Status step = fs_.Step("append", path_);
    size_t n = data.size();
    if (!step.ok()) {
      if (!fs_.PoweredLocked()) return step;
      n /= 2;  // an injected ENOSPC/EIO: part of the bytes made it, as with a short write
    }
    std::string& bytes = inode_->data;
    if (bytes.size() < offset_ + n) bytes.resize(offset_ + n);
    std::memcpy(bytes.data() + offset_, data.data(), n);
    offset_ += n;
    return step;
  }

  Status Sync() override {
    std::lock_guard lock(fs_.mutex());
    if (closed_) return base::Internal("sync of the closed file " + path_);
    QM_RETURN_IF_ERROR(fs_.Step("sync", path_));
    if (!fs_.IgnoresFileSyncsLocked()) inode_->synced = inode_->data;
    return Status::Ok();
  }

  Status Close() override {
    std::lock_guard lock(fs_.mutex());
    if (closed_) return base::Internal("second close of " + path_);
    closed_ = true;
    return fs_.Step("close", path_);
  }

 private:
  FaultFileSystem& fs_;
  std::shared_ptr<FaultFileSystem::Inode> inode_;
  std::string path_;
  size_t offset_;
  bool closed_ = false;
};

class FaultFileLock final : public base::FileLock {
 public:
  explicit FaultFileLock(std::shared_ptr<std::mutex> mutex) : mutex_(std::move(mutex)) {
    mutex_->lock();
  }
  ~FaultFileLock() override { mutex_->unlock(); }

 private:
  std::shared_ptr<std::mutex> mutex_;
};

class FaultSequentialFile final : public base::SequentialFile {
 public:
  explicit FaultSequentialFile(std::string data) : data_(std::move(data)) {}
  base::Result<size_t> Read(std::span<uint8_t> out) override {
    const size_t n = std::min(out.size(), data_.size() - pos_);
    std::memcpy(out.data(), data_.data() + pos_, n);
    pos_ += n;
    return n;
  }

 private:
  std::string data_;
  size_t pos_ = 0;
};

Status Missing(const std::string& what, const std::string& path) {
  errno = ENOENT;
  return base::ErrnoStatus(what, path);
}

}  // namespace

FaultFileSystem::FaultFileSystem() { dirs_.insert("/"); }

void FaultFileSystem::PowerLossAfter(int64_t n) {
  std::lock_guard lock(mutex_);
  power_loss_at_ = steps_ + n;
}

void FaultFileSystem::FailAfter(int64_t n, int err) {
  std::lock_guard lock(mutex_);
  fail_at_ = steps_ + n;
  fail_errno_ = err;
}

void FaultFileSystem::PowerLoss() {
  std::lock_guard lock(mutex_);
  powered_ = false;
}

void FaultFileSystem::IgnoreSyncs(bool folder_syncs, bool file_syncs) {
  std::lock_guard lock(mutex_);
  ignore_folder_syncs_ = folder_syncs;
  ignore_file_syncs_ = file_syncs;
}

void FaultFileSystem::Reboot() {
  std::lock_guard lock(mutex_);
  // Entries that shared a file before share the rebuilt one (a rename seen by two folders).
  std::map<const Inode*, std::shared_ptr<Inode>> rebuilt;
  live_.clear();
  for (const auto& [path, inode] : durable_) {
    auto& fresh = rebuilt[inode.get()];
    if (!fresh) fresh = std::make_shared<Inode>(Inode{inode->synced, inode->synced});
    live_[path] = fresh;
  }
  durable_ = live_;
  powered_ = true;
  power_loss_at_ = 0;
  fail_at_ = 0;
}

bool FaultFileSystem::powered() const {
  std::lock_guard lock(mutex_);
  return powered_;
}

int64_t FaultFileSystem::steps() const {
  std::lock_guard lock(mutex_);
  return steps_;
}

std::vector<std::string> FaultFileSystem::step_log() const {
  std::lock_guard lock(mutex_);
  return log_;
}

std::vector<std::string> FaultFileSystem::Files() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> paths;
  for (const auto& [path, inode] : live_) paths.push_back(path);
  return paths;
}

Status FaultFileSystem::PoweredOff(const std::string& path) const {
  return base::IOError("Could not use " + path + ": the power is off (simulated power loss).");
}

Status FaultFileSystem::Step(const std::string& what, const std::string& path) {
  if (!powered_) return PoweredOff(path);
  ++steps_;
  log_.push_back(what + " " + path);
  if (steps_ == power_loss_at_) {
    powered_ = false;
    return PoweredOff(path);
  }
  if (steps_ == fail_at_) {
    errno = fail_errno_;
    const char* doing = what == "sync"          ? "flushing"
                        : what == "sync folder" ? "flushing the folder"
                                                : "writing";
    return base::ErrnoStatus(doing, path);
  }
  return Status::Ok();
}

base::Result<std::unique_ptr<base::WritableFile>> FaultFileSystem::NewWritableFile(
    const std::string& path, mode_t /*mode*/) {
  std::lock_guard lock(mutex_);
  QM_RETURN_IF_ERROR(Step("create", path));
  if (!dirs_.contains(base::DirName(path))) return Missing("creating", path);
  if (dirs_.contains(path)) return base::IOError(path + " is a folder.");
  auto& inode = live_[path];
  if (inode) {
    inode->data.clear();
    inode->synced.clear();
  } else {
    inode = std::make_shared<Inode>();
  }
  return std::unique_ptr<base::WritableFile>(new FaultWritableFile(*this, inode, path));
}

base::Result<std::unique_ptr<base::WritableFile>> FaultFileSystem::OpenForOverwrite(
    const std::string& path) {
  std::lock_guard lock(mutex_);
  if (!powered_) return PoweredOff(path);
  auto it = live_.find(path);
  if (it == live_.end()) return Missing("opening", path);
  return std::unique_ptr<base::WritableFile>(new FaultWritableFile(*this, it->second, path));
}

base::Result<std::unique_ptr<base::WritableFile>> FaultFileSystem::OpenForAppend(
    const std::string& path, mode_t /*mode*/) {
  std::lock_guard lock(mutex_);
  if (!powered_) return PoweredOff(path);
  auto it = live_.find(path);
  if (it != live_.end()) {
    return std::unique_ptr<base::WritableFile>(
        new FaultWritableFile(*this, it->second, path, it->second->data.size()));
  }
  QM_RETURN_IF_ERROR(Step("create", path));
  if (!dirs_.contains(base::DirName(path))) return Missing("opening", path);
  if (dirs_.contains(path)) return base::IOError(path + " is a folder.");
  auto inode = std::make_shared<Inode>();
  live_[path] = inode;
  return std::unique_ptr<base::WritableFile>(new FaultWritableFile(*this, inode, path));
}

Status FaultFileSystem::Truncate(const std::string& path, uint64_t size) {
  std::lock_guard lock(mutex_);
  QM_RETURN_IF_ERROR(Step("truncate", path));
  auto it = live_.find(path);
  if (it == live_.end()) return Missing("opening", path);
  Inode& inode = *it->second;
  if (inode.data.size() > size) inode.data.resize(size);
  if (!ignore_file_syncs_) inode.synced = inode.data;
  return Status::Ok();
}

base::Result<std::unique_ptr<base::FileLock>> FaultFileSystem::LockFile(const std::string& path,
                                                                        mode_t /*mode*/) {
  std::shared_ptr<std::mutex> mutex;
  {
    std::lock_guard lock(mutex_);
    if (!powered_) return PoweredOff(path);
    auto& slot = locks_[path];
    if (!slot) slot = std::make_shared<std::mutex>();
    mutex = slot;
  }
  return std::unique_ptr<base::FileLock>(new FaultFileLock(std::move(mutex)));
}

base::Result<std::unique_ptr<base::SequentialFile>> FaultFileSystem::NewSequentialFile(
    const std::string& path) {
  std::lock_guard lock(mutex_);
  if (!powered_) return PoweredOff(path);
  auto it = live_.find(path);
  if (it == live_.end()) return Missing("opening", path);
  return std::unique_ptr<base::SequentialFile>(new FaultSequentialFile(it->second->data));
}

base::Result<uint64_t> FaultFileSystem::FileSize(const std::string& path) {
  std::lock_guard lock(mutex_);
  if (!powered_) return PoweredOff(path);
  auto it = live_.find(path);
  if (it == live_.end()) return Missing("inspecting", path);
  return static_cast<uint64_t>(it->second->data.size());
}

Status FaultFileSystem::Rename(const std::string& from, const std::string& to) {
  std::lock_guard lock(mutex_);
  QM_RETURN_IF_ERROR(Step("rename", from + " -> " + to));
  auto it = live_.find(from);
  if (it == live_.end()) return Missing("replacing", to);
  if (!dirs_.contains(base::DirName(to))) return Missing("replacing", to);
  std::shared_ptr<Inode> inode = it->second;
  live_.erase(it);
  live_[to] = std::move(inode);
  return Status::Ok();
}

Status FaultFileSystem::Remove(const std::string& path) {
  std::lock_guard lock(mutex_);
  QM_RETURN_IF_ERROR(Step("remove", path));
  if (live_.erase(path) == 0) return Missing("deleting", path);
  return Status::Ok();
}

Status FaultFileSystem::SyncDir(const std::string& dir) {
  std::lock_guard lock(mutex_);
  QM_RETURN_IF_ERROR(Step("sync folder", dir));
  if (!dirs_.contains(dir)) return Missing("opening the folder", dir);
  if (ignore_folder_syncs_) return Status::Ok();
  std::erase_if(durable_, [&](const auto& entry) { return base::DirName(entry.first) == dir; });
  for (const auto& [path, inode] : live_) {
    if (base::DirName(path) == dir) durable_[path] = inode;
  }
  return Status::Ok();
}

Status FaultFileSystem::CreateDir(const std::string& dir, mode_t /*mode*/) {
  std::lock_guard lock(mutex_);
  QM_RETURN_IF_ERROR(Step("create folder", dir));
  for (size_t i = 1; i <= dir.size(); ++i) {
    if (i < dir.size() && dir[i] != '/') continue;
    const std::string partial = dir.substr(0, i);
    if (live_.contains(partial)) {
      return base::IOError("Could not create the folder " + partial +
                           ": a file of that name is in the way. Move it away and try again.");
    }
    dirs_.insert(partial);
  }
  return Status::Ok();
}

base::Result<std::vector<std::string>> FaultFileSystem::ListDir(const std::string& dir) {
  std::lock_guard lock(mutex_);
  if (!powered_) return PoweredOff(dir);
  if (!dirs_.contains(dir)) return Missing("listing the folder", dir);
  std::vector<std::string> names;
  for (const auto& [path, inode] : live_) {
    if (base::DirName(path) == dir) names.push_back(path.substr(dir == "/" ? 1 : dir.size() + 1));
  }
  for (const std::string& sub : dirs_) {
    if (sub != dir && base::DirName(sub) == dir) {
      names.push_back(sub.substr(dir == "/" ? 1 : dir.size() + 1));
    }
  }
  return names;
}

}  // namespace qiaomen::testing
