// qiaomen-app: loads the QML UI. `--self-test` loads every QML file and exits 0 when all compiled
// and the main window was created, 1 otherwise, so CI catches a broken QML file without a screen.

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>
#include <QtQml/QQmlExtensionPlugin>

Q_IMPORT_QML_PLUGIN(QiaomenPlugin)

int main(int argc, char** argv) {
  QGuiApplication app(argc, argv);
  QGuiApplication::setApplicationName(QStringLiteral("qiaomen-app"));
  QGuiApplication::setApplicationVersion(QStringLiteral(QIAOMEN_VERSION));

  QCommandLineParser parser;
  parser.addHelpOption();
  parser.addVersionOption();
  QCommandLineOption self_test(QStringLiteral("self-test"),
                               QStringLiteral("Load the UI, report errors and exit."));
  QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                QStringLiteral("Save a PNG of the main window and exit."),
                                QStringLiteral("file"));
  parser.addOption(self_test);
  parser.addOption(screenshot);
  parser.process(app);

  QQmlApplicationEngine engine;
  int warnings = 0;
  QObject::connect(&engine, &QQmlApplicationEngine::warnings, &app,
                   [&warnings](const QList<QQmlError>& list) { warnings += list.size(); });
  engine.load(QUrl(QStringLiteral("qrc:/Qiaomen/qml/Main.qml")));
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
    QTimer::singleShot(0, &app, [&warnings] { QCoreApplication::exit(warnings == 0 ? 0 : 1); });
    return QGuiApplication::exec();
  }
  return QGuiApplication::exec();
}
