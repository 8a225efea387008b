#include "qiaomen/base/text_encoding.h"

#include <iconv.h>

#include <cerrno>
#include <cstdint>

namespace qiaomen::base {
namespace {

// Converts all of `bytes` from `from` to UTF-8; false when iconv cannot (an invalid or incomplete
// sequence, or the machine's C library lacks the encoding).
bool Convert(const char* from, std::string_view bytes, std::string* out) {
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  out->clear();
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char buffer[4096];
  bool ok = true;
  while (in_left > 0) {
    char* dst = buffer;
    size_t dst_left = sizeof buffer;
    const size_t done = iconv(cd, &in, &in_left, &dst, &dst_left);
    out->append(buffer, sizeof buffer - dst_left);
    if (done == static_cast<size_t>(-1) && errno != E2BIG) {
      ok = false;  // EILSEQ or EINVAL: not this encoding
      break;
    }
  }
  iconv_close(cd);
  return ok;
}

}  // namespace

bool IsUtf8(std::string_view bytes) {
  size_t i = 0;
  const size_t n = bytes.size();
  while (i < n) {
    const auto c = static_cast<uint8_t>(bytes[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t min;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, min = 0x10000, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<uint8_t>(bytes[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

Result<DecodedText> DecodeText(std::string_view bytes, std::string_view what) {
  constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
  DecodedText decoded;
  const std::string_view head = bytes.substr(0, 2);
  if (bytes.substr(0, 3) == kUtf8Bom) {
    std::string_view rest = bytes.substr(3);
    if (IsUtf8(rest)) return DecodedText{std::string(rest), "UTF-8 with BOM"};
  } else if (IsUtf8(bytes)) {
    return DecodedText{std::string(bytes), "UTF-8"};
  } else if (head == "\xFF\xFE" || head == "\xFE\xFF") {
    // "UTF-16" reads the BOM, picks the byte order and drops it.
    if (Convert("UTF-16", bytes, &decoded.text) && IsUtf8(decoded.text)) {
      decoded.encoding = "UTF-16";
      return decoded;
    }
  } else if (bytes.find('\0') == std::string_view::npos &&
             Convert("GB18030", bytes, &decoded.text)) {
    decoded.encoding = "GB18030";
    return decoded;
  }
  return InvalidArgument(std::string(what) +
                         " is not text in UTF-8 or GBK. Save it from the spreadsheet as "
                         "\"CSV UTF-8 (逗号分隔)(*.csv)\" and try again; nothing was changed.");
}

}  // namespace qiaomen::base
