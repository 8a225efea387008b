#include "qiaomen/core/evidence/photo_check.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "qiaomen/base/durable_file.h"

namespace qiaomen::core::evidence {
namespace {

bool StartsWith(std::span<const uint8_t> head, std::string_view prefix) {
  return head.size() >= prefix.size() &&
         std::memcmp(head.data(), prefix.data(), prefix.size()) == 0;
}

// What the bytes look like, for the message: "a PNG image", "text".
std::string Looks(std::span<const uint8_t> head) {
  if (head.empty()) return "an empty file";
  if (StartsWith(head, "\x89PNG")) return "a PNG image";
  if (head.size() >= 12 && std::memcmp(head.data() + 4, "ftyp", 4) == 0) {
    return "a HEIC image or a video";
  }
  size_t i = 0;
  while (i < head.size() && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r')) ++i;
  if (i < head.size() && (head[i] == '{' || head[i] == '[')) return "JSON text";
  for (uint8_t c : head) {
    if (c < 0x09 || (c > 0x0D && c < 0x20)) return "not a photo";
  }
  return "text";
}

}  // namespace

Status CheckJpeg(std::span<const uint8_t> head, std::string_view name) {
  if (StartsWith(head, "\xFF\xD8")) return Status::Ok();
  return InvalidArgument(std::string(name) + " is " + Looks(head) +
                         ", not a JPEG photo. Take the photo again, or save it as JPEG; it was "
                         "not added.");
}

Status CheckJpegFile(const std::string& path) {
  auto fd = base::OpenForRead(path);
  if (!fd.ok()) {
    if (fd.status().code() == Code::kNotFound) {
      return NotFound("There is no photo file at " + path + ": take or choose the photo again.");
    }
    return fd.status();
  }
  uint8_t head[16];
  ssize_t n;
  do {
    n = ::read(fd->get(), head, sizeof head);
  } while (n < 0 && errno == EINTR);
  if (n < 0) return base::ErrnoStatus("reading the photo", path);
  return CheckJpeg(std::span<const uint8_t>(head, static_cast<size_t>(n)), path);
}

}  // namespace qiaomen::core::evidence
