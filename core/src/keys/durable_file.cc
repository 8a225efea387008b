#include "keys/durable_file.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

namespace qiaomen::core::durable {

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
  const int rc = ::close(std::exchange(fd_, -1));
  if (rc != 0) return ErrnoStatus("closing", path);
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
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("opening", path);
  return Fd(fd);
}

Result<Fd> CreateForWrite(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return ErrnoStatus("creating", path);
  return Fd(fd);
}

Status WriteAll(int fd, std::span<const uint8_t> data, const std::string& path) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus("writing", path);
    }
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

Result<size_t> ReadUpTo(int fd, std::span<uint8_t> out, const std::string& path) {
  size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = ::read(fd, out.data() + done, out.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus("reading", path);
    }
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  return done;
}

Status Fsync(int fd, const std::string& path) {
  if (::fsync(fd) != 0) return ErrnoStatus("flushing", path);
  return Status::Ok();
}

Status FsyncDir(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("opening the folder", dir);
  Fd guard(fd);
  return Fsync(fd, dir);
}

Status WriteFileAtomically(const std::string& path, std::span<const uint8_t> data) {
  const std::string temp = path + ".tmp";
  {
    QM_ASSIGN_OR_RETURN(Fd fd, CreateForWrite(temp));
    QM_RETURN_IF_ERROR(WriteAll(fd.get(), data, temp));
    QM_RETURN_IF_ERROR(Fsync(fd.get(), temp));
    QM_RETURN_IF_ERROR(fd.Close(temp));
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    Status status = ErrnoStatus("replacing", path);
    ::unlink(temp.c_str());
    return status;
  }
  return FsyncDir(DirName(path));
}

Result<std::vector<uint8_t>> ReadFile(const std::string& path) {
  QM_ASSIGN_OR_RETURN(Fd fd, OpenForRead(path));
  std::vector<uint8_t> data;
  uint8_t buffer[16384];
  while (true) {
    QM_ASSIGN_OR_RETURN(size_t n, ReadUpTo(fd.get(), buffer, path));
    data.insert(data.end(), buffer, buffer + n);
    if (n < sizeof buffer) break;
  }
  return data;
}

Status DestroyFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::Ok();
    return ErrnoStatus("opening", path);
  }
  Fd guard(fd);
  struct stat st {};
  if (::fstat(fd, &st) != 0) return ErrnoStatus("inspecting", path);
  uint8_t noise[4096];
  for (off_t done = 0; done < st.st_size;) {
    const size_t n = static_cast<size_t>(std::min<off_t>(sizeof noise, st.st_size - done));
    randombytes_buf(noise, n);
    QM_RETURN_IF_ERROR(WriteAll(fd, std::span<const uint8_t>(noise, n), path));
    done += static_cast<off_t>(n);
  }
  QM_RETURN_IF_ERROR(Fsync(fd, path));
  QM_RETURN_IF_ERROR(guard.Close(path));
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return ErrnoStatus("deleting", path);
  return FsyncDir(DirName(path));
}

Status EnsureDir(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return IOError("Could not create the folder " + dir + ": " + error.message() +
                   ". Check the storage and try again.");
  }
  ::chmod(dir.c_str(), 0700);
  return Status::Ok();
}

std::string DirName(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

}  // namespace qiaomen::core::durable
