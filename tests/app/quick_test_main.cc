// Qt Quick Test runner for tests/app/qml/tst_*.qml: a demo profile in a temporary directory (no
// server), the Material style and CJK font, and the Qiaomen QML module linked in statically.

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
    qiaomen::mobile::WorkerConfig config;
    config.data_dir = tmp_.filePath(QStringLiteral("profile"));
    config.key_store_dir = tmp_.filePath(QStringLiteral("keystore"));
    config.capture_dir = tmp_.filePath(QStringLiteral("capture"));
    const auto made = qiaomen::mobile::CreateDemoProfile(config.data_dir, config.key_store_dir);
    if (!made.ok()) qFatal("demo profile: %s", made.message().c_str());
    qiaomen::mobile::AppController::SetDefaultConfig(config);
    // No position source: the visit flow runs, and saves, without a fix.
    qiaomen::mobile::AppController::SetDefaultPositionSource({});
  }
  void qmlEngineAvailable(QQmlEngine* engine) { engine->addImportPath(QStringLiteral("qrc:/")); }

 private:
  QTemporaryDir tmp_;
};

QUICK_TEST_MAIN_WITH_SETUP(qiaomen_app_quick, Setup)

#include "quick_test_main.moc"
