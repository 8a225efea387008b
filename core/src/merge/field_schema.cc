#include "qiaomen/core/merge/field_schema.h"

#include <array>
#include <string>

#include "qiaomen/core/domain/labels.h"
#include "qiaomen/core/uuid.h"

namespace qiaomen::core::merge {
namespace {

constexpr std::array<FieldSpec, 10> kSubjectFields = {{
    {"name", ValueKind::kText},
    {"address", ValueKind::kText},
    {"phone", ValueKind::kText},
    {"members", ValueKind::kInteger},
    {"tags", ValueKind::kTexts},
    {"note", ValueKind::kText},
    {"grid_id", ValueKind::kText},
    {"kind", ValueKind::kText},
    {"external_id", ValueKind::kText},
    {"premises_type", ValueKind::kText},
}};

constexpr std::array<FieldSpec, 5> kTaskFields = {{
    {"assignee", ValueKind::kText},
    {"due_date", ValueKind::kText},
    {"campaign_id", ValueKind::kText},
    {"subject_id", ValueKind::kText},
    {"template_id", ValueKind::kText},
}};

constexpr std::array<FieldSpec, 12> kHazardFields = {{
    {"severity", ValueKind::kText},
    {"deadline", ValueKind::kText},
    {"responsible", ValueKind::kText},
    {"category", ValueKind::kText},
    {"description", ValueKind::kText},
    {"legal_basis", ValueKind::kText},
    {"subject_id", ValueKind::kText},
    {"visit_id", ValueKind::kText},
    {"rule_id", ValueKind::kText},
    {"template_id", ValueKind::kText},
    {"urgency", ValueKind::kText},
    {"repeat_instance", ValueKind::kInteger},
}};

std::string_view KindName(ValueKind kind) {
  switch (kind) {
    case ValueKind::kText:
      return "text";
    case ValueKind::kInteger:
      return "an integer";
    case ValueKind::kTexts:
      return "a list of texts";
    case ValueKind::kBoolean:
      return "a true/false value";
  }
  return "a value";
}

bool HasKind(const v1::FieldValue& value, ValueKind kind) {
  switch (kind) {
    case ValueKind::kText:
      return value.kind_case() == v1::FieldValue::kText;
    case ValueKind::kInteger:
      return value.kind_case() == v1::FieldValue::kInteger;
    case ValueKind::kTexts:
      return value.kind_case() == v1::FieldValue::kTexts;
    case ValueKind::kBoolean:
      return value.kind_case() == v1::FieldValue::kBoolean;
  }
  return false;
}

}  // namespace

std::span<const FieldSpec> FieldsOf(v1::Entity entity) {
  switch (entity) {
    case v1::ENTITY_SUBJECT:
      return kSubjectFields;
    case v1::ENTITY_TASK:
      return kTaskFields;
    case v1::ENTITY_HAZARD:
      return kHazardFields;
    default:
      return {};
  }
}

const FieldSpec* FindField(v1::Entity entity, std::string_view field) {
  for (const FieldSpec& spec : FieldsOf(entity)) {
    if (spec.name == field) return &spec;
  }
  return nullptr;
}

Status ValidateFieldValue(v1::Entity entity, std::string_view field, const v1::FieldValue& value) {
  const FieldSpec* spec = FindField(entity, field);
  if (spec == nullptr) {
    return InvalidArgument("A " + std::string(EntityName(entity)) + " has no field \"" +
                           std::string(field) +
                           "\"; use one of the fields listed in field_schema.h.");
  }
  if (!HasKind(value, spec->kind)) {
    return InvalidArgument("The " + std::string(EntityName(entity)) + " field \"" +
                           std::string(field) + "\" holds " + std::string(KindName(spec->kind)) +
                           "; send that kind of value.");
  }
  if (entity == v1::ENTITY_HAZARD && field == "severity" && SeverityRank(value.text()) == 0) {
    return InvalidArgument("A hazard's severity is \"general\" or \"major\", not \"" +
                           value.text() + "\".");
  }
  if (entity == v1::ENTITY_HAZARD && field == "urgency" && !value.text().empty() &&
      !domain::UrgencyFromCode(value.text())) {
    return InvalidArgument(
        "A hazard's urgency is \"immediate\", \"same_day\" or \"by_deadline\", not \"" +
        value.text() + "\".");
  }
  if (entity == v1::ENTITY_SUBJECT && field == "kind" &&
      !domain::SubjectKindFromCode(value.text())) {
    return InvalidArgument(
        "A subject's kind is \"household\", \"premises\" or \"facility\", not \"" + value.text() +
        "\".");
  }
  if ((field == "subject_id" || field == "visit_id") && !value.text().empty() &&
      !Uuid::Parse(value.text()).ok()) {
    return InvalidArgument("The " + std::string(EntityName(entity)) + " field \"" +
                           std::string(field) + "\" holds an id as 8-4-4-4-12 hex text, not \"" +
                           value.text() + "\".");
  }
  return Status::Ok();
}

bool IsFieldMerged(v1::Entity entity) {
  return entity == v1::ENTITY_SUBJECT || entity == v1::ENTITY_TASK || entity == v1::ENTITY_HAZARD;
}

bool IsAppendOnly(v1::Entity entity) {
  return entity == v1::ENTITY_VISIT || entity == v1::ENTITY_PHOTO ||
         entity == v1::ENTITY_HAZARD_EVENT;
}

std::string_view EntityName(v1::Entity entity) {
  switch (entity) {
    case v1::ENTITY_SUBJECT:
      return "subject";
    case v1::ENTITY_TASK:
      return "task";
    case v1::ENTITY_VISIT:
      return "visit";
    case v1::ENTITY_PHOTO:
      return "photo";
    case v1::ENTITY_HAZARD:
      return "hazard";
    case v1::ENTITY_HAZARD_EVENT:
      return "hazard event";
    case v1::ENTITY_CAMPAIGN:
      return "campaign";
    case v1::ENTITY_ADMIN_UNIT:
      return "admin unit";
    default:
      return "record of unknown type";
  }
}

Result<std::string_view> SeverityText(v1::Severity severity) {
  if (severity != v1::GENERAL && severity != v1::MAJOR) {
    return InvalidArgument("A hazard needs a severity, general or major; choose one.");
  }
  return domain::SeverityLabel(severity).code;
}

int SeverityRank(std::string_view severity_text) {
  // The enum's numbers are the ranks: GENERAL 1 < MAJOR 2, 0 for anything else.
  return static_cast<int>(
      domain::SeverityFromCode(severity_text).value_or(v1::SEVERITY_UNSPECIFIED));
}

}  // namespace qiaomen::core::merge
