#pragma once
// Removing a secret for good (private to core): the key file after too many wrong PINs, a pending
// key file. The durable-file primitives themselves are qiaomen/base/file_system.h.

#include <string>

#include "qiaomen/base/file_system.h"
#include "qiaomen/core/status.h"

namespace qiaomen::core {

// Overwrites the file's bytes with random data, syncs, removes it and syncs its folder, all
// through `fs`. A missing file is not an error. Errors as base::ErrnoStatus.
Status DestroyFile(const std::string& path, base::FileSystem& fs = base::LocalFileSystem());

}  // namespace qiaomen::core
