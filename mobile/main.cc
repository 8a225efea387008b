// qiaomen-app: loads the QML UI. `--self-test` loads every QML file and exits 0 when all compiled
// and the main window was created, 1 otherwise, so CI catches a broken QML file without a screen.
// `--screenshot-all DIR` renders every screen with demo data into DIR/*.png (./run screenshots).
// `--server URL --code CODE` pre-fill the enrol screen (./run app). QIAOMEN_DATA_DIR moves the
// profile (default: the platform's app data folder).

#include <QCommandLineParser>
#include <QDirIterator>
#include <QFile>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QQuickWindow>
#include <QTimer>
#include <QtQml/QQmlExtensionPlugin>

#include "app_controller.h"
#include "app_setup.h"
#include "screenshot_driver.h"

Q_IMPORT_QML_PLUGIN(QiaomenPlugin)

namespace {

// Compiles every QML file of the module; returns how many failed (their errors are printed).
int CompileAllQml(QQmlEngine& engine) {
  int failed = 0;
  QDirIterator it(QStringLiteral(":/Qiaomen"), {QStringLiteral("*.qml")}, QDir::Files);
  while (it.hasNext()) {
    const QString path = it.next();
    QFile file(path);
    // A singleton (Theme.qml) is created by the engine on first use, not by a component.
    if (file.open(QIODevice::ReadOnly) && file.readAll().contains("pragma Singleton")) continue;
    QQmlComponent component(&engine, QUrl(QStringLiteral("qrc") + path));
    if (component.isError()) {
      ++failed;
      for (const QQmlError& e : component.errors()) qWarning("%s", qPrintable(e.toString()));
    }
  }
  return failed;
}

}  // namespace

int main(int argc, char** argv) {
  QGuiApplication app(argc, argv);
  QGuiApplication::setApplicationName(QStringLiteral("qiaomen-app"));
  QGuiApplication::setApplicationVersion(QStringLiteral(QIAOMEN_VERSION));
  qiaomen::mobile::SetUpAppLook();

  QCommandLineParser parser;
  parser.addHelpOption();
  parser.addVersionOption();
  QCommandLineOption self_test(QStringLiteral("self-test"),
                               QStringLiteral("Load the UI, report errors and exit."));
  QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                QStringLiteral("Save a PNG of the main window and exit."),
                                QStringLiteral("file"));
  QCommandLineOption screenshot_all(
      QStringLiteral("screenshot-all"),
      QStringLiteral("Render every screen with demo data into DIR/NAME.png and exit."),
      QStringLiteral("dir"));
  QCommandLineOption server(QStringLiteral("server"),
                            QStringLiteral("Pre-fill the enrol screen with this county server."),
                            QStringLiteral("url"));
  QCommandLineOption code(QStringLiteral("code"),
                          QStringLiteral("Pre-fill the enrol screen with this one-time code."),
                          QStringLiteral("code"));
  parser.addOption(server);
  parser.addOption(code);
  parser.addOption(self_test);
  parser.addOption(screenshot);
  parser.addOption(screenshot_all);
  parser.process(app);
  qiaomen::mobile::AppController::SetEnrolPrefill(parser.value(server), parser.value(code));

  if (parser.isSet(screenshot_all)) {
    if (!qiaomen::mobile::StartScreenshotTour(parser.value(screenshot_all))) return 1;
    return QGuiApplication::exec();
  }

  QQmlApplicationEngine engine;
  int warnings = 0;
  QObject::connect(&engine, &QQmlApplicationEngine::warnings, &app,
                   [&warnings](const QList<QQmlError>& list) { warnings += list.size(); });
  if (parser.isSet(self_test) && CompileAllQml(engine) > 0) return 1;
  engine.load(QUrl(QStringLiteral("qrc:/Qiaomen/Main.qml")));
  if (engine.rootObjects().isEmpty()) return 1;

  if (parser.isSet(screenshot)) {
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
    const QString path = parser.value(screenshot);
    QTimer::singleShot(300, &app, [window, path] {
      const bool saved = window != nullptr && window->grabWindow().save(path);
      QCoreApplication::exit(saved ? 0 : 1);
    });
    return QGuiApplication::exec();
  }
  if (parser.isSet(self_test)) {
    QTimer::singleShot(500, &app, [&warnings] { QCoreApplication::exit(warnings == 0 ? 0 : 1); });
    return QGuiApplication::exec();
  }
  return QGuiApplication::exec();
}
