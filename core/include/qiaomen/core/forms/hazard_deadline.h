#pragma once
// When a hazard a rule found is due: its rule's deadline in days after the visit's county day, or
// that very day for an immediate or same-day hazard (立即整改, 当日整改: their rules' deadline is
// 0). One rule for the device's record (FieldVisits::Finish) and the app's live list. Pure.

#include <cstdint>

#include "qiaomen/v1/records.pb.h"

namespace qiaomen::core::forms {

// Whether a hazard of this urgency and rule deadline gets a deadline at all (a by-deadline rule
// with 0 days, from before urgencies existed, sets none).
inline bool HasDeadline(v1::Urgency urgency, uint32_t deadline_days) {
  return deadline_days > 0 || urgency == v1::IMMEDIATE || urgency == v1::SAME_DAY;
}

}  // namespace qiaomen::core::forms
