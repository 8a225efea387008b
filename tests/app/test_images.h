#pragma once
// Pictures for the app's tests: a camera-sized JPEG with the EXIF tags a phone writes.

#include <QBuffer>
#include <QByteArray>
#include <QFile>
#include <QImage>
#include <QLinearGradient>
#include <QList>
#include <QPainter>
#include <QString>

namespace qiaomen::mobile {

// The maker name written into the EXIF of TestJpeg: a stored photo must not contain it.
inline constexpr char kSecretMake[] = "QIAOMEN-TEST-CAMERA-MAKE";

// Inserts an APP1 EXIF segment (IFD0: Make = kSecretMake, Orientation = `orientation`) right
// after the SOI marker of `jpeg`, as a phone camera writes it.
inline QByteArray WithExif(const QByteArray& jpeg, quint16 orientation) {
  const QByteArray make(kSecretMake);
  QByteArray tiff("II*\0", 4);
  const auto u16 = [&](quint16 v) {
    tiff.append(static_cast<char>(v & 0xFF));
    tiff.append(static_cast<char>(v >> 8));
  };
  const auto u32 = [&](quint32 v) {
    for (int i = 0; i < 4; ++i) tiff.append(static_cast<char>((v >> (8 * i)) & 0xFF));
  };
  u32(8);  // IFD0 right after the header
  u16(2);
  u16(0x010F);  // Make, ASCII, its text after the IFD
  u16(2);
  u32(static_cast<quint32>(make.size() + 1));
  u32(8 + 2 + 2 * 12 + 4);
  u16(0x0112);  // Orientation, SHORT
  u16(3);
  u32(1);
  u16(orientation);
  u16(0);
  u32(0);  // no next IFD
  tiff.append(make);
  tiff.append('\0');
  QByteArray segment("\xFF\xE1", 2);
  const int length = 2 + 6 + static_cast<int>(tiff.size());
  segment.append(static_cast<char>(length >> 8));
  segment.append(static_cast<char>(length & 0xFF));
  segment.append("Exif\0\0", 6);
  segment.append(tiff);
  return jpeg.left(2) + segment + jpeg.mid(2);
}

// A `width` x `height` JPEG (a colour gradient, red in the top-left corner) with EXIF
// orientation `orientation` (6: the camera was held upright, turn 90 degrees clockwise).
inline QByteArray TestJpeg(int width, int height, quint16 orientation = 1) {
  QImage image(width, height, QImage::Format_RGB32);
  QPainter painter(&image);
  QLinearGradient gradient(0, 0, width, height);
  gradient.setColorAt(0, Qt::red);
  gradient.setColorAt(1, Qt::blue);
  painter.fillRect(image.rect(), gradient);
  painter.end();
  QByteArray jpeg;
  QBuffer buffer(&jpeg);
  buffer.open(QIODevice::WriteOnly);
  image.save(&buffer, "jpeg", 90);
  return WithExif(jpeg, orientation);
}

inline bool WriteFile(const QString& path, const QByteArray& bytes) {
  QFile file(path);
  return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// The metadata segments of `jpeg` before its image data: APP1..APP15 (EXIF, XMP, ICC, ...) and
// COM, as their marker bytes (0xE1 is EXIF or XMP). APP0 (the JFIF header) is not metadata.
// {0x00} when `jpeg` is not a well-formed JPEG.
inline QList<int> MetadataSegments(const QByteArray& jpeg) {
  QList<int> found;
  const auto at = [&](qsizetype i) { return static_cast<unsigned char>(jpeg.at(i)); };
  if (jpeg.size() < 4 || at(0) != 0xFF || at(1) != 0xD8) return {0x00};
  qsizetype i = 2;
  while (i + 4 <= jpeg.size()) {
    if (at(i) != 0xFF) return {0x00};
    const int marker = at(i + 1);
    if (marker == 0xDA) return found;  // start of scan: the image data follows
    if ((marker >= 0xE1 && marker <= 0xEF) || marker == 0xFE) found << marker;
    i += 2 + ((at(i + 2) << 8) | at(i + 3));
  }
  return {0x00};
}

}  // namespace qiaomen::mobile
