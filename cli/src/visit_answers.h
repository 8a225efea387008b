#pragma once
// Turns the plain JSON answers of a visit file into typed checklist answers, item by item, using
// the checklist's item kinds; and lists what the forms engine found wrong, item by item.

#include <map>
#include <string>
#include <vector>

#include "qiaomen/cli/visit_file.h"
#include "qiaomen/core/forms/compiled_template.h"
#include "qiaomen/core/forms/evaluation.h"
#include "qiaomen/v1/answers.pb.h"

namespace qiaomen::cli {

// The answers of `file` typed for `tpl`. Photo items take `photo_ids` (16-byte ids by item, made
// by the caller for the files in file.photos). Every problem goes to `errors` (unknown item, wrong
// JSON type, a photo given for a non-photo item); the answers without problems are returned.
std::vector<v1::Answer> TypedAnswers(
    const VisitFile& file, const core::forms::CompiledTemplate& tpl,
    const std::map<std::string, std::vector<std::string>>& photo_ids,
    std::vector<ItemError>& errors);

// What keeps `evaluation` from being a finished "checked" visit, item by item: required items
// unanswered, constraints failing, hazard photos missing.
std::vector<ItemError> CompletenessErrors(const core::forms::Evaluation& evaluation);

}  // namespace qiaomen::cli
