#pragma once
// Constant folding for the checker: finds conditions that read nothing and so are the same for
// every visit. Private to forms.

#include "qiaomen/core/forms/expression.h"

namespace qiaomen::core::forms::internal {

// True when `expr` (type-checked, not empty) reads no item, computed value or today(), and
// evaluates to anything but true: false, or null (e.g. `1 / 0 > 1`). Such a condition is never
// true on any visit. False for every expression that reads something.
bool IsNeverTrue(const Expression& expr);

}  // namespace qiaomen::core::forms::internal
