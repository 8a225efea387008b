#pragma once
// Facts about the running app that QML shows, and its language: Chinese first, English second,
// switched at run time by loading the compiled Qt Linguist catalogue (i18n/*.ts) and
// retranslating every qsTr binding.

#include <QtQml/qqmlregistration.h>

#include <QObject>
#include <QString>
#include <QTranslator>

namespace qiaomen::mobile {

// A QML singleton; main thread only.
class AppInfo : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_SINGLETON
  Q_PROPERTY(QString version READ version CONSTANT)
  Q_PROPERTY(bool chinese READ chinese WRITE setChinese NOTIFY chineseChanged)

 public:
  explicit AppInfo(QObject* parent = nullptr);

  QString version() const;
  // Chinese first: true unless the user switched to English.
  bool chinese() const { return chinese_; }
  void setChinese(bool chinese);
  // The language the UI shows now, for C++ that words dates (any AppInfo's last choice; Chinese
  // until one switches). UI thread only.
  static bool ShowsChinese();

 signals:
  void chineseChanged();

 private:
  bool chinese_ = true;
  QTranslator english_;
};

}  // namespace qiaomen::mobile
