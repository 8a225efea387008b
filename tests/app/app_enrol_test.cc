// The county's enrolment QR code end to end: `qiaomen-county enroll-code --qr` writes a PNG that
// the app's reader (zxing) decodes back to the same link, and the app enrols from that PNG
// against a real `qiaomen-county serve`.
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>
#include <QTransform>
#include <QUrl>

#include "app_county.h"
#include "app_tests.h"
#include "enrol_scan.h"
#include "qiaomen/core/enrol/enrol_link.h"
#include "qiaomen/testing/county_env.h"

namespace qiaomen::mobile {
namespace {

// 32 bytes of base64: a pin as enroll-code --pin-sha256 takes it.
constexpr char kPin[] = "sha256//47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

}  // namespace

void EnrolQrTest::init() {
  tmp_ = std::make_unique<QTemporaryDir>();
  QVERIFY(tmp_->isValid());
}

void EnrolQrTest::cleanup() { tmp_.reset(); }

void EnrolQrTest::qrPngDecodesToTheSameLink() {
  auto env = CountyWithWorker();
  QVERIFY(env != nullptr);
  const std::string png = tmp_->filePath(QStringLiteral("code.png")).toStdString();
  auto made = env->Run({"enroll-code", "--worker", "w1", "--qr", png, "--server",
                        "https://county.example.cn:8443/", "--pin-sha256", kPin, "--lang", "zh"});
  QVERIFY2(made.exit_code == 0, made.err.c_str());
  // The terminal shows the code in half blocks, then the code, the server and the pin in words.
  QVERIFY(made.out.find("\u2580") != std::string::npos);
  QVERIFY(made.out.find("\u2584") != std::string::npos);
  QVERIFY2(made.out.find("登记码 ") != std::string::npos, made.out.c_str());
  QVERIFY(made.out.find("已固定服务器证书：" + std::string(kPin)) != std::string::npos);
  QVERIFY(made.out.find(png) != std::string::npos);

  QImage image(QString::fromStdString(png));
  QVERIFY(!image.isNull());
  QString error;
  auto link = ReadEnrolLinkFromFile(QString::fromStdString(png), &error);
  QVERIFY2(link.ok(), qPrintable(error));
  QCOMPARE(QString::fromStdString(link->server_url),
           QStringLiteral("https://county.example.cn:8443"));
  QCOMPARE(QString::fromStdString(link->pin_sha256), QString::fromLatin1(kPin));
  // The code in the picture is the one printed (and the one the county stored).
  const size_t at = made.out.find("登记码 ") + std::string("登记码 ").size();
  QCOMPARE(QString::fromStdString(made.out.substr(at, link->code.size())),
           QString::fromStdString(link->code));

  // A photo of it: scaled up, rotated a quarter turn, on a grey background, still reads.
  QImage photo(image.width() * 3, image.height() * 2, QImage::Format_RGB32);
  photo.fill(QColor(180, 180, 170));
  {
    QPainter painter(&photo);
    painter.drawImage(QPoint(image.width(), image.height() / 2),
                      image.transformed(QTransform().rotate(90)));
  }
  auto from_photo = ReadEnrolLink(photo, &error);
  QVERIFY2(from_photo.ok(), qPrintable(error));
  QVERIFY(*from_photo == *link);
}

void EnrolQrTest::qrOptionsAreCheckedBeforeACodeIsIssued() {
  auto env = CountyWithWorker();
  QVERIFY(env != nullptr);
  const std::string png = tmp_->filePath(QStringLiteral("code.png")).toStdString();
  auto no_server = env->Run({"enroll-code", "--worker", "w1", "--qr", png, "--lang", "zh"});
  QCOMPARE(no_server.exit_code, 2);
  QVERIFY2(no_server.err.find("--qr 还需要 --server") != std::string::npos, no_server.err.c_str());
  auto http_pin = env->Run({"enroll-code", "--worker", "w1", "--qr", png, "--server",
                            "http://10.0.0.2:8080", "--pin-sha256", kPin, "--lang", "en"});
  QVERIFY(http_pin.exit_code != 0);
  QVERIFY2(http_pin.err.find("without https://") != std::string::npos, http_pin.err.c_str());
  auto bad_cert = env->Run({"enroll-code", "--worker", "w1", "--qr", png, "--server",
                            "https://a.cn", "--tls-cert", png + ".missing", "--lang", "en"});
  QVERIFY(bad_cert.exit_code != 0);
  QVERIFY2(bad_cert.err.find("no certificate file") != std::string::npos, bad_cert.err.c_str());
  auto stray = env->Run({"enroll-code", "--worker", "w1", "--server", "https://a.cn"});
  QCOMPARE(stray.exit_code, 2);
  QVERIFY(!QFile::exists(QString::fromStdString(png)));
}

void EnrolQrTest::appEnrolsFromThePngAgainstARealServer() {
  auto env = CountyWithWorker();
  QVERIFY(env != nullptr);
  auto server = env->StartServer();
  QVERIFY2(server.ok(), server.status().ToString().c_str());
  const std::string png = tmp_->filePath(QStringLiteral("code.png")).toStdString();
  auto made =
      env->Run({"enroll-code", "--worker", "w1", "--qr", png, "--server", (*server)->base_url()});
  QVERIFY2(made.exit_code == 0, made.err.c_str());

  WorkerConfig config = EnrolTestConfig(*tmp_);
  AppController controller(config, PositionSourceFactory());
  QTRY_COMPARE(controller.state(), AppController::NeedsEnrolment);

  // A picture without a QR code is refused with what to do; nothing is filled in.
  const QString blank = tmp_->filePath(QStringLiteral("blank.png"));
  QImage white(400, 300, QImage::Format_RGB32);
  white.fill(Qt::white);
  QVERIFY(white.save(blank));
  controller.enrolFromPhoto(blank);
  QTRY_VERIFY(controller.message().contains(QStringLiteral("没有找到二维码")));
  QVERIFY(controller.enrolCode().isEmpty());

  QSignalSpy filled(&controller, &AppController::enrolChanged);
  controller.enrolFromPhoto(QUrl::fromLocalFile(QString::fromStdString(png)).toString());
  QVERIFY(filled.wait(10000));
  QCOMPARE(controller.enrolServer(), QString::fromStdString((*server)->base_url()));
  QVERIFY(!controller.enrolCode().isEmpty());
  QVERIFY(!controller.enrolPinned());  // http: nothing to pin
  QVERIFY(controller.message().isEmpty());

  controller.enroll(controller.enrolServer(), controller.enrolCode(), QStringLiteral("482913"),
                    QStringLiteral("482913"));
  QTRY_COMPARE_WITH_TIMEOUT(controller.state(), AppController::Ready, 20000);
  auto devices = env->Run({"devices"});
  QCOMPARE(devices.exit_code, 0);
  QVERIFY2(devices.out.find("w1") != std::string::npos, devices.out.c_str());
}

}  // namespace qiaomen::mobile
