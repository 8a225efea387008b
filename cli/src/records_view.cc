#include "records_view.h"

#include <ctime>
#include <map>

#include "qiaomen/base/hex.h"
#include "qiaomen/cli/messages.h"
#include "qiaomen/core/domain/labels.h"
#include "qiaomen/core/uuid.h"

namespace qiaomen::cli {

std::string IdText(const std::string& bytes) {
  if (bytes.empty()) return "";
  if (auto uuid = core::Uuid::FromBytes(bytes); uuid.ok()) return uuid->ToString();
  return base::HexEncode(bytes);
}

core::Result<v1::Subject> ResolveSubject(core::store::Store& store, const std::string& ref) {
  if (auto uuid = core::Uuid::Parse(ref); uuid.ok()) {
    auto subject = store.GetSubject(*uuid);
    if (subject.ok() || subject.status().code() != core::Code::kNotFound) return subject;
  } else {
    auto subject = store.GetSubjectByExternalId(ref);
    if (subject.ok() || subject.status().code() != core::Code::kNotFound) return subject;
  }
  return core::NotFound("There is no subject '" + ref +
                        "' on this device. Give its id or county external id as `qiaomen tasks` "
                        "lists them; if it was assigned recently, run `qiaomen sync` first.");
}

core::Result<v1::Hazard> ResolveHazard(core::store::Store& store, const std::string& ref) {
  auto uuid = core::Uuid::Parse(ref);
  if (!uuid.ok()) {
    return core::InvalidArgument("'" + ref + "' is not a hazard id; `qiaomen hazards` lists them.");
  }
  auto hazard = store.GetHazard(*uuid);
  if (!hazard.ok() && hazard.status().code() == core::Code::kNotFound) {
    return core::NotFound("There is no hazard " + ref +
                          " on this device; `qiaomen hazards` lists them.");
  }
  return hazard;
}

core::Result<std::vector<std::string>> DeviceGrids(core::store::Store& store) {
  std::vector<std::string> grids;
  QM_ASSIGN_OR_RETURN(auto units, store.ListAdminUnitsAtLevel("grid"));
  for (const auto& grid : units) grids.push_back(grid.id());
  return grids;
}

std::string KindName(v1::SubjectKind kind) {
  return std::string(core::domain::SubjectKindLabel(kind).code);
}

std::string SeverityName(v1::Severity severity) {
  return std::string(core::domain::SeverityLabel(severity).code);
}

std::string HazardStatusName(const core::domain::HazardState& state) {
  std::string text(core::domain::HazardStatusCode(state.status));
  if (state.overdue) text += "+overdue";
  if (state.escalated) text += "+escalated";
  if (state.case_opened) text += "+case";
  if (state.major_review != core::domain::MajorReview::kNone) {
    text += "+" + std::string(core::domain::MajorReviewLabel(state.major_review).code);
  }
  return text;
}

std::string TimeText(int64_t ms, const base::TimeZone& zone, core::domain::Language language) {
  if (ms <= 0) return std::string(MessageText(Msg::kNever, language));
  return base::CountyDateTime(ms, zone);
}

std::string HazardStatusText(const core::domain::HazardState& state,
                             core::domain::Language language) {
  std::string text(core::domain::HazardStatusName(state.status, language));
  const std::string_view comma = language == core::domain::Language::kZh ? "，" : ", ";
  if (state.overdue) text += std::string(comma) + std::string(core::domain::OverdueLabel(language));
  if (state.escalated) {
    text += std::string(comma) + std::string(core::domain::EscalatedLabel(language));
  }
  if (state.case_opened) {
    text += std::string(comma) + std::string(core::domain::CaseOpenedLabel(language));
  }
  if (state.major_review != core::domain::MajorReview::kNone) {
    text += std::string(comma) +
            std::string(core::domain::MajorReviewLabel(state.major_review).In(language));
  }
  return text;
}

std::string In(const v1::LocalizedText& t, core::domain::Language language) {
  if (language == core::domain::Language::kEn) return t.en().empty() ? t.zh() : t.en();
  return t.zh().empty() ? t.en() : t.zh();
}

std::string GradeText(const v1::Hazard& hazard, core::domain::Language language) {
  const std::string_view comma = language == core::domain::Language::kZh ? "，" : ", ";
  return std::string(core::domain::SeverityLabel(hazard.severity()).In(language)) +
         std::string(comma) +
         std::string(core::domain::UrgencyLabel(hazard.urgency()).In(language));
}

std::string SeverityText(v1::Severity severity, core::domain::Language language) {
  return std::string(core::domain::SeverityLabel(severity).In(language));
}

std::string OutcomeText(v1::VisitOutcome outcome, core::domain::Language language) {
  return std::string(core::domain::OutcomeLabel(outcome).In(language));
}

std::string KindText(v1::SubjectKind kind, core::domain::Language language) {
  return std::string(core::domain::SubjectKindLabel(kind).In(language));
}

std::string CategoryText(const std::string& category, core::domain::Language language) {
  return std::string(core::domain::HazardCategoryLabel(category).In(language));
}

void WriteSubject(JsonWriter& json, const v1::Subject& s) {
  json.BeginObject()
      .Field("id", IdText(s.id()))
      .Field("external_id", s.external_id())
      .Field("kind", KindName(s.kind()))
      .Field("grid", s.grid_id())
      .Field("name", s.name())
      .Field("address", s.address())
      .Field("phone", s.phone())
      .Field("members", static_cast<int64_t>(s.members()));
  json.Key("tags").BeginArray();
  for (const auto& t : s.tags()) json.String(t);
  json.EndArray();
  json.Field("note", s.note()).Field("premises_type", s.premises_type()).EndObject();
}

void WriteHazard(JsonWriter& json, const v1::Hazard& h) {
  json.BeginObject()
      .Field("id", IdText(h.id()))
      .Field("subject_id", IdText(h.subject_id()))
      .Field("visit_id", IdText(h.visit_id()))
      .Field("template", h.template_id())
      .Field("rule", h.rule_id())
      .Field("instance", static_cast<int64_t>(h.repeat_instance()))
      .Field("category", h.category())
      .Field("severity", SeverityName(h.severity()))
      .Field("urgency", std::string(core::domain::UrgencyLabel(h.urgency()).code))
      .Field("deadline", h.deadline())
      .Field("description", h.description())
      .Field("legal_basis", h.legal_basis());
}

std::string RefusalText(const std::string& code, core::domain::Language language) {
  static const std::map<std::string, Msg> kKinds = {
      {"invalid_argument", Msg::kRefusalInvalid},  {"permission_denied", Msg::kRefusalScope},
      {"failed_precondition", Msg::kRefusalState}, {"not_found", Msg::kRefusalNotFound},
      {"already_exists", Msg::kRefusalDuplicate},  {"unauthenticated", Msg::kRefusalSignature},
      {"corruption", Msg::kRefusalSignature}};
  auto it = kKinds.find(code);
  return it == kKinds.end() ? Say(language, Msg::kRefusalOther, {code}) : Say(language, it->second);
}

}  // namespace qiaomen::cli
