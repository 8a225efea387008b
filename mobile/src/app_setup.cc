#include "app_setup.h"

#include <QFont>
#include <QGuiApplication>
#include <QQuickStyle>

namespace qiaomen::mobile {

void SetUpAppLook() {
  QQuickStyle::setStyle(QStringLiteral("Material"));
  QFont font(QStringLiteral("WenQuanYi Micro Hei"));
  font.setPixelSize(16);
  QGuiApplication::setFont(font);
}

}  // namespace qiaomen::mobile
