#pragma once
// Small helpers shared by the app's QtTest classes.

#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QVariantMap>

#include "app_controller.h"
#include "qiaomen/testing/fast_kdf.h"

namespace qiaomen::mobile {

// A profile, key store and capture folder inside `dir`.
inline WorkerConfig TestConfig(const QTemporaryDir& dir) {
  WorkerConfig config;
  config.data_dir = dir.filePath(QStringLiteral("profile"));
  config.key_store_dir = dir.filePath(QStringLiteral("keystore"));
  config.capture_dir = dir.filePath(QStringLiteral("capture"));
  return config;
}

// TestConfig for a profile the test enrols: the cheapest Argon2id (qiaomen::testing::FastKdf).
inline WorkerConfig EnrolTestConfig(const QTemporaryDir& dir) {
  WorkerConfig config = TestConfig(dir);
  config.enrol_keys.kdf = qiaomen::testing::FastKdf();
  return config;
}

// The row of the task whose subject is `name`, or {}.
inline QVariantMap TaskOf(TaskListModel* tasks, const QString& name) {
  for (int i = 0; i < tasks->rowCount(); ++i) {
    if (tasks->get(i).value(QStringLiteral("name")).toString() == name) return tasks->get(i);
  }
  return {};
}

// Answers of the demo checklist (household_winter) that make a complete visit with no hazard:
// electric heating, no gas, no e-bike, not alone, everything in order.
inline void AnswerCompleteVisit(AppController& controller) {
  const auto set = [&](const char* item, const QVariant& value) {
    controller.setAnswer(QString::fromLatin1(item), value);
  };
  set("heating_type", QStringLiteral("electric"));
  set("gas_type", QStringLiteral("none"));
  set("ebike_count", QStringLiteral("0"));
  set("elderly_alone", QStringLiteral("no"));
  for (const char* item : {"wiring_ok", "sockets_ok", "rcd_installed", "escape_clear",
                           "combustibles_away", "window_exit"}) {
    set(item, QStringLiteral("yes"));
  }
  set("extinguisher", QStringLiteral("no"));
}

}  // namespace qiaomen::mobile
