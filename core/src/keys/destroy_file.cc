#include "keys/destroy_file.h"

#include <sodium.h>

#include <algorithm>
#include <span>

#include "qiaomen/base/durable_file.h"

namespace qiaomen::core {

Status DestroyFile(const std::string& path, base::FileSystem& fs) {
  auto file = fs.OpenForOverwrite(path);
  if (!file.ok()) {
    if (file.status().code() == Code::kNotFound) return Status::Ok();
    return file.status();
  }
  QM_ASSIGN_OR_RETURN(uint64_t size, fs.FileSize(path));
  uint8_t noise[4096];
  for (uint64_t done = 0; done < size;) {
    const size_t n = static_cast<size_t>(std::min<uint64_t>(sizeof noise, size - done));
    randombytes_buf(noise, n);
    QM_RETURN_IF_ERROR((*file)->Append(std::span<const uint8_t>(noise, n)));
    done += n;
  }
  QM_RETURN_IF_ERROR((*file)->Sync());
  QM_RETURN_IF_ERROR((*file)->Close());
  if (Status removed = fs.Remove(path); !removed.ok() && removed.code() != Code::kNotFound) {
    return removed;
  }
  return fs.SyncDir(base::DirName(path));
}

}  // namespace qiaomen::core
