#include "evidence_photo.h"

#include <QBuffer>
#include <QFileInfo>
#include <QFont>
#include <QFontMetrics>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace qiaomen::mobile {
namespace {

using core::Code;
using core::Result;
using core::Status;

// The size `size` scaled to fit kMaxLongEdge on its long edge (unchanged when it already fits).
// The long edge does not change under a 90-degree turn, so this holds before and after the EXIF
// orientation is applied.
QSize Fitted(QSize size) {
  const int long_edge = std::max(size.width(), size.height());
  if (long_edge <= kMaxLongEdge) return size;
  const double k = static_cast<double>(kMaxLongEdge) / long_edge;
  return {std::max(1, static_cast<int>(std::lround(size.width() * k))),
          std::max(1, static_cast<int>(std::lround(size.height() * k)))};
}

// White lines on a translucent dark band across the bottom, sized to the photo so that a
// 1600-pixel print and a phone screen both read it.
void Stamp(QImage& image, const PhotoStamp& stamp) {
  QStringList lines;
  for (const QString& line : stamp.lines) {
    if (!line.trimmed().isEmpty()) lines << line.trimmed();
  }
  if (lines.isEmpty()) return;
  QPainter painter(&image);
  painter.setRenderHint(QPainter::TextAntialiasing);
  QFont font(QStringLiteral("WenQuanYi Micro Hei"));
  font.setPixelSize(std::max(12, std::min(image.width(), image.height()) / 36));
  painter.setFont(font);
  const QFontMetrics metrics(font);
  const int pad = metrics.height() / 2;
  const int band = static_cast<int>(lines.size()) * metrics.height() + 2 * pad;
  const QRect area(0, image.height() - band, image.width(), band);
  painter.fillRect(area, QColor(0, 0, 0, 140));
  painter.setPen(Qt::white);
  int y = area.top() + pad + metrics.ascent();
  for (const QString& line : lines) {
    painter.drawText(pad, y, metrics.elidedText(line, Qt::ElideRight, image.width() - 2 * pad));
    y += metrics.height();
  }
}

Result<QByteArray> Prepare(QImageReader& reader, const PhotoStamp& stamp) {
  reader.setAutoTransform(true);  // EXIF orientation first: the stored photo stands upright
  const QSize raw = reader.size();
  if (raw.isValid()) reader.setScaledSize(Fitted(raw));  // decoded small (JPEG DCT scaling)
  QImage decoded = reader.read();
  if (decoded.isNull()) {
    return Status(Code::kInvalidArgument, "这个文件不是能打开的照片（" +
                                              reader.errorString().toStdString() +
                                              "）。请重新拍摄，或选择 JPEG / PNG 照片。");
  }
  const QSize size = Fitted(decoded.size());
  if (size != decoded.size()) {
    decoded = decoded.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
  }
  // Drawn into a fresh image: none of the source's text keys (JPEG comments), colour space (an
  // ICC segment) or resolution travel on to the writer.
  QImage clean(decoded.size(), QImage::Format_RGB32);
  clean.fill(Qt::white);  // under a transparent PNG
  {
    QPainter painter(&clean);
    painter.drawImage(0, 0, decoded);
  }
  Stamp(clean, stamp);
  QByteArray jpeg;
  QBuffer buffer(&jpeg);
  buffer.open(QIODevice::WriteOnly);
  QImageWriter writer(&buffer, "jpeg");
  writer.setQuality(kJpegQuality);
  if (!writer.write(clean)) {
    return Status(Code::kInternal,
                  "照片压缩失败（" + writer.errorString().toStdString() + "），请重新拍摄。");
  }
  return jpeg;
}

}  // namespace

Result<QByteArray> PrepareEvidencePhoto(const QString& path, const PhotoStamp& stamp) {
  if (!QFileInfo(path).isFile()) {
    return Status(Code::kNotFound,
                  "找不到照片文件 " + path.toStdString() + "，请重新拍摄或重新选择。");
  }
  QImageReader reader(path);
  return Prepare(reader, stamp);
}

}  // namespace qiaomen::mobile
