#pragma once
// Reads the enrolment link (core/enrol/enrol_link.h) from a photo of the county's QR code with
// zxing-cpp, and words what went wrong for the worker, in the UI language.
//
// Thread safety: reentrant; call it off the UI thread (decoding a 12-megapixel photo takes a
// fraction of a second).

#include <QImage>
#include <QString>

#include "qiaomen/core/enrol/enrol_link.h"
#include "qiaomen/core/status.h"

namespace qiaomen::mobile {

// The link in the first QR code zxing finds in `image`. On failure `error` (when given) is a
// sentence saying what to do: no QR code found, another kind of QR code, a newer format, or a
// malformed one; the Status carries the English detail.
core::Result<core::enrol::EnrolLink> ReadEnrolLink(const QImage& image, QString* error = nullptr);

// The same for the picture at `path` (a local path or file:// URL; JPEG or PNG, turned upright by
// its EXIF orientation). A file that is not a picture is an error too.
core::Result<core::enrol::EnrolLink> ReadEnrolLinkFromFile(const QString& path,
                                                           QString* error = nullptr);

}  // namespace qiaomen::mobile
