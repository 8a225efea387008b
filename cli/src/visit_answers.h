#pragma once
// Turns the plain JSON answers of a visit file into typed checklist answers, item by item, using
// the checklist's item kinds.

#include <map>
#include <string>
#include <vector>

#include "qiaomen/cli/visit_file.h"
#include "qiaomen/core/forms/compiled_template.h"
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
                                     std::vector<core::profile::ItemError>& errors);

}  // namespace qiaomen::cli
