#include "app_info.h"

#include <QCoreApplication>
#include <QLocale>
#include <QQmlEngine>
#include <algorithm>

namespace qiaomen::mobile {
namespace {

bool g_chinese = true;
double g_font_scale = -1;  // not read yet

}  // namespace

bool AppInfo::ShowsChinese() { return g_chinese; }

double AppInfo::FontScale() {
  if (g_font_scale < 0) {
    bool ok = false;
    const double scale = qEnvironmentVariable("QIAOMEN_FONT_SCALE").toDouble(&ok);
    g_font_scale = ok ? scale : 1.0;
  }
  return std::clamp(g_font_scale, kFontScaleMin, kFontScaleMax);
}

void AppInfo::SetFontScale(double scale) { g_font_scale = scale; }

AppInfo::AppInfo(QObject* parent)
    : QObject(parent), dark_(qEnvironmentVariable("QIAOMEN_THEME") == QStringLiteral("dark")) {
  QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
}

void AppInfo::setDark(bool dark) {
  if (dark_ == dark) return;
  dark_ = dark;
  emit darkChanged();
}

QString AppInfo::version() const { return QStringLiteral(QIAOMEN_VERSION); }

void AppInfo::setChinese(bool chinese) {
  if (chinese_ == chinese) return;
  chinese_ = chinese;
  g_chinese = chinese;
  // The sources are written in Chinese (qsTr("同步")); English is the qiaomen_en catalogue.
  if (chinese_) {
    QCoreApplication::removeTranslator(&english_);
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
  } else {
    if (english_.isEmpty()) (void)english_.load(QStringLiteral(":/i18n/qiaomen_en.qm"));
    QCoreApplication::installTranslator(&english_);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
  }
  if (QQmlEngine* engine = qmlEngine(this)) engine->retranslate();
  emit chineseChanged();
}

}  // namespace qiaomen::mobile
