#include "app_info.h"

#include <QCoreApplication>
#include <QLocale>
#include <QQmlEngine>

namespace qiaomen::mobile {
namespace {

bool g_chinese = true;

}  // namespace

bool AppInfo::ShowsChinese() { return g_chinese; }

AppInfo::AppInfo(QObject* parent) : QObject(parent) {
  QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
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
