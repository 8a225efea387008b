// Qt Quick Test runner for tests/app/qml/tst_*.qml: a demo profile per test file in a temporary
// directory (no server), the Material style and CJK font, and the Qiaomen QML module linked in
// statically.

#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuickTest>

#include "app_controller.h"
#include "app_setup.h"
#include "demo_profile.h"

Q_IMPORT_QML_PLUGIN(QiaomenPlugin)

class Setup : public QObject {
  Q_OBJECT
 public slots:
  void applicationAvailable() {
    qiaomen::mobile::SetUpAppLook();
    // No position source: the visit flow runs, and saves, without a fix.
    qiaomen::mobile::AppController::SetDefaultPositionSource({});
  }
  // Each tst_*.qml file gets its own engine, so its own AppController: give each a fresh demo
  // profile, so that no file depends on what another one did to the households.
  void qmlEngineAvailable(QQmlEngine* engine) {
    engine->addImportPath(QStringLiteral("qrc:/"));
    const QString dir = tmp_.filePath(QString::number(++profiles_));
    qiaomen::mobile::WorkerConfig config;
    config.data_dir = dir + QStringLiteral("/profile");
    config.key_store_dir = dir + QStringLiteral("/keystore");
    config.capture_dir = dir + QStringLiteral("/capture");
    config.role_without_server = QStringLiteral("inspector");  // every hazard step is offered
    const auto made = qiaomen::mobile::CreateDemoProfile(config.data_dir, config.key_store_dir);
    if (!made.ok()) qFatal("demo profile: %s", made.message().c_str());
    qiaomen::mobile::AppController::SetDefaultConfig(config);
  }

 private:
  QTemporaryDir tmp_;
  int profiles_ = 0;
};

QUICK_TEST_MAIN_WITH_SETUP(qiaomen_app_quick, Setup)

#include "quick_test_main.moc"
