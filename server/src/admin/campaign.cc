#include "admin/campaign.h"

#include <map>
#include <set>

#include "admin/templates.h"
#include "qiaomen/base/civil_date.h"
#include "qiaomen/base/time_zone.h"
#include "qiaomen/core/domain/labels.h"
#include "qiaomen/core/random.h"
#include "qiaomen/core/uuid.h"
#include "store/change_store.h"
#include "store/record_state.h"

namespace qiaomen::server {
namespace {

// The subject import's text for a kind ("household", "premises", "facility"); "" for unspecified.
std::string SubjectKindText(v1::SubjectKind kind) {
  if (kind == v1::SUBJECT_KIND_UNSPECIFIED) return "";
  return std::string(core::domain::SubjectKindLabel(kind).code);
}

// The English sentence for a due date's problem (a front end says it from its catalogue).
core::Status DueDateError(DueDateProblem problem, const std::string& text,
                          const std::string& today) {
  switch (problem) {
    case DueDateProblem::kNone:
      return core::Status::Ok();
    case DueDateProblem::kBadDays:
      return core::InvalidArgument("--due " + text + " must be +DAYS (at most 9999), e.g. +14.");
    case DueDateProblem::kNotADay:
      return base::ParseIsoDateOrError(text, "--due").status();
    case DueDateProblem::kPast:
      return core::InvalidArgument("--due " + text + " is before today in the county (" + today +
                                   "): give a later day, or +DAYS from today, e.g. +14.");
  }
  return core::Status::Ok();
}

// The due date `text` names: YYYY-MM-DD as it is, "+N" as N days after the county's today.
core::Result<std::string> DueDate(const std::string& text, int64_t now_ms,
                                  const base::TimeZone& zone) {
  const std::string today = base::CountyDate(now_ms, zone);
  QM_RETURN_IF_ERROR(DueDateError(CheckDueDate(text, today), text, today));
  if (text[0] == '+') return base::AddDays(today, std::stoll(text.substr(1)));
  return text;
}

}  // namespace

DueDateProblem CheckDueDate(const std::string& text, const std::string& county_today) {
  if (!text.empty() && text[0] == '+') {
    const bool digits = text.size() > 1 && text.size() <= 5 &&
                        text.find_first_not_of("0123456789", 1) == std::string::npos;
    return digits ? DueDateProblem::kNone : DueDateProblem::kBadDays;
  }
  if (!base::ParseIsoDate(text)) return DueDateProblem::kNotADay;
  if (!county_today.empty() && text < county_today) return DueDateProblem::kPast;
  return DueDateProblem::kNone;
}

core::Status CheckDueDateSyntax(const std::string& text) {
  return DueDateError(CheckDueDate(text, ""), text, "");
}

core::Result<int> CreateCampaign(Storage& storage, core::Clock& clock, const CampaignSpec& spec) {
  if (spec.id.empty() || spec.title.empty())
    return core::InvalidArgument("--id and --title are required.");
  QM_ASSIGN_OR_RETURN(const std::string d,
                      DueDate(spec.due_date, clock.NowMillis(), storage.time_zone()));
  if (spec.template_ids.empty()) return core::InvalidArgument("--template needs at least one id.");
  for (size_t i = 0; i < spec.template_ids.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (spec.template_ids[i] == spec.template_ids[j]) {
        return core::InvalidArgument("--template names " + spec.template_ids[i] +
                                     " twice: name each checklist once.");
      }
    }
  }
  std::set<std::string> premises_types;
  for (const auto& type : spec.premises_types) {
    auto known = core::domain::PremisesTypeFromText(type);
    if (!known) {
      return core::InvalidArgument("--premises-type '" + type + "' must be one of " +
                                   std::string(core::domain::PremisesTypeCodes()) + ".");
    }
    premises_types.insert(std::string(known->code));
  }
  const std::set<std::string> tags(spec.tags.begin(), spec.tags.end());
  auto targeted = [&](const core::merge::RecordState& state) {
    if (!premises_types.empty() && !premises_types.count(RegisterText(state, "premises_type"))) {
      return false;
    }
    if (tags.empty()) return true;
    auto it = state.fields.find("tags");
    if (it == state.fields.end()) return false;
    for (const auto& tag : it->second.value.texts().values()) {
      if (tags.count(tag)) return true;
    }
    return false;
  };
  auto conn = storage.pool().Acquire();
  int tasks = 0;
  core::Status s = InTransaction(*conn, [&]() -> core::Status {
    tasks = 0;
    // The subject kind each checklist is for ("" for any), from its latest published version.
    std::map<std::string, std::string> kind_of;
    for (const auto& t : spec.template_ids) {
      auto tpl = LoadLatestTemplate(*conn, t);
      if (!tpl.ok()) {
        if (tpl.status().code() == core::Code::kNotFound) {
          return core::InvalidArgument(tpl.status().message());
        }
        return tpl.status();
      }
      kind_of[t] = SubjectKindText(tpl->proto().subject_kind());
    }
    for (const std::string& unit : spec.scope.units()) {
      QM_ASSIGN_OR_RETURN(auto rows,
                          conn->Query("SELECT 1 FROM admin_units WHERE id = $1", {Text(unit)}));
      if (rows.empty())
        return core::InvalidArgument("The scope names '" + unit + "', which does not exist.");
    }
    std::string templates;
    for (size_t i = 0; i < spec.template_ids.size(); ++i) {
      templates += (i ? "," : "") + spec.template_ids[i];
    }
    int64_t now = clock.NowMillis();
    auto inserted = conn->Exec(
        "INSERT INTO campaigns (id, title, template_ids, scope, due_date, created_ms) VALUES "
        "($1,$2,$3,$4,$5,$6)",
        {Text(spec.id), Text(spec.title), Text(templates), Text(spec.scope.ToString()), Text(d),
         Int(now)});
    if (!inserted.ok()) {
      if (inserted.code() == core::Code::kAlreadyExists) {
        return core::AlreadyExists("A campaign with id '" + spec.id + "' exists already.");
      }
      return inserted;
    }
    const std::string& server_id = storage.identity().server_id;
    v1::Change campaign;
    campaign.set_entity(v1::ENTITY_CAMPAIGN);
    campaign.set_record_id(spec.id);
    auto* c = campaign.mutable_campaign();
    c->set_id(spec.id);
    c->set_title(spec.title);
    for (const auto& t : spec.template_ids) c->add_template_ids(t);
    c->set_scope(spec.scope.ToString());
    c->set_due_date(d);
    QM_RETURN_IF_ERROR(RecordServerChange(*conn, campaign, Placement{}, server_id, now));

    std::vector<SqlValue> params{Int(v1::ENTITY_SUBJECT)};
    std::string cond = spec.scope.SqlCondition(params);
    QM_ASSIGN_OR_RETURN(auto subjects,
                        conn->Query("SELECT record_id, town_id, grid_id, state FROM records "
                                    "WHERE entity = $1 AND deleted = 0 AND town_id <> '' AND " +
                                        cond + " ORDER BY record_id",
                                    params));
    for (const auto& subject : subjects) {
      auto subject_uuid = core::Uuid::FromBytes(subject.Bytes(0));
      if (!subject_uuid.ok()) continue;
      QM_ASSIGN_OR_RETURN(auto state, core::merge::DecodeRecordState(subject.Bytes(3)));
      if (!targeted(state)) continue;
      std::string subject_kind = RegisterText(state, "kind");
      for (const auto& t : spec.template_ids) {
        // A household checklist makes no task for a shelter.
        if (!kind_of[t].empty() && kind_of[t] != subject_kind) continue;
        v1::Change task;
        task.set_entity(v1::ENTITY_TASK);
        task.set_record_id(core::Uuid::NewV7(clock, core::SecureRandom()).ToBytes());
        auto* fields = task.mutable_fields();
        fields->set_create(true);
        auto add = [&](const char* name, const std::string& value) {
          auto* f = fields->add_fields();
          f->set_field(name);
          f->mutable_value()->set_text(value);
        };
        add("campaign_id", spec.id);
        add("subject_id", subject_uuid->ToString());
        add("template_id", t);
        add("due_date", d);
        Placement p{subject.Text(1), subject.Text(2), subject.Bytes(0)};
        QM_RETURN_IF_ERROR(RecordServerChange(*conn, task, p, server_id, now));
        ++tasks;
      }
    }
    return core::Status::Ok();
  });
  if (!s.ok()) return s;
  return tasks;
}

}  // namespace qiaomen::server
