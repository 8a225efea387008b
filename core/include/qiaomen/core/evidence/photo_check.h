#pragma once
// What a person hands in as photo evidence must be a photo. Core has no image codec, so this
// checks the content's signature, not its name: a JPEG starts with the SOI marker FF D8. The app
// re-encodes whatever the camera or the picker gives it to JPEG before this (Qt); the CLI passes
// files as they are.

#include <span>
#include <string>
#include <string_view>

#include "qiaomen/core/status.h"

namespace qiaomen::core::evidence {

// Ok when `head` (the first bytes of the photo, at least 2 of them) is a JPEG's. Otherwise
// InvalidArgument naming `name` and what the bytes look like (a PNG, HEIC, text, JSON or an empty
// file), saying to take the photo again or save it as JPEG. Thread-safe.
Status CheckJpeg(std::span<const uint8_t> head, std::string_view name);

// The same for the file at `path` (reads its first bytes). NotFound (take or choose the photo
// again) when it does not exist; IOError when it cannot be read.
Status CheckJpegFile(const std::string& path);

}  // namespace qiaomen::core::evidence
