#pragma once
// Turns the plain JSON answers of a visit file into typed checklist answers, item by item, using
// the checklist's item kinds.

#include <map>
#include <string>
#include <vector>

#include "qiaomen/cli/visit_file.h"
#include "qiaomen/core/forms/compiled_template.h"
#include "qiaomen/core/forms/evaluation.h"
#include "qiaomen/core/profile/field_visits.h"
#include "qiaomen/v1/answers.pb.h"

namespace qiaomen::cli {

// The answers of `file` typed for `tpl`. A key is an item id, or for an item of a repeat group
// the id and instance, "cylinder_ok[2]" (answers and photos alike). (Photo items are answered by
// the photos the visit's draft holds, not here). Every problem goes to `errors` (unknown item,
// wrong JSON type, an answer for a photo item, photos listed under an item that takes none); the
// answers without problems are returned.
std::vector<v1::Answer> TypedAnswers(const VisitFile& file,
                                     const core::forms::CompiledTemplate& tpl,
                                     std::vector<FileProblem>& errors);

// The kind of answer an item takes, with how a visit file writes it (kItemYesNoNa...).
Msg ItemKindMsg(v1::ItemKind kind);

// What keeps `evaluation` from being a finished "checked" visit, item by item (required items
// unanswered, constraints failing with the checklist's own message, hazard photos missing), in
// catalogue messages; the checklist's words are taken in `language`.
std::vector<FileProblem> CompletenessProblems(const core::forms::Evaluation& evaluation,
                                              core::domain::Language language);

}  // namespace qiaomen::cli
