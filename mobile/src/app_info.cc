#include "app_info.h"

namespace qiaomen::mobile {

AppInfo::AppInfo(QObject* parent) : QObject(parent) {}

QString AppInfo::version() const { return QStringLiteral(QIAOMEN_VERSION); }

void AppInfo::setChinese(bool chinese) {
  if (chinese_ == chinese) return;
  chinese_ = chinese;
  emit chineseChanged();
}

QString AppInfo::tr2(const QString& zh, const QString& en) const { return chinese_ ? zh : en; }

}  // namespace qiaomen::mobile
