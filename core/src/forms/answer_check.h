#pragma once
// Reads one answer against its item: the kind must match, and the item's own bounds (range,
// length, pattern, choice codes, photo counts) give a localized problem. Private to forms.

#include <cstdint>
#include <string>

#include "forms/template_data.h"
#include "qiaomen/core/forms/compiled_template.h"
#include "qiaomen/core/forms/value.h"
#include "qiaomen/core/status.h"
#include "qiaomen/v1/answers.pb.h"

namespace qiaomen::core::forms::internal {

struct AnswerState {
  v1::AnswerValue answer;
  bool answered = false;  // set and not empty
  Value value;            // views into `answer`; rebind after moving (BindValue)
  int64_t photo_count = 0;
  bool has_problem = false;  // the answer breaks the item's own bounds
  v1::LocalizedText problem;
};

// Fills `out` from `value` for `item`. InvalidArgument (naming the item) when the value's kind
// does not fit the item's kind. A value with no kind set gives an unanswered state.
Status ReadAnswer(const CompiledItem& item, const v1::AnswerValue& value, AnswerState* out);

// Parses item.proto->default_value() (template.proto Item.default_value) into `out` and checks
// it as an answer. InvalidArgument saying what is wrong (not a number, an unknown code, out of
// range, a kind that takes no default).
Status ParseDefaultValue(const CompiledItem& item, v1::AnswerValue* out);

// Points out->value at out->answer's storage again (after a move).
void BindValue(const CompiledItem& item, AnswerState* out);

}  // namespace qiaomen::core::forms::internal
