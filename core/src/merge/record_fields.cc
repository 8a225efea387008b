#include "qiaomen/core/merge/record_fields.h"

#include <string>

#include "qiaomen/core/domain/labels.h"
#include "qiaomen/core/merge/field_schema.h"
#include "qiaomen/core/uuid.h"

namespace qiaomen::core::merge {
namespace {

void AddText(std::vector<v1::FieldSet>& sets, const char* field, const std::string& text) {
  v1::FieldSet& set = sets.emplace_back();
  set.set_field(field);
  set.mutable_value()->set_text(text);
}

Status AddId(std::vector<v1::FieldSet>& sets, const char* what, const char* field,
             const std::string& bytes) {
  if (bytes.empty()) return Status::Ok();
  Result<Uuid> id = Uuid::FromBytes(bytes);
  if (!id.ok()) {
    return InvalidArgument("The " + std::string(what) + "'s " + field + " is " +
                           std::to_string(bytes.size()) + " bytes long; an id is 16 bytes.");
  }
  AddText(sets, field, id->ToString());
  return Status::Ok();
}

Status CheckEntity(const RecordState& state, v1::Entity entity) {
  if (state.entity == entity) return Status::Ok();
  return InvalidArgument("This record is a " + std::string(EntityName(state.entity)) + ", not a " +
                         std::string(EntityName(entity)) + "; read it as what it is.");
}

const std::string* TextOf(const RecordState& state, const char* field) {
  auto it = state.fields.find(field);
  if (it == state.fields.end() || !it->second.value.has_text()) return nullptr;
  return &it->second.value.text();
}

std::string Text(const RecordState& state, const char* field) {
  const std::string* text = TextOf(state, field);
  return text == nullptr ? std::string() : *text;
}

Result<std::string> IdBytes(const RecordState& state, const char* field) {
  const std::string* text = TextOf(state, field);
  if (text == nullptr || text->empty()) return std::string();
  Result<Uuid> id = Uuid::Parse(*text);
  if (!id.ok()) {
    return Corruption("The stored " + std::string(field) + " \"" + *text +
                      "\" is not an id; sync again to repair the record.");
  }
  return id->ToBytes();
}

}  // namespace

Result<std::vector<v1::FieldSet>> SubjectToFieldSets(const v1::Subject& subject) {
  std::vector<v1::FieldSet> sets;
  if (subject.kind() != v1::HOUSEHOLD && subject.kind() != v1::PREMISES &&
      subject.kind() != v1::FACILITY && subject.kind() != v1::VILLAGE) {
    return InvalidArgument(
        "A subject needs a kind (household, premises, facility or village); choose one.");
  }
  AddText(sets, "kind", std::string(domain::SubjectKindLabel(subject.kind()).code));
  AddText(sets, "name", subject.name());
  AddText(sets, "address", subject.address());
  AddText(sets, "phone", subject.phone());
  v1::FieldSet& members = sets.emplace_back();
  members.set_field("members");
  members.mutable_value()->set_integer(subject.members());
  v1::FieldSet& tags = sets.emplace_back();
  tags.set_field("tags");
  tags.mutable_value()->mutable_texts()->mutable_values()->CopyFrom(subject.tags());
  AddText(sets, "note", subject.note());
  AddText(sets, "grid_id", subject.grid_id());
  AddText(sets, "external_id", subject.external_id());
  AddText(sets, "premises_type", subject.premises_type());
  return sets;
}

Result<std::vector<v1::FieldSet>> TaskToFieldSets(const v1::Task& task) {
  std::vector<v1::FieldSet> sets;
  AddText(sets, "assignee", task.assignee());
  AddText(sets, "due_date", task.due_date());
  AddText(sets, "campaign_id", task.campaign_id());
  AddText(sets, "template_id", task.template_id());
  QM_RETURN_IF_ERROR(AddId(sets, "task", "subject_id", task.subject_id()));
  return sets;
}

Result<v1::Subject> SubjectFromState(const RecordState& state) {
  QM_RETURN_IF_ERROR(CheckEntity(state, v1::ENTITY_SUBJECT));
  v1::Subject subject;
  subject.set_id(state.record_id);
  const std::string kind = Text(state, "kind");
  if (auto known = domain::SubjectKindFromCode(kind)) {
    subject.set_kind(*known);
  } else if (!kind.empty()) {
    return Corruption("The stored subject kind \"" + kind +
                      "\" is unknown; sync again to repair the record.");
  }
  subject.set_name(Text(state, "name"));
  subject.set_address(Text(state, "address"));
  subject.set_phone(Text(state, "phone"));
  auto members = state.fields.find("members");
  if (members != state.fields.end() && members->second.value.has_integer()) {
    subject.set_members(static_cast<int32_t>(members->second.value.integer()));
  }
  auto tags = state.fields.find("tags");
  if (tags != state.fields.end() && tags->second.value.has_texts()) {
    subject.mutable_tags()->CopyFrom(tags->second.value.texts().values());
  }
  subject.set_note(Text(state, "note"));
  subject.set_grid_id(Text(state, "grid_id"));
  subject.set_external_id(Text(state, "external_id"));
  subject.set_premises_type(Text(state, "premises_type"));
  return subject;
}

Result<v1::Task> TaskFromState(const RecordState& state) {
  QM_RETURN_IF_ERROR(CheckEntity(state, v1::ENTITY_TASK));
  v1::Task task;
  task.set_id(state.record_id);
  task.set_assignee(Text(state, "assignee"));
  task.set_due_date(Text(state, "due_date"));
  task.set_campaign_id(Text(state, "campaign_id"));
  task.set_template_id(Text(state, "template_id"));
  QM_ASSIGN_OR_RETURN(std::string subject_id, IdBytes(state, "subject_id"));
  task.set_subject_id(subject_id);
  return task;
}

Result<v1::Hazard> HazardFromState(const RecordState& state) {
  QM_RETURN_IF_ERROR(CheckEntity(state, v1::ENTITY_HAZARD));
  v1::Hazard hazard;
  hazard.set_id(state.record_id);
  const std::string severity = Text(state, "severity");
  if (auto known = domain::SeverityFromCode(severity)) {
    hazard.set_severity(*known);
  } else if (!severity.empty()) {
    return Corruption("The stored severity \"" + severity +
                      "\" is unknown; sync again to repair the record.");
  }
  hazard.set_deadline(Text(state, "deadline"));
  hazard.set_responsible(Text(state, "responsible"));
  hazard.set_category(Text(state, "category"));
  hazard.set_description(Text(state, "description"));
  hazard.set_legal_basis(Text(state, "legal_basis"));
  hazard.set_rule_id(Text(state, "rule_id"));
  hazard.set_template_id(Text(state, "template_id"));
  if (auto it = state.fields.find("repeat_instance");
      it != state.fields.end() && it->second.value.has_integer()) {
    const int64_t n = it->second.value.integer();
    if (n < 0 || n > 1000000) {
      return Corruption("The stored repeat instance " + std::to_string(n) +
                        " is out of range; sync again to repair the record.");
    }
    hazard.set_repeat_instance(static_cast<uint32_t>(n));
  }
  if (auto urgency = domain::UrgencyFromCode(Text(state, "urgency"))) hazard.set_urgency(*urgency);
  QM_ASSIGN_OR_RETURN(std::string subject_id, IdBytes(state, "subject_id"));
  hazard.set_subject_id(subject_id);
  QM_ASSIGN_OR_RETURN(std::string visit_id, IdBytes(state, "visit_id"));
  hazard.set_visit_id(visit_id);
  return hazard;
}

}  // namespace qiaomen::core::merge
