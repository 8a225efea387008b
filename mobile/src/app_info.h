#pragma once
// Facts about the running app that QML shows, and its language: Chinese first, English second,
// switched at run time by loading the compiled Qt Linguist catalogue (i18n/*.ts) and
// retranslating every qsTr binding; the text size (the system font scale) and the theme (light
// or dark) that Theme.qml follows.

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
  Q_PROPERTY(double fontScale READ fontScale CONSTANT)
  Q_PROPERTY(bool dark READ dark WRITE setDark NOTIFY darkChanged)

 public:
  explicit AppInfo(QObject* parent = nullptr);

  QString version() const;
  // Chinese first: true unless the user switched to English.
  bool chinese() const { return chinese_; }
  void setChinese(bool chinese);
  // The language the UI shows now, for C++ that words dates (any AppInfo's last choice; Chinese
  // until one switches). UI thread only.
  static bool ShowsChinese();

  // The system font scale the text follows, kFontScaleMin..kFontScaleMax (the layouts are checked
  // up to 1.5): QIAOMEN_FONT_SCALE when set (the launcher passes the system setting on, as
  // Android's Settings > Display > Font size does with its factor), 1 otherwise.
  // SetFontScale overrides it (the screenshot tour); engines created afterwards see the new one.
  static constexpr double kFontScaleMin = 0.85;
  static constexpr double kFontScaleMax = 1.5;
  static double FontScale();
  static void SetFontScale(double scale);
  double fontScale() const { return FontScale(); }
  // The dark theme: QIAOMEN_THEME=dark at start, then the switch on the 我的 page.
  bool dark() const { return dark_; }
  void setDark(bool dark);

 signals:
  void chineseChanged();
  void darkChanged();

 private:
  bool chinese_ = true;
  bool dark_ = false;
  QTranslator english_;
};

}  // namespace qiaomen::mobile
