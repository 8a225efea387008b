#pragma once
// Evidence photos as they are sealed. Whatever the camera or a file gives (12 megapixels, turned
// by an EXIF orientation tag, carrying GPS and camera tags or a colour profile) becomes a plain
// upright JPEG of at most kMaxLongEdge pixels on its long edge at quality kJpegQuality, with no
// metadata segment (no EXIF, XMP, ICC or comment), and the watermark stamped in its bottom-left
// corner (水印: time, place, worker). These bytes are what the device API hashes, signs and
// encrypts (FieldVisits::AddPhoto), so what the county prints is what was verified.
//
// Thread safety: a pure function of its inputs, safe on any thread that has no QPainter open on
// the same image; the app calls it on the device worker's thread only (a 4000x3000 photo costs
// a few hundred milliseconds of CPU: never on the UI thread).

#include <QByteArray>
#include <QString>
#include <QStringList>

#include "qiaomen/core/status.h"

namespace qiaomen::mobile {

inline constexpr int kMaxLongEdge = 1600;
inline constexpr int kJpegQuality = 85;

// What is stamped on the photo, one line each (white on a translucent dark band); empty lines are
// skipped, no lines means no stamp.
struct PhotoStamp {
  QStringList lines;
};

// Reads the image at `path` (JPEG, PNG, or any format Qt reads), applies its EXIF orientation,
// scales it down (never up) to kMaxLongEdge, stamps `stamp` and encodes it as a baseline JPEG.
// Errors, as sentences a worker can act on: NotFound when the file is missing; InvalidArgument
// when it is not a picture Qt can read; Internal when encoding fails.
core::Result<QByteArray> PrepareEvidencePhoto(const QString& path, const PhotoStamp& stamp);

}  // namespace qiaomen::mobile
