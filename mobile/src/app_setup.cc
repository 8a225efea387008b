#include "app_setup.h"

#include <QFont>
#include <QGuiApplication>
#include <QQuickStyle>

#include "app_info.h"

namespace qiaomen::mobile {

void SetUpAppLook() {
  QQuickStyle::setStyle(QStringLiteral("Material"));
  QFont font(QStringLiteral("WenQuanYi Micro Hei"));
  // The body size at the system font scale (Theme.qml scales its sizes the same way).
  font.setPixelSize(static_cast<int>(16 * AppInfo::FontScale() + 0.5));
  QGuiApplication::setFont(font);
}

}  // namespace qiaomen::mobile
