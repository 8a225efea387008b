#include "qiaomen/base/file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "qiaomen/base/durable_file.h"

namespace qiaomen::base {
namespace {

class LocalWritableFile final : public WritableFile {
 public:
  LocalWritableFile(Fd fd, std::string path) : fd_(std::move(fd)), path_(std::move(path)) {}
  Status Append(std::span<const uint8_t> data) override { return WriteAll(fd_.get(), data, path_); }
  Status Sync() override { return Fsync(fd_.get(), path_); }
  Status Close() override { return fd_.Close(path_); }

 private:
  Fd fd_;
  std::string path_;
};

class LocalSequentialFile final : public SequentialFile {
 public:
  LocalSequentialFile(Fd fd, std::string path) : fd_(std::move(fd)), path_(std::move(path)) {}
  Result<size_t> Read(std::span<uint8_t> out) override { return ReadUpTo(fd_.get(), out, path_); }

 private:
  Fd fd_;
  std::string path_;
};

// flock(2) on an open lock file: excludes other descriptors, in this process and in others.
class LocalFileLock final : public FileLock {
 public:
  explicit LocalFileLock(Fd fd) : fd_(std::move(fd)) {}
  ~LocalFileLock() override { ::flock(fd_.get(), LOCK_UN); }

 private:
  Fd fd_;
};

class LocalFileSystemImpl final : public FileSystem {
 public:
  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path,
                                                        mode_t mode) override {
    QM_ASSIGN_OR_RETURN(Fd fd, CreateForWrite(path, mode));
    return std::unique_ptr<WritableFile>(new LocalWritableFile(std::move(fd), path));
  }

  Result<std::unique_ptr<WritableFile>> OpenForOverwrite(const std::string& path) override {
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    while (fd < 0 && errno == EINTR) fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return ErrnoStatus("opening", path);
    return std::unique_ptr<WritableFile>(new LocalWritableFile(Fd(fd), path));
  }

  Result<std::unique_ptr<WritableFile>> OpenForAppend(const std::string& path,
                                                      mode_t mode) override {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, mode);
    while (fd < 0 && errno == EINTR)
      fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, mode);
    if (fd < 0) return ErrnoStatus("opening", path);
    return std::unique_ptr<WritableFile>(new LocalWritableFile(Fd(fd), path));
  }

  Status Truncate(const std::string& path, uint64_t size) override {
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    while (fd < 0 && errno == EINTR) fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return ErrnoStatus("opening", path);
    Fd file(fd);
    int rc = ::ftruncate(file.get(), static_cast<off_t>(size));
    while (rc != 0 && errno == EINTR) rc = ::ftruncate(file.get(), static_cast<off_t>(size));
    if (rc != 0) return ErrnoStatus("shortening", path);
    QM_RETURN_IF_ERROR(Fsync(file.get(), path));
    return file.Close(path);
  }

  Result<std::unique_ptr<FileLock>> LockFile(const std::string& path, mode_t mode) override {
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, mode);
    while (fd < 0 && errno == EINTR) fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, mode);
    if (fd < 0) return ErrnoStatus("opening the lock file", path);
    Fd file(fd);
    int rc = ::flock(file.get(), LOCK_EX);
    while (rc != 0 && errno == EINTR) rc = ::flock(file.get(), LOCK_EX);
    if (rc != 0) return ErrnoStatus("locking", path);
    return std::unique_ptr<FileLock>(new LocalFileLock(std::move(file)));
  }

  Result<std::unique_ptr<SequentialFile>> NewSequentialFile(const std::string& path) override {
    QM_ASSIGN_OR_RETURN(Fd fd, OpenForRead(path));
    return std::unique_ptr<SequentialFile>(new LocalSequentialFile(std::move(fd), path));
  }

  Result<uint64_t> FileSize(const std::string& path) override {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return ErrnoStatus("inspecting", path);
    return static_cast<uint64_t>(st.st_size);
  }

  Status Rename(const std::string& from, const std::string& to) override {
    if (::rename(from.c_str(), to.c_str()) != 0) return ErrnoStatus("replacing", to);
    return Status::Ok();
  }

  Status Remove(const std::string& path) override {
    if (::unlink(path.c_str()) != 0) return ErrnoStatus("deleting", path);
    return Status::Ok();
  }

  Status SyncDir(const std::string& dir) override { return FsyncDir(dir); }

  Status CreateDir(const std::string& dir, mode_t mode) override { return EnsureDir(dir, mode); }

  Result<std::vector<std::string>> ListDir(const std::string& dir) override {
    DIR* handle = ::opendir(dir.c_str());
    if (handle == nullptr) return ErrnoStatus("listing the folder", dir);
    std::vector<std::string> names;
    errno = 0;
    while (const dirent* entry = ::readdir(handle)) {
      const std::string name = entry->d_name;
      if (name != "." && name != "..") names.push_back(name);
    }
    const int err = errno;
    ::closedir(handle);
    if (err != 0) {
      errno = err;
      return ErrnoStatus("listing the folder", dir);
    }
    return names;
  }
};

}  // namespace

FileSystem& LocalFileSystem() {
  static LocalFileSystemImpl* const fs = new LocalFileSystemImpl();
  return *fs;
}

Status WriteFileAtomically(FileSystem& fs, const std::string& path, std::string_view data,
                           mode_t mode) {
  const std::string temp = path + ".tmp";
  Status written;
  {
    QM_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file, fs.NewWritableFile(temp, mode));
    written = file->Append(std::span(reinterpret_cast<const uint8_t*>(data.data()), data.size()));
    if (written.ok()) written = file->Sync();
    if (written.ok()) written = file->Close();
  }
  if (written.ok()) written = RenameDurably(fs, temp, path);
  if (!written.ok()) fs.Remove(temp).IgnoreError();
  return written;
}

Status RenameDurably(FileSystem& fs, const std::string& from, const std::string& to) {
  QM_RETURN_IF_ERROR(fs.Rename(from, to));
  // The folder's name alone would not tell the person which file was being saved.
  return fs.SyncDir(DirName(to)).WithContext("saving " + to);
}

Result<std::string> ReadWholeFile(FileSystem& fs, const std::string& path) {
  QM_ASSIGN_OR_RETURN(std::unique_ptr<SequentialFile> file, fs.NewSequentialFile(path));
  std::string out;
  uint8_t buffer[16384];
  while (true) {
    QM_ASSIGN_OR_RETURN(size_t n, file->Read(buffer));
    out.append(reinterpret_cast<const char*>(buffer), n);
    if (n < sizeof buffer) return out;
  }
}

Result<bool> FileExists(FileSystem& fs, const std::string& path) {
  auto size = fs.FileSize(path);
  if (size.ok()) return true;
  if (size.status().code() == Code::kNotFound) return false;
  return size.status();
}

}  // namespace qiaomen::base
