#pragma once
// gzip (RFC 1952) bodies for the wire: sync batches are protobuf with many repeated strings and
// shrink several times over.

#include <string>
#include <string_view>

#include "qiaomen/core/status.h"

namespace qiaomen::sync {

// The gzip encoding of `data`. Never fails for inputs that fit in memory.
std::string GzipCompress(std::string_view data);

// The original bytes of a gzip stream. InvalidArgument when `data` is not a complete gzip stream
// or inflates to more than `max_size` bytes (a bomb).
core::Result<std::string> GzipDecompress(std::string_view data, size_t max_size = 256u << 20);

}  // namespace qiaomen::sync
