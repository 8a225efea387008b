#include "household_edit.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace qiaomen::mobile {
namespace {

// The phone as stored: mobile numbers as 11 digits, landlines as "area-number" or the number
// alone; "" when it is neither.
QString NormalPhone(const QString& typed) {
  QString digits = typed;
  digits.remove(QRegularExpression(QStringLiteral("[\\s\\-()（）]")));
  static const QRegularExpression kMobile(QStringLiteral("^1[3-9][0-9]{9}$"));
  static const QRegularExpression kLandline(
      QStringLiteral("^(0[1-9][0-9]{1,2})([2-9][0-9]{6,7})$"));
  static const QRegularExpression kLocal(QStringLiteral("^[2-9][0-9]{6,7}$"));
  if (kMobile.match(digits).hasMatch() || kLocal.match(digits).hasMatch()) return digits;
  if (auto m = kLandline.match(digits); m.hasMatch()) {
    return m.captured(1) + QLatin1Char('-') + m.captured(2);
  }
  return {};
}

}  // namespace

HouseholdEditCheck CheckHouseholdEdit(const QString& phone, const QString& members,
                                      const QStringList& tags) {
  HouseholdEditCheck check;
  const QString typed = phone.trimmed();
  if (!typed.isEmpty()) {
    check.edit.phone = NormalPhone(typed);
    if (check.edit.phone.isEmpty()) {
      check.field = HouseholdField::kPhone;
      check.message = QCoreApplication::translate(
          "HouseholdEdit",
          "电话号码不对：手机号是 1 开头的 11 位数字；固定电话请带区号，"
          "如 0571-87654321。不知道号码就留空。");
      return check;
    }
  }
  bool number = false;
  const int count = members.trimmed().toInt(&number);
  if (!number || count < 0 || count > 200) {
    check.field = HouseholdField::kMembers;
    check.message =
        QCoreApplication::translate("HouseholdEdit", "家庭人数请填 0 到 200 之间的整数。");
    return check;
  }
  check.edit.members = count;
  for (const QString& tag : tags) {
    const QString t = tag.trimmed();
    if (!t.isEmpty() && !check.edit.tags.contains(t)) check.edit.tags << t;
  }
  check.ok = true;
  return check;
}

}  // namespace qiaomen::mobile
