#include "qiaomen/base/gzip.h"

#include <zlib.h>

namespace qiaomen::base {
namespace {

// windowBits: 15 (32 KiB window) + 16 selects the gzip wrapper, + 32 detects gzip or zlib.
constexpr int kGzipWindow = 15 + 16;
constexpr int kAutoWindow = 15 + 32;

}  // namespace

std::string GzipCompress(std::string_view data, int level) {
  z_stream zs{};
  deflateInit2(&zs, level, Z_DEFLATED, kGzipWindow, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  // deflateBound leaves room for the whole stream, so one Z_FINISH call completes it.
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

Result<std::string> GzipDecompress(std::string_view data, size_t max_size, Compressed accepted) {
  z_stream zs{};
  const int window = accepted == Compressed::kGzip ? kGzipWindow : kAutoWindow;
  if (inflateInit2(&zs, window) != Z_OK) return Internal("zlib could not start inflating.");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buffer);
    zs.avail_out = sizeof(buffer);
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buffer, sizeof(buffer) - zs.avail_out);
    if (out.size() > max_size) {
      inflateEnd(&zs);
      return ResourceExhausted("The compressed body inflates past the limit of " +
                               std::to_string(max_size) + " bytes; send it in smaller parts.");
    }
    // Z_OK with all input used and room left over: the stream stops before its end.
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) break;
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) {
    return InvalidArgument(
        "The body is not a complete gzip stream (corrupt or truncated); send it again.");
  }
  return out;
}

}  // namespace qiaomen::base
