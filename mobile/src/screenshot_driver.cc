#include "screenshot_driver.h"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

#include "app_controller.h"
#include "demo_profile.h"
#include "network_monitor.h"

namespace qiaomen::mobile {
namespace {

struct Step {
  QString shot;                  // the PNG to write after the action settled ("" for none)
  std::function<void()> action;  // what to do first
  int settle_ms = 900;
};

class Tour : public QObject {
 public:
  explicit Tour(QString out_dir) : out_dir_(std::move(out_dir)) {}

  bool Start() {
    if (!tmp_.isValid() || !QDir().mkpath(out_dir_)) return false;
    BuildSteps();
    Next();
    return true;
  }

 private:
  QQuickWindow* Window() const {
    if (!engine_ || engine_->rootObjects().isEmpty()) return nullptr;
    return qobject_cast<QQuickWindow*>(engine_->rootObjects().first());
  }
  AppController* Controller() const {
    if (!engine_) return nullptr;
    const int id = qmlTypeId("Qiaomen", 1, 0, "AppController");
    return engine_->singletonInstance<AppController*>(id);
  }
  // The item named `name` under `item` in the visual tree (pages a StackView made have no QObject
  // parent to find them by).
  static QQuickItem* FindItem(QQuickItem* item, const QString& name) {
    if (item == nullptr || item->objectName() == name) return item;
    for (QQuickItem* child : item->childItems()) {
      if (QQuickItem* found = FindItem(child, name)) return found;
    }
    return nullptr;
  }
  void Call(const char* function, const QVariant& a = {}, const QVariant& b = {}) {
    QQuickWindow* window = Window();
    if (window == nullptr) return;
    QMetaObject::invokeMethod(window, function, Q_ARG(QVariant, a), Q_ARG(QVariant, b));
  }
  void Load(const QString& name, bool demo, DemoSync sync = DemoSync::kNever) {
    engine_.reset();
    const QString dir = tmp_.path() + QLatin1Char('/') + name;
    WorkerConfig config;
    config.data_dir = dir + QStringLiteral("/profile");
    config.key_store_dir = dir + QStringLiteral("/keystore");
    config.role_without_server = QStringLiteral("inspector");  // the recheck is shown
    if (demo &&
        !CreateDemoProfile(config.data_dir, config.key_store_dir, std::nullopt, sync).ok()) {
      failed_ = true;
      return;
    }
    AppController::SetDefaultConfig(config);
    AppController::SetDefaultPositionSource({});  // the summary shows the no-fix sentence
    engine_ = std::make_unique<QQmlApplicationEngine>();
    engine_->load(QUrl(QStringLiteral("qrc:/Qiaomen/Main.qml")));
    if (Window() == nullptr) failed_ = true;
  }
  // The row of the task whose subject is `name`.
  QVariantMap Task(const QString& name) {
    TaskListModel* tasks = Controller()->tasks();
    for (int i = 0; i < tasks->rowCount(); ++i) {
      const QModelIndex index = tasks->index(i);
      if (tasks->data(index, TaskListModel::kName).toString() != name) continue;
      return {{QStringLiteral("taskId"), tasks->data(index, TaskListModel::kTaskId)},
              {QStringLiteral("subjectId"), tasks->data(index, TaskListModel::kSubjectId)}};
    }
    return {};
  }

  void BuildSteps() {
    steps_.push_back({QStringLiteral("enrol"), [this] { Load(QStringLiteral("new"), false); }});
    steps_.push_back({QStringLiteral("enrol_error"), [this] {
                        Controller()->enroll(QStringLiteral("https://county.example"),
                                             QStringLiteral("K7Q2-9XPL"), QStringLiteral("123456"),
                                             QStringLiteral("123465"));
                      }});
    // The county's QR code read from a photo: server and code filled in, the key pinned.
    steps_.push_back({QStringLiteral("enrol_scanned"),
                      [this] {
                        Controller()->clearMessage();
                        Controller()->enrolFromPhoto(EnrolQrPhoto());
                      },
                      1500});
    steps_.push_back({QStringLiteral("unlock"), [this] { Load(QStringLiteral("demo"), true); }});
    steps_.push_back({QStringLiteral("unlock_warning"),
                      [this] {
                        for (int i = 0; i < 8; ++i) Controller()->unlock(QStringLiteral("000000"));
                      },
                      2500});
    steps_.push_back({QStringLiteral("home"), [this] { Controller()->unlock(kDemoPin); }, 1500});
    steps_.push_back({QStringLiteral("tasks"), [this] { Call("showTab", 1); }});
    steps_.push_back({QStringLiteral("tasks_search"),
                      [this] { Controller()->setSearch(QStringLiteral("石门村一组")); }});
    steps_.push_back({QString(),
                      [this] {
                        Controller()->setSearch({});
                        Call("showTab", 1);
                      },
                      600});
    steps_.push_back({QStringLiteral("household"), [this] {
                        const QVariantMap t = Task(QStringLiteral("李建国"));
                        Call("openHousehold", t.value(QStringLiteral("subjectId")),
                             t.value(QStringLiteral("taskId")));
                      }});
    steps_.push_back({QStringLiteral("household_edit"), [this] { Call("editHousehold"); }});
    steps_.push_back({QStringLiteral("household_edit_error"), [this] {
                        // As a worker would: a short number typed into the field, then 保存.
                        QQuickItem* page =
                            FindItem(Window()->contentItem(), QStringLiteral("householdEditPage"));
                        QQuickItem* phone =
                            page ? FindItem(page, QStringLiteral("phoneField")) : nullptr;
                        if (phone == nullptr) {
                          failed_ = true;
                          return;
                        }
                        phone->setProperty("text", QStringLiteral("1381234"));
                        QMetaObject::invokeMethod(page, "save");
                      }});
    steps_.push_back({QStringLiteral("tasks_hazards"), [this] {
                        Call("showTab", 1);
                        Controller()->setFilter(4);
                      }});
    steps_.push_back({QString(),
                      [this] {
                        Controller()->setFilter(0);
                        const QVariantMap t = Task(QStringLiteral("李建国"));
                        Call("openHousehold", t.value(QStringLiteral("subjectId")),
                             t.value(QStringLiteral("taskId")));
                      },
                      600});
    steps_.push_back({QStringLiteral("visit_outcome"), [this] {
                        const QVariantMap t = Task(QStringLiteral("李建国"));
                        Call("openVisit", t.value(QStringLiteral("taskId")));
                      }});
    steps_.push_back({QStringLiteral("checklist"),
                      [this] {
                        AppController* c = Controller();
                        c->setOutcome(AppController::Checked);
                        c->setAnswer(QStringLiteral("heating_type"), QStringLiteral("coal_stove"));
                        c->setAnswer(QStringLiteral("gas_type"), QStringLiteral("bottled"));
                        c->setAnswer(QStringLiteral("ebike_count"), QStringLiteral("1"));
                        c->setAnswer(QStringLiteral("elderly_alone"), QStringLiteral("no"));
                        Call("showVisitStep", QStringLiteral("checklist"));
                      },
                      1500});
    steps_.push_back({QStringLiteral("checklist_hazard"),
                      [this] {
                        AppController* c = Controller();
                        c->setAnswer(QStringLiteral("stove_location"), QStringLiteral("bedroom"));
                        c->setAnswer(QStringLiteral("flue_installed"), QStringLiteral("no"));
                        Call("scrollChecklistTo", QStringLiteral("stove_location"));
                      },
                      1500});
    steps_.push_back({QStringLiteral("photo_source"),
                      [this] { Call("showPhotoSource", QStringLiteral("hazard_photos")); }});
    steps_.push_back({QStringLiteral("checklist_errors"),
                      [this] {
                        Call("showPhotoSource", QString());
                        Call("finishVisit");
                      },
                      1500});
    steps_.push_back({QStringLiteral("visit_summary"),
                      [this] { Call("showVisitStep", QStringLiteral("summary")); }});
    steps_.push_back({QStringLiteral("home_draft"),
                      [this] {
                        Call("leaveVisit");
                        Call("showTab", 0);
                      },
                      1500});
    steps_.push_back({QStringLiteral("hazards"), [this] { Call("showTab", 2); }});
    AddHazardSteps();
    steps_.push_back({QStringLiteral("sync"), [this] { Call("showTab", 3); }});
    steps_.push_back({QStringLiteral("sync_result"), [this] { Controller()->sync(); }, 1200});
    // The banner over the tabs: never synced (the demo has no county), then offline.
    steps_.push_back({QStringLiteral("sync_banner_never"), [this] { Call("showTab", 0); }});
    steps_.push_back({QStringLiteral("sync_banner_offline"), [this] {
                        auto probe = std::make_unique<ProbeNetworkMonitor>();
                        probe->ReportUnreachable();
                        Controller()->SetNetworkMonitor(std::move(probe));
                      }});
    steps_.push_back(
        {QString(), [this] { Controller()->SetNetworkMonitor(MakeDefaultNetworkMonitor()); }});
    steps_.push_back({QStringLiteral("home_en"),
                      [this] {
                        Call("setChinese", false);
                        Call("showTab", 0);
                      },
                      1200});
    steps_.push_back({QStringLiteral("tasks_en"), [this] { Call("showTab", 1); }});
    steps_.push_back({QStringLiteral("hazard_en"), [this] {
                        Call("openHazard", hazard_id_);
                        Call("showHazardHistory");
                      }});
    steps_.push_back({QStringLiteral("checklist_en"),
                      [this] {
                        const QVariantMap draft = Controller()->drafts()->get(0);
                        Call("openVisit", QString(), draft.value(QStringLiteral("draftId")));
                        Call("showVisitStep", QStringLiteral("checklist"));
                      },
                      1500});
    // A sync in progress, as the worker reports one (the demo has no county server to sync with).
    steps_.push_back({QStringLiteral("sync_progress"), [this] {
                        Call("leaveVisit");
                        Call("setChinese", true);
                        Call("showTab", 3);
                        Controller()->ShowSyncProgress(
                            0.62, QString::fromUtf8("正在上传照片：2.1 / 3.4 MB"), 83'000);
                      }});
    // The banner over the tabs while that sync runs.
    steps_.push_back({QStringLiteral("sync_banner_syncing"), [this] {
                        Call("showTab", 0);
                        Controller()->ShowSyncProgress(
                            0.4, QString::fromUtf8("正在同步记录：12 / 30 条"), 20'000);
                      }});
    // Leaving this device: what is lost, said plainly, and the PIN to confirm.
    steps_.push_back({QStringLiteral("settings_leave"), [this] {
                        Call("showTab", 3);
                        QQuickItem* leave =
                            FindItem(Window()->contentItem(), QStringLiteral("leaveButton"));
                        if (leave == nullptr) {
                          failed_ = true;
                          return;
                        }
                        QMetaObject::invokeMethod(leave, "clicked");
                      }});
    AddSyncBannerSteps();
  }

  // The banner over the tabs in its other states: synced at HH:MM, refused changes (and
  // the refused changes listed on 我的 with why and what to do). Each from a fresh demo profile
  // whose sync stands there.
  void AddSyncBannerSteps() {
    steps_.push_back({QStringLiteral("sync_banner_synced"),
                      [this] {
                        Load(QStringLiteral("synced"), true, DemoSync::kSynced);
                        Controller()->unlock(kDemoPin);
                      },
                      1800});
    steps_.push_back({QStringLiteral("sync_banner_refused"),
                      [this] {
                        Load(QStringLiteral("refused"), true, DemoSync::kRefused);
                        Controller()->unlock(kDemoPin);
                      },
                      1800});
    steps_.push_back({QString(), [this] { Call("showTab", 3); }, 600});
    steps_.push_back(
        {QStringLiteral("sync_refused"), [this] { ScrollMeTo(QStringLiteral("refusedCard")); }});
    // The settings card, below the sync card on 我的: scrolled to its top.
    steps_.push_back(
        {QStringLiteral("settings"), [this] { ScrollMeTo(QStringLiteral("settingsCard")); }});
  }

  // Scrolls 我的 so that its item `name` (a card) is at the top.
  void ScrollMeTo(const QString& name) {
    QQuickItem* flick = FindItem(Window()->contentItem(), QStringLiteral("meFlickable"));
    QQuickItem* card = FindItem(Window()->contentItem(), name);
    if (flick == nullptr || card == nullptr) {
      failed_ = true;
      return;
    }
    const qreal top =
        card->mapToItem(flick, QPointF(0, 0)).y() + flick->property("contentY").toReal();
    flick->setProperty("contentY", std::max<qreal>(0, top - 8));
  }

  // The hazards tab's lists, a hazard's detail, its rectification with an after-photo, the
  // history that grows, the recheck form and a step the state machine refuses.
  void AddHazardSteps() {
    steps_.push_back({QStringLiteral("hazards_overdue"), [this] {
                        Controller()->hazardBoard()->setFilter(HazardBoardModel::Overdue);
                      }});
    steps_.push_back({QStringLiteral("hazard_detail"), [this] {
                        HazardBoardModel* board = Controller()->hazardBoard();
                        hazard_id_ = board->data(board->index(0), HazardBoardModel::kHazardId);
                        Call("openHazard", hazard_id_);
                      }});
    steps_.push_back({QStringLiteral("hazard_rectify"), [this] {
                        Call("openHazardStep", QStringLiteral("rectify"), true);
                        Call("setStepPhoto", QUrl::fromLocalFile(AfterPhoto()).toString());
                      }});
    steps_.push_back({QStringLiteral("hazard_rectified"),
                      [this] {
                        Controller()->recordRectification(
                            QString::fromUtf8("已更换燃气专用软管，加装卡箍"), AfterPhoto());
                      },
                      2500});
    steps_.push_back({QStringLiteral("hazard_history"), [this] { Call("showHazardHistory"); },
                      3800});  // the toast has gone
    steps_.push_back({QStringLiteral("hazard_recheck"),
                      [this] { Call("openHazardStep", QStringLiteral("recheck"), false); }});
    steps_.push_back({QStringLiteral("hazard_refused"),
                      [this] {
                        Call("popPage");
                        Call("openHazardStep", QStringLiteral("rectify"), true);
                        Call("setStepPhoto", QUrl::fromLocalFile(AfterPhoto()).toString());
                        Controller()->recordRectification(QString(), AfterPhoto());
                      },
                      2000});
    steps_.push_back({QStringLiteral("hazards_after"), [this] {
                        Controller()->hazardBoard()->setFilter(HazardBoardModel::Open);
                        Call("showTab", 2);
                      }});
  }
  // A photo of the county's enrolment QR code (as enroll-code --qr draws it), on a desk.
  QString EnrolQrPhoto() {
    const QString path = tmp_.filePath(QStringLiteral("enrol_qr.png"));
    const std::string link =
        "qiaomen:enrol?v=1&server=https://qiaomen.example.gov.cn&code=K7Q2M-9XPLW"
        "&pin=sha256//47DEQpj8HBSa%2B/TImW%2B5JCeuQeRkm5NMpJWZG3hSuFU%3D";
    const ZXing::BitMatrix matrix =
        ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode).setMargin(4).encode(link, 480, 480);
    QImage image(900, 700, QImage::Format_RGB32);
    image.fill(QColor(0xb8, 0xa9, 0x90));
    for (int y = 0; y < matrix.height(); ++y) {
      for (int x = 0; x < matrix.width(); ++x) {
        image.setPixel(210 + x, 110 + y, matrix.get(x, y) ? qRgb(20, 20, 20) : qRgb(250, 250, 250));
      }
    }
    image.save(path);
    return path;
  }
  // A picture standing for the after-photo (the tour has no camera): drawn once, as a JPEG.
  QString AfterPhoto() {
    const QString path = tmp_.filePath(QStringLiteral("after.jpg"));
    if (QFile::exists(path)) return path;
    QImage image(1200, 900, QImage::Format_RGB32);
    image.fill(QColor(0x8d, 0x9e, 0xa8));
    QPainter painter(&image);
    painter.fillRect(QRect(0, 600, 1200, 300), QColor(0x6b, 0x5a, 0x48));
    painter.setPen(QPen(QColor(0x20, 0x20, 0x20), 28));
    painter.drawLine(QPoint(150, 520), QPoint(1050, 380));
    painter.setBrush(QColor(0xe0, 0x40, 0x30));
    painter.drawEllipse(QPoint(1050, 380), 60, 60);
    painter.end();
    image.save(path, "JPEG", 90);
    return path;
  }

  void Next() {
    if (failed_ || index_ >= steps_.size()) {
      engine_.reset();
      QCoreApplication::exit(failed_ ? 1 : 0);
      return;
    }
    const Step& step = steps_[index_++];
    step.action();
    QTimer::singleShot(step.settle_ms, this, [this, shot = step.shot] {
      if (!shot.isEmpty()) {
        QQuickWindow* window = Window();
        const QString path = out_dir_ + QLatin1Char('/') + shot + QStringLiteral(".png");
        if (window == nullptr || !window->grabWindow().save(path)) {
          qWarning("screenshot: could not write %s", qPrintable(path));
          failed_ = true;
        } else {
          qInfo("screenshot: %s", qPrintable(path));
        }
      }
      Next();
    });
  }

  QString out_dir_;
  QTemporaryDir tmp_;
  std::unique_ptr<QQmlApplicationEngine> engine_;
  std::vector<Step> steps_;
  size_t index_ = 0;
  QVariant hazard_id_;
  bool failed_ = false;
};

}  // namespace

bool StartScreenshotTour(const QString& out_dir) {
  auto* tour = new Tour(out_dir);
  tour->setParent(QCoreApplication::instance());
  return tour->Start();
}

}  // namespace qiaomen::mobile
