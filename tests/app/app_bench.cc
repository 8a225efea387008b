// Benchmarks of the field app (issue 13, item 10), release build, offscreen, real profiles:
//   BM_FirstFrame         a new QML engine loads the app: engine start to the window's first
//                         rendered frame (the PIN pad)                       budget <= 1 s
//   BM_Unlock             a PIN tapped with the production Argon2id cost: to the Ready state
//   BM_AnswerToScreen     on a 200-item checklist, an answer that shows one more item: the tap
//                         to the first frame drawn after the list changed    budget <= 16 ms
//   BM_FinishWith3Photos  three 4000x3000 camera JPEGs made evidence (decoded, turned, scaled,
//                         stamped, encoded), sealed, and the visit finished  budget <= 1.5 s
// Manual time (wall clock of the UI thread's view), a few iterations each: these are seconds,
// not nanoseconds. Run: ./run bench, or build/release/tests/qiaomen_app_bench.

#include <benchmark/benchmark.h>

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTimer>
#include <QtQml/QQmlExtensionPlugin>
#include <functional>
#include <memory>

#include "app_controller.h"
#include "app_setup.h"
#include "app_test_helpers.h"
#include "demo_profile.h"
#include "test_images.h"

Q_IMPORT_QML_PLUGIN(QiaomenPlugin)

namespace qiaomen::mobile {
namespace {

// Runs the event loop until `done()` holds (checked whenever `sender` emits `signal`) or
// `timeout_ms` passed; returns whether it holds.
template <typename Sender, typename Signal>
bool WaitFor(Sender* sender, Signal signal, const std::function<bool()>& done,
             int timeout_ms = 60000) {
  if (done()) return true;
  QEventLoop loop;
  QTimer::singleShot(timeout_ms, &loop, &QEventLoop::quit);
  QObject::connect(sender, signal, &loop, [&] {
    if (done()) loop.quit();
  });
  loop.exec();
  return done();
}

// The shipped household checklist replaced by a 200-item one (household_winter version 99, 20
// sections of 10 yes/no items; the last of each section is asked only when the first is "no").
QByteArray Checklist200() {
  QByteArray sections;
  for (int s = 0; s < 20; ++s) {
    QByteArray items;
    for (int i = 0; i < 10; ++i) {
      const QByteArray id = "q" + QByteArray::number(s * 10 + i);
      items += (i > 0 ? "," : "") + QByteArray("{\"id\":\"") + id +
               "\",\"kind\":\"YES_NO_NA\",\"label\":{\"zh\":\"检查项 " + id + "\",\"en\":\"Item " +
               id + "\"},\"required\":\"false\"" +
               (i == 9 ? ",\"relevant\":\"q" + QByteArray::number(s * 10) + " == 'no'\"" : "") +
               "}";
    }
    sections += (s > 0 ? "," : "") + QByteArray("{\"id\":\"s") + QByteArray::number(s) +
                "\",\"title\":{\"zh\":\"第 " + QByteArray::number(s + 1) +
                " 部分\",\"en\":\"Part " + QByteArray::number(s + 1) + "\"},\"items\":[" + items +
                "]}";
  }
  return "{\"id\":\"household_winter\",\"version\":99,\"title\":{\"zh\":\"200 项检查表\","
         "\"en\":\"200 items\"},\"subjectKind\":\"HOUSEHOLD\",\"sections\":[" +
         sections + "],\"hazardRules\":[]}";
}

// A demo profile in a temporary directory.
struct Fixture {
  QTemporaryDir tmp;
  WorkerConfig config = TestConfig(tmp);
  core::Status made;
  explicit Fixture(std::optional<core::keys::KdfParams> kdf = std::nullopt)
      : made(CreateDemoProfile(config.data_dir, config.key_store_dir, kdf)) {}
};

AppController* ControllerOf(QQmlApplicationEngine& engine) {
  return engine.singletonInstance<AppController*>(qmlTypeId("Qiaomen", 1, 0, "AppController"));
}

QQuickWindow* WindowOf(QQmlApplicationEngine& engine) {
  return engine.rootObjects().isEmpty() ? nullptr
                                        : qobject_cast<QQuickWindow*>(engine.rootObjects().first());
}

void BM_FirstFrame(benchmark::State& state) {
  Fixture fixture;
  if (!fixture.made.ok()) return state.SkipWithError(fixture.made.message().c_str());
  AppController::SetDefaultConfig(fixture.config);
  for (auto _ : state) {
    QElapsedTimer took;
    took.start();
    bool framed = false;
    auto engine = std::make_unique<QQmlApplicationEngine>();
    QObject::connect(engine.get(), &QQmlApplicationEngine::objectCreated, engine.get(),
                     [&framed](QObject* root) {
                       auto* window = qobject_cast<QQuickWindow*>(root);
                       if (window == nullptr) return;
                       QObject::connect(window, &QQuickWindow::frameSwapped, window,
                                        [&framed] { framed = true; });
                     });
    engine->load(QUrl(QStringLiteral("qrc:/Qiaomen/Main.qml")));
    QQuickWindow* window = WindowOf(*engine);
    if (window == nullptr) return state.SkipWithError("Main.qml did not load");
    if (!WaitFor(window, &QQuickWindow::frameSwapped, [&] { return framed; })) {
      return state.SkipWithError("no frame was drawn");
    }
    state.SetIterationTime(static_cast<double>(took.nsecsElapsed()) / 1e9);
    engine.reset();
  }
}
BENCHMARK(BM_FirstFrame)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_Unlock(benchmark::State& state) {
  Fixture fixture(core::keys::KdfParams::Default());
  if (!fixture.made.ok()) return state.SkipWithError(fixture.made.message().c_str());
  AppController controller(fixture.config, PositionSourceFactory());
  const auto is = [&](AppController::State s) {
    return [&controller, s] { return controller.state() == s; };
  };
  if (!WaitFor(&controller, &AppController::stateChanged, is(AppController::Locked))) {
    return state.SkipWithError("the profile did not come up locked");
  }
  for (auto _ : state) {
    QElapsedTimer took;
    took.start();
    controller.unlock(QString::fromLatin1(kDemoPin));
    if (!WaitFor(&controller, &AppController::stateChanged, is(AppController::Ready))) {
      return state.SkipWithError("unlock failed");
    }
    state.SetIterationTime(static_cast<double>(took.nsecsElapsed()) / 1e9);
    controller.lock();
    WaitFor(&controller, &AppController::stateChanged, is(AppController::Locked));
  }
}
BENCHMARK(BM_Unlock)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);

// The app unlocked in a window, the visit of 陈志强 open on its checklist.
struct VisitScreen {
  Fixture fixture;
  std::unique_ptr<QQmlApplicationEngine> engine;
  AppController* controller = nullptr;
  QQuickWindow* window = nullptr;

  // Empty when ready, else what went wrong.
  std::string Open(const QString& name) {
    if (!fixture.made.ok()) return fixture.made.message();
    AppController::SetDefaultConfig(fixture.config);
    AppController::SetDefaultPositionSource({});
    engine = std::make_unique<QQmlApplicationEngine>();
    engine->load(QUrl(QStringLiteral("qrc:/Qiaomen/Main.qml")));
    window = WindowOf(*engine);
    controller = ControllerOf(*engine);
    if (window == nullptr || controller == nullptr) return "Main.qml did not load";
    AppController* c = controller;
    if (!WaitFor(c, &AppController::stateChanged,
                 [c] { return c->state() == AppController::Locked; })) {
      return "not locked";
    }
    c->unlock(QString::fromLatin1(kDemoPin));
    if (!WaitFor(c, &AppController::tasksLoaded, [c] { return c->tasks()->rowCount() == 9; })) {
      return "no tasks";
    }
    const QVariantMap task = TaskOf(c->tasks(), name);
    QMetaObject::invokeMethod(window, "openVisit",
                              Q_ARG(QVariant, task.value(QStringLiteral("taskId"))),
                              Q_ARG(QVariant, QString()));
    if (!WaitFor(c, &AppController::visitChanged, [c] { return c->visitActive(); })) {
      return "the visit did not open";
    }
    c->setOutcome(AppController::Checked);
    QMetaObject::invokeMethod(window, "showVisitStep", Q_ARG(QVariant, QStringLiteral("checklist")),
                              Q_ARG(QVariant, QVariant()));
    return {};
  }
};

void BM_AnswerToScreen(benchmark::State& state) {
  VisitScreen screen;
  if (!screen.fixture.made.ok()) return state.SkipWithError(screen.fixture.made.message().c_str());
  const QString checklists = screen.fixture.config.data_dir + QStringLiteral("/checklists");
  QDir().mkpath(checklists);
  QFile file(checklists + QStringLiteral("/household_winter_200.json"));
  if (!file.open(QIODevice::WriteOnly) || file.write(Checklist200()) < 0) {
    return state.SkipWithError("cannot write the 200-item checklist");
  }
  file.close();
  if (std::string error = screen.Open(QStringLiteral("陈志强")); !error.empty()) {
    return state.SkipWithError(error.c_str());
  }
  ChecklistModel* checklist = screen.controller->checklist();
  if (!WaitFor(screen.controller, &AppController::visitChanged,
               [checklist] { return checklist->rowCount() >= 180; })) {
    return state.SkipWithError("the 200-item checklist did not open");
  }
  state.counters["rows"] = checklist->rowCount();
  double to_model_ms = 0;  // of which: the worker's answer (evaluation, durable draft) to the model
  bool no = false;
  for (auto _ : state) {
    no = !no;  // "no" shows q9, "yes" hides it again: one row inserted or removed each time
    const int rows_before = checklist->rowCount();
    bool changed = false;
    bool drawn = false;
    QElapsedTimer took;
    QMetaObject::Connection on_change =
        QObject::connect(screen.controller, &AppController::visitChanged, screen.window, [&] {
          if (changed || checklist->rowCount() == rows_before) return;
          changed = true;
          to_model_ms += static_cast<double>(took.nsecsElapsed()) / 1e6;
        });
    QMetaObject::Connection on_frame = QObject::connect(screen.window, &QQuickWindow::frameSwapped,
                                                        screen.window, [&] { drawn = changed; });
    took.start();
    screen.controller->setAnswer(QStringLiteral("q0"),
                                 no ? QStringLiteral("no") : QStringLiteral("yes"));
    screen.window->requestUpdate();
    const bool ok = WaitFor(screen.window, &QQuickWindow::frameSwapped, [&] {
      if (changed && !drawn) screen.window->requestUpdate();
      return drawn;
    });
    QObject::disconnect(on_change);
    QObject::disconnect(on_frame);
    if (!ok) return state.SkipWithError("the answer never reached the screen");
    state.SetIterationTime(static_cast<double>(took.nsecsElapsed()) / 1e9);
  }
  state.counters["to_model_ms"] = to_model_ms / static_cast<double>(state.iterations());
}
BENCHMARK(BM_AnswerToScreen)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(20);

void BM_FinishWith3Photos(benchmark::State& state) {
  Fixture fixture;
  if (!fixture.made.ok()) return state.SkipWithError(fixture.made.message().c_str());
  QStringList photos;
  for (int i = 0; i < 3; ++i) {
    photos << fixture.tmp.filePath(QStringLiteral("camera%1.jpg").arg(i));
    if (!WriteFile(photos.last(), TestJpeg(4000, 3000, 6))) {
      return state.SkipWithError("cannot write the photos");
    }
  }
  AppController controller(fixture.config, PositionSourceFactory());
  AppController* c = &controller;
  WaitFor(c, &AppController::stateChanged, [c] { return c->state() == AppController::Locked; });
  c->unlock(QString::fromLatin1(kDemoPin));
  if (!WaitFor(c, &AppController::tasksLoaded, [c] { return c->tasks()->rowCount() == 9; })) {
    return state.SkipWithError("no tasks");
  }
  // One household per iteration (the demo has eight whose visit is still to do).
  const QStringList names{QStringLiteral("陈志强"), QStringLiteral("杨淑芬"),
                          QStringLiteral("黄永福"), QStringLiteral("周海燕"),
                          QStringLiteral("张桂兰")};
  int next = 0;
  for (auto _ : state) {
    const QVariantMap task = TaskOf(c->tasks(), names.at(next++ % names.size()));
    c->startVisit(task.value(QStringLiteral("taskId")).toString());
    WaitFor(c, &AppController::visitChanged, [c] { return c->visitActive(); });
    c->setOutcome(AppController::Checked);
    AnswerCompleteVisit(*c);
    if (!WaitFor(c, &AppController::visitChanged,
                 [c] { return c->visit().value(QStringLiteral("complete")).toBool(); })) {
      return state.SkipWithError("the visit is not complete");
    }
    bool finished = false;
    QMetaObject::Connection on_finish =
        QObject::connect(c, &AppController::visitFinished, c, [&finished] { finished = true; });
    QElapsedTimer took;
    took.start();
    for (const QString& photo : photos) c->addPhoto(QStringLiteral("hazard_photos"), photo);
    c->finishVisit();
    const bool ok = WaitFor(c, &AppController::visitFinished, [&finished] { return finished; });
    state.SetIterationTime(static_cast<double>(took.nsecsElapsed()) / 1e9);
    QObject::disconnect(on_finish);
    if (!ok) return state.SkipWithError("the visit was not finished");
    WaitFor(
        c, &AppController::tasksLoaded, [] { return true; }, 2000);
  }
}
BENCHMARK(BM_FinishWith3Photos)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace
}  // namespace qiaomen::mobile

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QGuiApplication app(argc, argv);
  qiaomen::mobile::SetUpAppLook();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
