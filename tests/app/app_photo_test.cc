#include <QBuffer>
#include <QDateTime>
#include <QDir>
#include <QImage>
#include <QNmeaPositionInfoSource>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

#include "app_tests.h"
#include "demo_profile.h"
#include "qiaomen/core/keys/file_key_store.h"
#include "qiaomen/core/profile/profile.h"
#include "qiaomen/core/random.h"
#include "qiaomen/core/uuid.h"
#include "test_images.h"

namespace qiaomen::mobile {
namespace {

constexpr double kLatitude = 29.123456;    // 2907.4074 N
constexpr double kLongitude = 119.654321;  // 11939.2593 E

// `body` as an NMEA sentence: "$" body "*" checksum CRLF.
QByteArray Nmea(const QByteArray& body) {
  unsigned char sum = 0;
  for (char c : body) sum ^= static_cast<unsigned char>(c);
  return "$" + body + "*" + QByteArray::number(sum, 16).rightJustified(2, '0').toUpper() + "\r\n";
}

// A receiver that has a fix at kLatitude, kLongitude with HDOP 1.2 (QtPositioning's own NMEA
// source replaying a log, as it does for a GNSS device).
QGeoPositionInfoSource* SimulatedReceiver(QObject* parent) {
  auto* source = new QNmeaPositionInfoSource(QNmeaPositionInfoSource::SimulationMode, parent);
  source->setUserEquivalentRangeError(5.0);  // accuracy = HDOP x 5 m
  QByteArray log;
  const QDateTime now = QDateTime::currentDateTimeUtc();
  for (int s = 0; s < 30; ++s) {
    const QDateTime at = now.addSecs(s);
    const QByteArray time = at.toString(QStringLiteral("HHmmss.00")).toLatin1();
    const QByteArray date = at.toString(QStringLiteral("ddMMyy")).toLatin1();
    log += Nmea("GPRMC," + time + ",A,2907.4074,N,11939.2593,E,0.0,0.0," + date + ",,,A");
    log += Nmea("GPGGA," + time + ",2907.4074,N,11939.2593,E,1,08,1.2,100.0,M,0.0,M,,");
  }
  auto* device = new QBuffer(source);
  device->setData(log);
  device->open(QIODevice::ReadOnly);
  source->setDevice(device);
  return source;
}

// The open profile of `config`, for reading back what the app stored.
struct OpenedProfile {
  core::keys::FileKeyStore key_store;
  std::unique_ptr<core::profile::Profile> profile;
};

std::unique_ptr<OpenedProfile> OpenProfile(const WorkerConfig& config) {
  auto opened = std::make_unique<OpenedProfile>(OpenedProfile{
      core::keys::FileKeyStore(config.key_store_dir.toStdString(), core::SecureRandom()), {}});
  auto profile =
      core::profile::Profile::Open(config.data_dir.toStdString(), kDemoPin,
                                   {core::SystemClock(), core::SecureRandom(), opened->key_store});
  if (!profile.ok()) qFatal("open profile: %s", profile.status().message().c_str());
  opened->profile = std::move(*profile);
  return opened;
}

// The photo ids on item `item` of the visit now open.
QStringList PhotosOf(AppController& controller, const QString& item) {
  ChecklistModel* checklist = controller.checklist();
  const int row = checklist->rowOf(item);
  if (row < 0) return {};
  return checklist->data(checklist->index(row), ChecklistModel::kPhotoIds).toStringList();
}

}  // namespace

void PhotoTest::init() {
  tmp_ = std::make_unique<QTemporaryDir>();
  QVERIFY(tmp_->isValid());
  const WorkerConfig config = TestConfig(*tmp_);
  const core::Status made = CreateDemoProfile(config.data_dir, config.key_store_dir);
  QVERIFY2(made.ok(), made.message().c_str());
}

void PhotoTest::cleanup() {
  controller_.reset();
  tmp_.reset();
}

void PhotoTest::Open(PositionSourceFactory position) {
  controller_ = std::make_unique<AppController>(TestConfig(*tmp_), std::move(position));
  QTRY_COMPARE(controller_->state(), AppController::Locked);
  controller_->unlock(QString::fromLatin1(kDemoPin));
  QTRY_COMPARE(controller_->state(), AppController::Ready);
  QTRY_COMPARE(controller_->tasks()->rowCount(), 9);
  const QVariantMap task = TaskOf(controller_->tasks(), QStringLiteral("陈志强"));
  subject_ = task.value(QStringLiteral("subjectId")).toString();
  controller_->startVisit(task.value(QStringLiteral("taskId")).toString());
  QTRY_VERIFY(controller_->visitActive());
  controller_->setOutcome(AppController::Checked);
}

void PhotoTest::storedPhotoIsSmallUprightAndHasNoExif() {
  Open(PositionSourceFactory());
  // A 12-megapixel phone photo taken with the phone upright: 4000x3000 pixels, EXIF says turn it.
  const QString path = tmp_->filePath(QStringLiteral("stove.jpg"));
  const QByteArray input = TestJpeg(4000, 3000, 6);
  QVERIFY(WriteFile(path, input));
  QCOMPARE(MetadataSegments(input), QList<int>{0xE1});  // the input does carry EXIF
  controller_->addPhoto(QStringLiteral("hazard_photos"), QUrl::fromLocalFile(path).toString());
  QTRY_COMPARE_WITH_TIMEOUT(PhotosOf(*controller_, QStringLiteral("hazard_photos")).size(), 1,
                            20000);
  QVERIFY2(QFile::exists(path), "a picked file is left where it was");
  controller_.reset();

  auto opened = OpenProfile(TestConfig(*tmp_));
  auto drafts = opened->profile->visits().Drafts();
  QVERIFY(drafts.ok());
  QCOMPARE(drafts->size(), size_t{1});
  QCOMPARE(drafts->front().photos.size(), size_t{1});
  const v1::Photo& meta = drafts->front().photos.front();
  auto bytes = opened->profile->photos().Read(*core::Uuid::FromBytes(meta.id()), meta.sha256());
  QVERIFY2(bytes.ok(), bytes.status().message().c_str());
  const QByteArray stored(reinterpret_cast<const char*>(bytes->data()),
                          static_cast<qsizetype>(bytes->size()));
  QImage image;
  QVERIFY(image.loadFromData(stored, "JPEG"));
  QVERIFY(std::max(image.width(), image.height()) <= 1600);
  QCOMPARE(image.size(), QSize(1200, 1600));         // scaled to 1600 and turned upright
  QCOMPARE(MetadataSegments(stored), QList<int>{});  // no EXIF, XMP, ICC or comment
  QVERIFY(!stored.contains(kSecretMake));
  QCOMPARE(meta.mime_type(), std::string("image/jpeg"));
  QVERIFY(!meta.has_location());  // no position source
  QVERIFY(stored.size() < input.size() / 4);
}

void PhotoTest::aCameraCaptureIsDeletedOnceSealed() {
  Open(PositionSourceFactory());
  const QString capture = controller_->newCapturePath();
  QVERIFY(capture.startsWith(TestConfig(*tmp_).capture_dir));
  QVERIFY(WriteFile(capture, TestJpeg(1920, 1080)));
  controller_->addCapturedPhoto(QStringLiteral("hazard_photos"), capture);
  QTRY_COMPARE_WITH_TIMEOUT(PhotosOf(*controller_, QStringLiteral("hazard_photos")).size(), 1,
                            20000);
  QTRY_VERIFY(!QFile::exists(capture));
  // A capture that could not be sealed is deleted too, and the item says why.
  const QString broken = controller_->newCapturePath();
  QVERIFY(WriteFile(broken, QByteArray("not a picture")));
  QSignalSpy problem(controller_.get(), &AppController::visitProblem);
  controller_->addCapturedPhoto(QStringLiteral("hazard_photos"), broken);
  QVERIFY(problem.wait(20000));
  QVERIFY(!QFile::exists(broken));
  // What a killed app left in the capture folder is gone at the next start.
  const QString left = controller_->newCapturePath();
  QVERIFY(WriteFile(left, TestJpeg(64, 48)));
  controller_.reset();
  controller_ = std::make_unique<AppController>(TestConfig(*tmp_), PositionSourceFactory());
  QTRY_COMPARE(controller_->state(), AppController::Locked);
  QVERIFY(!QFile::exists(left));
}

void PhotoTest::aFileThatIsNotAPictureIsNamedAtTheItem() {
  Open(PositionSourceFactory());
  const QString path = tmp_->filePath(QStringLiteral("notes.jpg"));
  QVERIFY(WriteFile(path, QByteArray(4096, 'x')));
  QSignalSpy problem(controller_.get(), &AppController::visitProblem);
  controller_->addPhoto(QStringLiteral("hazard_photos"), path);
  QVERIFY(problem.wait(20000));
  QCOMPARE(problem.at(0).at(0).toString(), QStringLiteral("hazard_photos"));
  QVERIFY(problem.at(0).at(1).toString().contains(QStringLiteral("照片")));
  QCOMPARE(PhotosOf(*controller_, QStringLiteral("hazard_photos")).size(), 0);
}

void PhotoTest::visitAndPhotosCarryTheFix() {
  Open(SimulatedReceiver);
  QTRY_VERIFY_WITH_TIMEOUT(controller_->hasFix(), 20000);
  QVERIFY(controller_->locationText().contains(QStringLiteral("已定位")));
  const QString path = tmp_->filePath(QStringLiteral("door.jpg"));
  QVERIFY(WriteFile(path, TestJpeg(800, 600)));
  controller_->addPhoto(QStringLiteral("hazard_photos"), path);
  QTRY_COMPARE_WITH_TIMEOUT(PhotosOf(*controller_, QStringLiteral("hazard_photos")).size(), 1,
                            20000);
  AnswerCompleteVisit(*controller_);
  QTRY_VERIFY(controller_->visit().value(QStringLiteral("complete")).toBool());
  QSignalSpy finished(controller_.get(), &AppController::visitFinished);
  controller_->finishVisit();
  QVERIFY(finished.wait(20000));
  controller_.reset();

  auto opened = OpenProfile(TestConfig(*tmp_));
  auto visits = opened->profile->store().ListVisits(*core::Uuid::Parse(subject_.toStdString()));
  QVERIFY(visits.ok());
  QCOMPARE(visits->size(), size_t{1});
  const v1::Visit& visit = visits->front();
  QVERIFY(visit.has_location());
  QVERIFY(std::abs(visit.location().latitude() - kLatitude) < 1e-4);
  QVERIFY(std::abs(visit.location().longitude() - kLongitude) < 1e-4);
  QCOMPARE(visit.photos_size(), 1);
  auto photo =
      opened->profile->store().GetPhoto(*core::Uuid::FromBytes(visit.photos(0).photo_id()));
  QVERIFY(photo.ok());
  QVERIFY(std::abs(photo->location().latitude() - kLatitude) < 1e-4);
}

void PhotoTest::aVisitSavesWithoutAFix() {
  Open(PositionSourceFactory());
  QVERIFY(!controller_->hasFix());
  QCOMPARE(controller_->locationText(), QStringLiteral("未能定位：本次检查将不带位置保存。"));
  AnswerCompleteVisit(*controller_);
  QTRY_VERIFY(controller_->visit().value(QStringLiteral("complete")).toBool());
  QSignalSpy finished(controller_.get(), &AppController::visitFinished);
  controller_->finishVisit();
  QVERIFY(finished.wait(20000));
  QVERIFY(finished.at(0).at(1).toBool());  // the task is done
  controller_.reset();
  auto opened = OpenProfile(TestConfig(*tmp_));
  auto visits = opened->profile->store().ListVisits(*core::Uuid::Parse(subject_.toStdString()));
  QVERIFY(visits.ok());
  QCOMPARE(visits->size(), size_t{1});
  QVERIFY(!visits->front().has_location());
}

}  // namespace qiaomen::mobile
