#pragma once
// The household page's edit form as typed: checked and made a HouseholdEdit, or refused with a
// sentence (in the UI language) that says what to type instead. Pure; any thread.

#include <QString>
#include <QStringList>

#include "app_types.h"

namespace qiaomen::mobile {

// Which field a refusal is about, so the form shows the sentence under it.
enum class HouseholdField { kNone, kPhone, kMembers };

struct HouseholdEditCheck {
  bool ok = false;
  HouseholdEdit
      edit;  // when ok: the phone as digits (a landline keeps one '-' after its area code)
  HouseholdField field = HouseholdField::kNone;
  QString message;  // when not ok
};

// `phone`: empty (no phone), an 11-digit mobile number starting with 1, or a landline of 7-8
// digits with or without its area code (0571-87654321); spaces and dashes are ignored.
// `members`: a whole number from 0 to 200. `tags`: kept in order, blanks and repeats dropped.
HouseholdEditCheck CheckHouseholdEdit(const QString& phone, const QString& members,
                                      const QStringList& tags);

}  // namespace qiaomen::mobile
