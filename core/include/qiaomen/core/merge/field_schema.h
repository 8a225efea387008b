#pragma once
// Which fields of each mutable record are per-field registers, and what kind of value each holds.
// The device store, the county server and the merge all check field changes against this one table.

#include <span>
#include <string_view>

#include "qiaomen/core/status.h"
#include "qiaomen/v1/change.pb.h"

namespace qiaomen::core::merge {

// The FieldValue case a register field must carry.
enum class ValueKind { kText, kInteger, kTexts, kBoolean };

struct FieldSpec {
  std::string_view name;
  ValueKind kind;
};

// The register fields of SUBJECT, TASK and HAZARD (empty for every other entity):
//   SUBJECT: name, address, phone, members (integer), tags (texts), note, grid_id,
//            kind ("household" | "premises" | "facility"), external_id, premises_type
//   TASK:    assignee, due_date, campaign_id, subject_id, template_id
//   HAZARD:  severity ("general" | "major"), deadline, responsible, category, description,
//            legal_basis, subject_id, visit_id, rule_id, template_id
// Everything not marked is text. Record ids held in a register (subject_id, visit_id) are the
// lower-case 8-4-4-4-12 UUID text (proto3 `string` must be UTF-8, raw id bytes are not);
// dates are YYYY-MM-DD. The span points at static storage.
std::span<const FieldSpec> FieldsOf(v1::Entity entity);

// The spec of `field` for `entity`, or nullptr when the entity has no such register.
const FieldSpec* FindField(v1::Entity entity, std::string_view field);

// Ok when `value` is a valid value of `entity`.`field`: the field exists, the value carries the
// field's kind, enumerated text fields (HAZARD severity, SUBJECT kind) hold an allowed word, and
// id fields (subject_id, visit_id) are empty or UUID text.
// InvalidArgument with a sentence naming the field otherwise.
Status ValidateFieldValue(v1::Entity entity, std::string_view field, const v1::FieldValue& value);

// True for SUBJECT, TASK and HAZARD: records merged field by field through ApplyChange.
bool IsFieldMerged(v1::Entity entity);

// True for VISIT, PHOTO and HAZARD_EVENT: whole records written once and never edited, so they
// never conflict (a duplicate is the same record; store it once by id).
bool IsAppendOnly(v1::Entity entity);

// "subject", "task", "hazard", ...: a stable lower-case name for messages and dumps.
std::string_view EntityName(v1::Entity entity);

// The text form of HAZARD severity: "general" / "major". InvalidArgument for SEVERITY_UNSPECIFIED.
Result<std::string_view> SeverityText(v1::Severity severity);
// 2 for "major", 1 for "general", 0 for anything else: concurrent severity edits keep the higher.
int SeverityRank(std::string_view severity_text);

}  // namespace qiaomen::core::merge
