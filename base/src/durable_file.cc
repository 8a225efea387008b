#include "qiaomen/base/durable_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "qiaomen/base/file_system.h"

namespace qiaomen::base {
namespace {

// Repeats `call` while it fails with EINTR (a signal arrived before it did anything).
template <typename Call>
auto RetryOnEintr(Call call) {
  auto rc = call();
  while (rc < 0 && errno == EINTR) rc = call();
  return rc;
}

Status AppendFile(const std::string& path, std::string& out) {
  QM_ASSIGN_OR_RETURN(Fd fd, OpenForRead(path));
  char buffer[16384];
  while (true) {
    QM_ASSIGN_OR_RETURN(
        size_t n,
        ReadUpTo(fd.get(), std::span(reinterpret_cast<uint8_t*>(buffer), sizeof buffer), path));
    out.append(buffer, n);
    if (n < sizeof buffer) return Status::Ok();
  }
}

}  // namespace

Fd::Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
Fd& Fd::operator=(Fd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}
Fd::~Fd() {
  if (fd_ >= 0) ::close(fd_);
}
Status Fd::Close(const std::string& path) {
  if (fd_ < 0) return Status::Ok();
  // close(2) is not retried: on Linux the descriptor is gone even when it reports EINTR.
  if (::close(std::exchange(fd_, -1)) != 0 && errno != EINTR) return ErrnoStatus("closing", path);
  return Status::Ok();
}

Status ErrnoStatus(const std::string& what, const std::string& path) {
  const int err = errno;
  std::string message = "Could not finish " + what + " " + path + ": " + std::strerror(err) + ".";
  if (err == ENOSPC || err == EDQUOT) {
    return ResourceExhausted(message + " The storage is full: free some space and try again.");
  }
  if (err == ENOENT) return NotFound(message);
  return IOError(message + " Check the storage and try again.");
}

Result<Fd> OpenForRead(const std::string& path) {
  const int fd = RetryOnEintr([&] { return ::open(path.c_str(), O_RDONLY | O_CLOEXEC); });
  if (fd < 0) return ErrnoStatus("opening", path);
  return Fd(fd);
}

Result<Fd> CreateForWrite(const std::string& path, mode_t mode) {
  const int fd = RetryOnEintr(
      [&] { return ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode); });
  if (fd < 0) return ErrnoStatus("creating", path);
  return Fd(fd);
}

Status WriteAll(int fd, std::span<const uint8_t> data, const std::string& path) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n =
        RetryOnEintr([&] { return ::write(fd, data.data() + done, data.size() - done); });
    if (n < 0) return ErrnoStatus("writing", path);
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

Result<size_t> ReadUpTo(int fd, std::span<uint8_t> out, const std::string& path) {
  size_t done = 0;
  while (done < out.size()) {
    const ssize_t n =
        RetryOnEintr([&] { return ::read(fd, out.data() + done, out.size() - done); });
    if (n < 0) return ErrnoStatus("reading", path);
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  return done;
}

Status Fsync(int fd, const std::string& path) {
  if (RetryOnEintr([&] { return ::fsync(fd); }) != 0) return ErrnoStatus("flushing", path);
  return Status::Ok();
}

Status FsyncDir(const std::string& dir) {
  const int fd =
      RetryOnEintr([&] { return ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); });
  if (fd < 0) return ErrnoStatus("opening the folder", dir);
  Fd guard(fd);
  return Fsync(fd, dir);
}

Status RenameDurably(const std::string& from, const std::string& to) {
  return RenameDurably(LocalFileSystem(), from, to);
}

Status WriteFileAtomically(const std::string& path, std::string_view data, mode_t mode) {
  return WriteFileAtomically(LocalFileSystem(), path, data, mode);
}

Result<std::string> ReadFile(const std::string& path) {
  std::string data;
  QM_RETURN_IF_ERROR(AppendFile(path, data));
  return data;
}

Result<std::vector<uint8_t>> ReadFileBytes(const std::string& path) {
  QM_ASSIGN_OR_RETURN(std::string data, ReadFile(path));
  return std::vector<uint8_t>(data.begin(), data.end());
}

Status EnsureDir(const std::string& dir, mode_t mode) {
  for (size_t i = 1; i <= dir.size(); ++i) {
    if (i < dir.size() && dir[i] != '/') continue;
    const std::string partial = dir.substr(0, i);
    if (::mkdir(partial.c_str(), mode) != 0 && errno != EEXIST) {
      return ErrnoStatus("creating the folder", partial);
    }
  }
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) return ErrnoStatus("creating the folder", dir);
  if (!S_ISDIR(st.st_mode)) {
    return IOError("Could not create the folder " + dir +
                   ": a file of that name is in the way. Move it away and try again.");
  }
  // An existing folder gets the mode too: a profile folder made by hand must not stay readable.
  if ((st.st_mode & 07777) != mode && ::chmod(dir.c_str(), mode) != 0) {
    return ErrnoStatus("setting the permissions of", dir);
  }
  return Status::Ok();
}

std::string DirName(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

}  // namespace qiaomen::base
