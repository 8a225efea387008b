#pragma once
// How a checklist answer reads for people, under the checklist's own labels: what the county's
// staff see on a visit's page. Pure functions: thread-safe.

#include <string>

#include "qiaomen/core/domain/labels.h"
#include "qiaomen/v1/answers.pb.h"
#include "qiaomen/v1/template.pb.h"

namespace qiaomen::core::forms {

// The text in `language`, or in the other language when the checklist left it empty.
std::string TextIn(const v1::LocalizedText& text, domain::Language language);

// `value` as an answer to `item` reads: 是/否/不适用 (Yes/No/N/A); a choice's label (several
// joined by "、" / ", "); a number with the item's unit; text and dates as given; "2 张照片"
// ("2 photos") for a photo item, 已签名/未签名 (Signed/Not signed) for a signature item;
// "纬度 30.1，经度 120.2" for a location. A choice code the item does not define is shown as the
// code. "" when nothing is set.
std::string AnswerText(const v1::Item& item, const v1::AnswerValue& value,
                       domain::Language language = domain::Language::kZh);

}  // namespace qiaomen::core::forms
