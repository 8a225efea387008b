#pragma once
// gzip (RFC 1952) bodies for the wire: sync batches are protobuf with many repeated strings and
// shrink several times over. zlib does the work.

#include <cstddef>
#include <string>
#include <string_view>

#include "qiaomen/base/status.h"

namespace qiaomen::base {

// zlib's default level (6): the speed and size every caller wants unless it measures otherwise.
inline constexpr int kGzipDefaultLevel = -1;

// The gzip encoding of `data` at `level` (1 fastest .. 9 smallest, or kGzipDefaultLevel).
// Never fails for inputs that fit in memory. Thread-safe.
std::string GzipCompress(std::string_view data, int level = kGzipDefaultLevel);

// Which wrappers GzipDecompress accepts.
enum class Compressed {
  kGzip,        // RFC 1952 only
  kGzipOrZlib,  // also RFC 1950 (HTTP's Content-Encoding: deflate), detected from the header
};

// The original bytes of a compressed stream. InvalidArgument when `data` is not one complete
// stream of the accepted kind (corrupt, truncated, or another format); ResourceExhausted when it
// inflates to more than `max_size` bytes (a bomb): inflating stops there. Thread-safe.
Result<std::string> GzipDecompress(std::string_view data, size_t max_size,
                                   Compressed accepted = Compressed::kGzip);

}  // namespace qiaomen::base
