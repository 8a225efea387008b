#include "keys/destroy_file.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <span>

#include "qiaomen/base/durable_file.h"

namespace qiaomen::core {

Status DestroyFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::Ok();
    return base::ErrnoStatus("opening", path);
  }
  base::Fd guard(fd);
  struct stat st {};
  if (::fstat(fd, &st) != 0) return base::ErrnoStatus("inspecting", path);
  uint8_t noise[4096];
  for (off_t done = 0; done < st.st_size;) {
    const size_t n = static_cast<size_t>(std::min<off_t>(sizeof noise, st.st_size - done));
    randombytes_buf(noise, n);
    QM_RETURN_IF_ERROR(base::WriteAll(fd, std::span<const uint8_t>(noise, n), path));
    done += static_cast<off_t>(n);
  }
  QM_RETURN_IF_ERROR(base::Fsync(fd, path));
  QM_RETURN_IF_ERROR(guard.Close(path));
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return base::ErrnoStatus("deleting", path);
  return base::FsyncDir(base::DirName(path));
}

}  // namespace qiaomen::core
