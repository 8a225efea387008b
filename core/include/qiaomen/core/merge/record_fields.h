#pragma once
// Conversions between the record messages (v1::Subject, v1::Task, v1::Hazard) and their register
// fields, so the device store and the county server encode creations the same way and read merged
// states back into messages the same way. Record ids held in registers are UUID text (see
// field_schema.h). Pure; thread-safe.

#include <vector>

#include "qiaomen/core/merge/record_state.h"
#include "qiaomen/core/status.h"
#include "qiaomen/v1/change.pb.h"
#include "qiaomen/v1/records.pb.h"

namespace qiaomen::core::merge {

// The register writes a creation stands for: every field of the entity's schema (empty texts
// included, so a creation defines them all), ids as UUID text (omitted when empty), base_hlc 0.
// InvalidArgument for an id that is not 16 bytes, or a SUBJECT_KIND_UNSPECIFIED subject.
// (For hazards see HazardToFieldSets in merge.h.)
Result<std::vector<v1::FieldSet>> SubjectToFieldSets(const v1::Subject& subject);
Result<std::vector<v1::FieldSet>> TaskToFieldSets(const v1::Task& task);

// The visible values of `state` as a message; fields never written keep their defaults, `id` is
// state.record_id. InvalidArgument when `state` is another entity; Corruption when a register holds
// an id that is not UUID text or an unknown kind/severity word.
Result<v1::Subject> SubjectFromState(const RecordState& state);
Result<v1::Task> TaskFromState(const RecordState& state);
Result<v1::Hazard> HazardFromState(const RecordState& state);

}  // namespace qiaomen::core::merge
