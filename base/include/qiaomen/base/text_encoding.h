#pragma once
// Text files people bring from their own tools, as UTF-8. A subjects list saved by Chinese Excel
// is GBK (code page 936) unless the person chose "CSV UTF-8"; Excel's UTF-8 starts with a BOM;
// "Unicode text" is UTF-16. Everything inside Qiaomen is UTF-8 (protobuf strings must be).

#include <string>
#include <string_view>

#include "qiaomen/base/status.h"

namespace qiaomen::base {

// True when `bytes` is well-formed UTF-8 (no overlong forms, no surrogates, nothing above
// U+10FFFF). Thread-safe.
bool IsUtf8(std::string_view bytes);

struct DecodedText {
  std::string text;      // UTF-8, without a byte order mark
  std::string encoding;  // what it was: "UTF-8", "UTF-8 with BOM", "UTF-16", "GB18030"
};

// `bytes` as UTF-8 text: UTF-8 (a BOM is dropped), UTF-16 with its BOM, or else GB18030 (which
// contains GBK and GB2312) when every byte decodes as such; conversions use the C library's iconv.
// InvalidArgument naming `what` (e.g. the file name) with what to do when it is none of these
// (a spreadsheet's binary format, another code page). Thread-safe.
Result<DecodedText> DecodeText(std::string_view bytes, std::string_view what);

}  // namespace qiaomen::base
