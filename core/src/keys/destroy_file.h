#pragma once
// Removing a secret for good (private to core): the key file after too many wrong PINs, a pending
// key file. The durable-file primitives themselves are qiaomen/base/durable_file.h.

#include <string>

#include "qiaomen/core/status.h"

namespace qiaomen::core {

// Overwrites the file's bytes with random data, fsyncs, unlinks it and fsyncs its directory.
// A missing file is not an error. Errors as base::ErrnoStatus.
Status DestroyFile(const std::string& path);

}  // namespace qiaomen::core
