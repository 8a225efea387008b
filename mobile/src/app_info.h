#pragma once
// Facts about the running app that QML shows: version and UI language.

#include <QtQml/qqmlregistration.h>

#include <QObject>
#include <QString>

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

  // Picks zh or en, so QML writes tr2("检查", "Check") until Qt Linguist catalogues land.
  Q_INVOKABLE QString tr2(const QString& zh, const QString& en) const;

 signals:
  void chineseChanged();

 private:
  bool chinese_ = true;
};

}  // namespace qiaomen::mobile
