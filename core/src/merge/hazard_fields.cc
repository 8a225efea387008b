#include "qiaomen/core/domain/labels.h"
#include "qiaomen/core/merge/merge.h"
#include "qiaomen/core/uuid.h"

namespace qiaomen::core::merge {
namespace {

void AddText(std::vector<v1::FieldSet>& sets, const char* field, const std::string& text) {
  v1::FieldSet& set = sets.emplace_back();
  set.set_field(field);
  set.mutable_value()->set_text(text);
}

Status AddId(std::vector<v1::FieldSet>& sets, const char* field, const std::string& bytes) {
  if (bytes.empty()) return Status::Ok();
  Result<Uuid> id = Uuid::FromBytes(bytes);
  if (!id.ok()) {
    return InvalidArgument("The hazard's " + std::string(field) + " is " +
                           std::to_string(bytes.size()) + " bytes long; an id is 16 bytes.");
  }
  AddText(sets, field, id->ToString());
  return Status::Ok();
}

}  // namespace

Result<std::vector<v1::FieldSet>> HazardToFieldSets(const v1::Hazard& hazard) {
  QM_ASSIGN_OR_RETURN(std::string_view severity, SeverityText(hazard.severity()));
  std::vector<v1::FieldSet> sets;
  AddText(sets, "severity", std::string(severity));
  AddText(sets, "deadline", hazard.deadline());
  AddText(sets, "responsible", hazard.responsible());
  AddText(sets, "category", hazard.category());
  AddText(sets, "description", hazard.description());
  AddText(sets, "legal_basis", hazard.legal_basis());
  AddText(sets, "rule_id", hazard.rule_id());
  AddText(sets, "template_id", hazard.template_id());
  // Unspecified (an old device's hazard) is "", which reads as by the deadline.
  AddText(sets, "urgency",
          hazard.urgency() == v1::URGENCY_UNSPECIFIED
              ? std::string()
              : std::string(domain::UrgencyLabel(hazard.urgency()).code));
  // The repeat instance a rule found it in (第 2 个气瓶); 0 outside a repeat.
  v1::FieldSet& instance = sets.emplace_back();
  instance.set_field("repeat_instance");
  instance.mutable_value()->set_integer(hazard.repeat_instance());
  QM_RETURN_IF_ERROR(AddId(sets, "subject_id", hazard.subject_id()));
  QM_RETURN_IF_ERROR(AddId(sets, "visit_id", hazard.visit_id()));
  return sets;
}

}  // namespace qiaomen::core::merge
