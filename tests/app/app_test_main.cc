// Runs the app's QtTest classes in one binary (offscreen).
#include <QGuiApplication>
#include <QTest>

#include "app_tests.h"

int main(int argc, char** argv) {
  QGuiApplication app(argc, argv);
  int failed = 0;
  {
    qiaomen::mobile::ModelsTest models;
    failed += QTest::qExec(&models, argc, argv);
  }
  {
    qiaomen::mobile::ControllerTest controller;
    failed += QTest::qExec(&controller, argc, argv);
  }
  {
    qiaomen::mobile::HazardTest hazards;
    failed += QTest::qExec(&hazards, argc, argv);
  }
  {
    qiaomen::mobile::PhotoTest photos;
    failed += QTest::qExec(&photos, argc, argv);
  }
  {
    qiaomen::mobile::UiThreadTest ui_thread;
    failed += QTest::qExec(&ui_thread, argc, argv);
  }
  {
    qiaomen::mobile::EnrolQrTest enrol;
    failed += QTest::qExec(&enrol, argc, argv);
  }
  {
    qiaomen::mobile::BackgroundSyncTest background_sync;
    failed += QTest::qExec(&background_sync, argc, argv);
  }
  {
    qiaomen::mobile::SettingsTest settings;
    failed += QTest::qExec(&settings, argc, argv);
  }
  {
    qiaomen::mobile::EndToEndTest end_to_end;
    failed += QTest::qExec(&end_to_end, argc, argv);
  }
  return failed == 0 ? 0 : 1;
}
