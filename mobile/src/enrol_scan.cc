#include "enrol_scan.h"

#include <ZXing/ReadBarcode.h>

#include <QCoreApplication>
#include <QImageReader>
#include <QUrl>
#include <exception>

namespace qiaomen::mobile {
namespace {

// Big enough to keep a QR code that fills a fifth of a phone photo readable, small enough to
// decode quickly.
constexpr int kMaxSide = 2000;

class EnrolScan {
  Q_DECLARE_TR_FUNCTIONS(EnrolScan)

 public:
  EnrolScan() = delete;
};

void Set(QString* error, const QString& text) {
  if (error != nullptr) *error = text;
}

// The texts of the QR codes zxing finds, or an error (zxing is caught here: no exception leaves).
core::Result<std::vector<std::string>> DecodeQrTexts(const QImage& image) {
  const QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  hints.setTryHarder(true);
  hints.setTryRotate(true);
  try {
    const ZXing::ImageView view(grey.constBits(), grey.width(), grey.height(),
                                ZXing::ImageFormat::Lum, static_cast<int>(grey.bytesPerLine()));
    std::vector<std::string> texts;
    for (const ZXing::Result& result : ZXing::ReadBarcodes(view, hints)) {
      if (result.isValid()) texts.push_back(result.text());
    }
    return texts;
  } catch (const std::exception& e) {
    return core::Internal(std::string("zxing could not read the picture: ") + e.what());
  }
}

}  // namespace

core::Result<core::enrol::EnrolLink> ReadEnrolLink(const QImage& picture, QString* error) {
  if (picture.isNull()) {
    Set(error, EnrolScan::tr("无法读取这张照片，请换一张清晰的二维码照片，或手动填写。"));
    return core::InvalidArgument("The picture is empty.");
  }
  QImage image = picture;
  if (std::max(image.width(), image.height()) > kMaxSide) {
    image = image.scaled(kMaxSide, kMaxSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
  }
  auto texts = DecodeQrTexts(image);
  if (texts.ok() && texts->empty() && image.size() != picture.size()) {
    texts = DecodeQrTexts(picture);  // a small code in a big photo: try the full resolution
  }
  if (!texts.ok()) {
    Set(error, EnrolScan::tr("无法读取这张照片，请换一张清晰的二维码照片，或手动填写。"));
    return texts.status();
  }
  if (texts->empty()) {
    Set(error,
        EnrolScan::tr(
            "照片里没有找到二维码。请让二维码占满画面、对准拍清楚后再试，或手动填写服务器地址"
            "和登记码。"));
    return core::NotFound("No QR code in the picture.");
  }
  core::enrol::EnrolLinkProblem problem = core::enrol::EnrolLinkProblem::kNone;
  core::Status first;
  for (const std::string& text : *texts) {
    auto link = core::enrol::ParseEnrolLink(text, &problem);
    if (link.ok()) return link;
    if (first.ok()) first = link.status();
  }
  switch (problem) {
    case core::enrol::EnrolLinkProblem::kNewerVersion:
      Set(error,
          EnrolScan::tr(
              "这个登记二维码来自更新版本的县服务器，本应用读不懂。请先更新应用，或手动填写服务器"
              "地址和登记码。"));
      break;
    case core::enrol::EnrolLinkProblem::kNotEnrolLink:
      Set(error,
          EnrolScan::tr("这不是敲门的登记二维码。请拍乡镇工作人员给的登记二维码，或手动填写。"));
      break;
    default:
      Set(error,
          EnrolScan::tr(
              "这个登记二维码内容有误，无法使用。请向乡镇工作人员重新索取，或手动填写服务器地址"
              "和登记码。"));
      break;
  }
  return first;
}

core::Result<core::enrol::EnrolLink> ReadEnrolLinkFromFile(const QString& path, QString* error) {
  const QUrl url(path);
  const QString file = url.isLocalFile() ? url.toLocalFile() : path;
  QImageReader reader(file);
  reader.setAutoTransform(true);
  const QImage image = reader.read();
  if (image.isNull()) {
    Set(error, EnrolScan::tr("无法打开这张照片，请选择 JPG 或 PNG 格式的二维码照片。"));
    return core::InvalidArgument("Cannot read " + file.toStdString() +
                                 " as a picture: " + reader.errorString().toStdString());
  }
  return ReadEnrolLink(image, error);
}

}  // namespace qiaomen::mobile
