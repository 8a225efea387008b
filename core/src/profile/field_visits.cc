#include "qiaomen/core/profile/field_visits.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "qiaomen/base/civil_date.h"
#include "qiaomen/core/domain/door_knocking.h"
#include "qiaomen/core/domain/labels.h"
#include "qiaomen/core/evidence/photo_check.h"
#include "qiaomen/core/forms/hazard_deadline.h"
#include "qiaomen/core/uuid.h"

namespace qiaomen::core::profile {
namespace {

// Chinese first: the county's staff read the records; English when a checklist has no Chinese.
std::string Text(const v1::LocalizedText& t) { return t.zh().empty() ? t.en() : t.zh(); }

bool IsPhotoKind(v1::ItemKind kind) { return kind == v1::PHOTO || kind == v1::SIGNATURE; }

// "住户 household".
std::string KindText(v1::SubjectKind kind) {
  const domain::Label label = domain::SubjectKindLabel(kind);
  return std::string(label.zh) + " " + std::string(label.code);
}

// A visit time more than kFutureToleranceMs after the device's clock: a typo in the date or a
// phone clock set wrong, either way not a visit that happened.
Status CheckNotInFuture(const char* what, int64_t at_ms, int64_t now_ms) {
  if (at_ms <= now_ms + kFutureToleranceMs) return Status::Ok();
  const int64_t minutes = (at_ms - now_ms) / 60'000;
  return InvalidArgument(std::string("The visit's ") + what + " time is " +
                         std::to_string(minutes) +
                         " minutes after this device's clock (more than 10 are refused). Check "
                         "the date and time of the visit, and the phone's clock.");
}

}  // namespace

std::string FormatItemErrors(const std::vector<ItemError>& errors) {
  std::string text;
  for (const auto& e : errors) text += "\n  item '" + e.item_id + "': " + e.message + ".";
  return text;
}

std::vector<ItemError> CompletenessErrors(const forms::Evaluation& evaluation) {
  std::vector<ItemError> errors;
  for (const auto& item : evaluation.missing_required) {
    errors.push_back({item, "is required and has no answer"});
  }
  for (const auto& problem : evaluation.constraint_failures) {
    std::string text = problem.message.en().empty() ? problem.message.zh() : problem.message.en();
    errors.push_back({problem.item_id, text.empty() ? "does not meet its constraint" : text});
  }
  for (const auto& hazard : evaluation.hazards) {
    if (hazard.photo_missing) {
      errors.push_back({hazard.photo_item,
                        "needs a photo proving the hazard '" +
                            (hazard.title.en().empty() ? hazard.category : hazard.title.en()) +
                            "'"});
    }
  }
  return errors;
}

Result<forms::CompiledTemplate> FieldVisits::Checklist(const std::string& id,
                                                       uint32_t version) const {
  auto tpl = version != 0 ? deps_.checklists.Get(id, version) : deps_.checklists.Latest(id);
  if (!tpl.ok()) {
    return NotFound("This device has no checklist '" + id +
                    (version != 0 ? "@" + std::to_string(version) : std::string()) +
                    "'. Sync to fetch the county's checklists, or pick another one.");
  }
  return tpl;
}

Status FieldVisits::CheckSubjectKind(const forms::CompiledTemplate& tpl,
                                     const std::string& subject_id) {
  const v1::SubjectKind wanted = tpl.proto().subject_kind();
  if (wanted == v1::SUBJECT_KIND_UNSPECIFIED || subject_id.empty()) return Status::Ok();
  QM_ASSIGN_OR_RETURN(Uuid id, Uuid::FromBytes(subject_id));
  QM_ASSIGN_OR_RETURN(v1::Subject subject, deps_.store.GetSubject(id));
  if (domain::ChecklistFitsSubject(wanted, subject.kind())) return Status::Ok();
  return InvalidArgument(
      "Checklist " + tpl.key() + " is for subjects of kind " + KindText(wanted) + ", and " +
      (subject.external_id().empty() ? subject.name() : subject.external_id()) + " is " +
      KindText(subject.kind()) + ". Pick a checklist made for that kind.");
}

Result<store::VisitDraft> FieldVisits::Start(const VisitStart& start) {
  v1::Visit visit;
  visit.set_id(Uuid::NewV7(deps_.clock, deps_.random).ToBytes());
  std::string template_id = start.template_id;
  if (!start.task_id.empty()) {
    QM_ASSIGN_OR_RETURN(Uuid task_id, Uuid::FromBytes(start.task_id));
    QM_ASSIGN_OR_RETURN(v1::Task task, deps_.store.GetTask(task_id));
    if (!start.subject_id.empty() && start.subject_id != task.subject_id()) {
      return InvalidArgument(
          "The task is for another household or premises; start the visit from "
          "the subject's own task.");
    }
    visit.set_task_id(task.id());
    visit.set_subject_id(task.subject_id());
    if (template_id.empty()) template_id = task.template_id();
  } else if (!start.subject_id.empty()) {
    visit.set_subject_id(start.subject_id);
  } else {
    return InvalidArgument("Start a visit from a task or a subject.");
  }
  if (!template_id.empty()) {
    QM_ASSIGN_OR_RETURN(auto tpl, Checklist(template_id, start.template_version));
    QM_RETURN_IF_ERROR(CheckSubjectKind(tpl, visit.subject_id()));
    visit.set_template_id(tpl.id());
    visit.set_template_version(tpl.version());
  }
  const int64_t now = deps_.clock.NowMillis();
  QM_RETURN_IF_ERROR(CheckNotInFuture("start", start.started_at_ms, now));
  visit.set_started_at_ms(start.started_at_ms != 0 ? start.started_at_ms : now);
  QM_ASSIGN_OR_RETURN(std::string id, deps_.store.SaveDraft(visit));
  QM_ASSIGN_OR_RETURN(Uuid draft_id, Uuid::FromBytes(id));
  return deps_.store.GetDraft(draft_id);
}

Status FieldVisits::Save(const v1::Visit& draft) {
  QM_ASSIGN_OR_RETURN(Uuid id, Uuid::FromBytes(draft.id()));
  // Only an existing draft is saved over: a finished or discarded one is not brought back.
  QM_RETURN_IF_ERROR(deps_.store.GetDraft(id).status());
  return deps_.store.SaveDraft(draft).status();
}

v1::Photo FieldVisits::PhotoMeta(const store::VisitDraft& draft,
                                 const PhotoCapture& capture) const {
  v1::Photo meta;
  meta.set_id(Uuid::NewV7(deps_.clock, deps_.random).ToBytes());
  meta.set_visit_id(draft.visit.id());
  meta.set_subject_id(draft.visit.subject_id());
  meta.set_item_id(capture.item_id);
  meta.set_taken_at_ms(capture.taken_at_ms != 0 ? capture.taken_at_ms : deps_.clock.NowMillis());
  if (capture.has_location) *meta.mutable_location() = capture.location;
  meta.set_mime_type(capture.mime_type);
  return meta;
}

Result<v1::Photo> FieldVisits::Attach(const Uuid& draft_id, Result<v1::Photo> sealed) {
  if (!sealed.ok()) return sealed.status();
  QM_ASSIGN_OR_RETURN(Uuid photo_id, Uuid::FromBytes(sealed->id()));
  if (Status added = deps_.store.AddDraftPhoto(draft_id, *sealed); !added.ok()) {
    deps_.vault.Discard(photo_id).IgnoreError();
    return added;
  }
  return sealed;
}

Result<v1::Photo> FieldVisits::AddPhoto(const Uuid& draft_id, std::span<const uint8_t> jpeg,
                                        const PhotoCapture& capture) {
  QM_ASSIGN_OR_RETURN(store::VisitDraft draft, deps_.store.GetDraft(draft_id));
  QM_RETURN_IF_ERROR(evidence::CheckJpeg(jpeg, "The photo"));
  return Attach(draft_id, deps_.vault.SealBytes(jpeg, PhotoMeta(draft, capture)));
}

Result<v1::Photo> FieldVisits::AddPhotoFile(const Uuid& draft_id, const std::string& path,
                                            const PhotoCapture& capture) {
  QM_ASSIGN_OR_RETURN(store::VisitDraft draft, deps_.store.GetDraft(draft_id));
  QM_RETURN_IF_ERROR(evidence::CheckJpegFile(path));
  return Attach(draft_id, deps_.vault.SealFile(path, PhotoMeta(draft, capture)));
}

Status FieldVisits::RemovePhoto(const Uuid& photo_id) {
  QM_RETURN_IF_ERROR(deps_.store.RemoveDraftPhoto(photo_id));
  return deps_.vault.Discard(photo_id);
}

Status FieldVisits::Discard(const Uuid& draft_id) {
  QM_ASSIGN_OR_RETURN(std::vector<std::string> photo_ids, deps_.store.DeleteDraft(draft_id));
  for (const std::string& id : photo_ids) {
    QM_ASSIGN_OR_RETURN(Uuid photo_id, Uuid::FromBytes(id));
    QM_RETURN_IF_ERROR(deps_.vault.Discard(photo_id));
  }
  return Status::Ok();
}

std::vector<v1::Answer> FieldVisits::AnswersWithPhotos(const store::VisitDraft& draft) {
  // A photo's item_id is an item key: "stove_photo", or "cylinder_photo[2]" in a repeat.
  std::map<std::string, std::vector<std::string>> by_item;
  for (const v1::Photo& photo : draft.photos) {
    if (!photo.item_id().empty()) by_item[photo.item_id()].push_back(photo.id());
  }
  std::vector<v1::Answer> answers;
  for (const v1::Answer& answer : draft.visit.answers()) {
    if (by_item.count(forms::ItemKey(answer.item_id(), answer.instance())) == 0) {
      answers.push_back(answer);
    }
  }
  for (const auto& [key, ids] : by_item) {
    v1::Answer answer;
    std::string item;
    uint32_t instance = 0;
    if (!forms::ParseItemKey(key, &item, &instance)) item = key;  // Finish names it
    answer.set_item_id(item);
    answer.set_instance(instance);
    for (const std::string& id : ids) answer.mutable_value()->mutable_photos()->add_photo_ids(id);
    answers.push_back(std::move(answer));
  }
  return answers;
}

Result<forms::Evaluation> FieldVisits::Evaluate(const store::VisitDraft& draft) {
  QM_ASSIGN_OR_RETURN(auto tpl,
                      Checklist(draft.visit.template_id(), draft.visit.template_version()));
  const int64_t when =
      draft.visit.finished_at_ms() != 0 ? draft.visit.finished_at_ms() : deps_.clock.NowMillis();
  return forms::Evaluate(tpl, AnswersWithPhotos(draft), {deps_.county_date(when)});
}

Result<store::RecordedVisit> FieldVisits::Finish(const Uuid& draft_id, const FinishOptions& options,
                                                 std::vector<ItemError>* problems) {
  QM_ASSIGN_OR_RETURN(store::VisitDraft draft, deps_.store.GetDraft(draft_id));
  store::VisitInput input;
  v1::Visit& visit = input.visit;
  visit = draft.visit;
  const int64_t now = deps_.clock.NowMillis();
  visit.set_finished_at_ms(options.finished_at_ms != 0 ? options.finished_at_ms : now);
  QM_RETURN_IF_ERROR(CheckNotInFuture("start", visit.started_at_ms(), now));
  QM_RETURN_IF_ERROR(CheckNotInFuture("finish", visit.finished_at_ms(), now));
  if (options.has_location) *visit.mutable_location() = options.location;
  if (visit.worker_id().empty()) visit.set_worker_id(deps_.worker_id);
  visit.set_device_id(deps_.device_id);

  std::vector<ItemError> errors;
  std::vector<forms::Emergency> emergencies;
  if (!visit.template_id().empty()) {
    QM_ASSIGN_OR_RETURN(auto tpl, Checklist(visit.template_id(), visit.template_version()));
    QM_RETURN_IF_ERROR(CheckSubjectKind(tpl, visit.subject_id()));
    visit.set_template_version(tpl.version());
    for (const v1::Photo& photo : draft.photos) {
      if (photo.item_id().empty()) continue;
      std::string item_id;
      uint32_t instance = 0;
      const v1::Item* item = forms::ParseItemKey(photo.item_id(), &item_id, &instance)
                                 ? tpl.FindItem(item_id)
                                 : nullptr;
      if (item == nullptr) {
        errors.push_back({photo.item_id(), "is not an item of checklist " + tpl.key()});
      } else if (!IsPhotoKind(item->kind())) {
        errors.push_back({photo.item_id(), "does not take photos"});
      }
    }
    visit.clear_answers();
    for (auto& answer : AnswersWithPhotos(draft)) *visit.add_answers() = std::move(answer);
    const std::string day = deps_.county_date(visit.finished_at_ms());
    std::vector<v1::Answer> answers(visit.answers().begin(), visit.answers().end());
    auto evaluation = forms::Evaluate(tpl, answers, {day});
    if (!evaluation.ok()) return evaluation.status();
    if (visit.outcome() == v1::CHECKED) {
      for (auto& problem : CompletenessErrors(*evaluation)) {
        const bool named = std::any_of(errors.begin(), errors.end(), [&](const ItemError& e) {
          return e.item_id == problem.item_id;
        });
        if (!named) errors.push_back(std::move(problem));
      }
    }
    emergencies = evaluation->emergencies;
    for (const forms::DerivedHazard& d : evaluation->hazards) {
      v1::Hazard h;
      h.set_template_id(tpl.id());
      h.set_rule_id(d.rule_id);
      h.set_repeat_instance(d.instance);
      h.set_category(d.category);
      h.set_severity(d.severity);
      h.set_urgency(d.urgency);
      h.set_suspected_major(d.suspected_major);
      if (forms::HasDeadline(d.urgency, d.deadline_days)) {
        QM_ASSIGN_OR_RETURN(std::string deadline, base::AddDays(day, d.deadline_days));
        h.set_deadline(deadline);
      }
      h.set_legal_basis(Text(d.legal_basis));
      h.set_description(Text(d.title));
      input.derived_hazards.push_back(std::move(h));
    }
  }
  if (!errors.empty()) {
    if (problems != nullptr) *problems = errors;
    return InvalidArgument("The visit has " + std::to_string(errors.size()) +
                           (errors.size() == 1 ? " problem" : " problems") +
                           "; nothing was saved:" + FormatItemErrors(errors));
  }
  for (const v1::Photo& photo : draft.photos) {
    v1::PhotoRef* ref = visit.add_photos();
    ref->set_photo_id(photo.id());
    ref->set_sha256(photo.sha256());
    input.photos.push_back(photo);
  }
  QM_RETURN_IF_ERROR(deps_.device_key.SignVisit(visit));
  input.order_rectification = options.order_rectification;
  input.fixed_on_site = options.fixed_on_site;
  QM_ASSIGN_OR_RETURN(store::RecordedVisit recorded, deps_.store.RecordVisit(std::move(input)));
  recorded.emergencies = std::move(emergencies);
  return recorded;
}

}  // namespace qiaomen::core::profile
