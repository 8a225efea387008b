// visit record: a whole visit from a JSON file, checked by the forms engine, signed, stored.
#include <algorithm>
#include <filesystem>
#include <optional>

#include "../device_open.h"
#include "../records_view.h"
#include "../visit_answers.h"
#include "qiaomen/cli/command.h"
#include "qiaomen/cli/visit_file.h"
#include "qiaomen/core/forms/evaluation.h"

namespace qiaomen::cli {
namespace {

// The open task of this subject for this checklist, if the device has one.
core::Result<std::string> FindTask(core::store::Store& store, const v1::Subject& subject,
                                   const std::string& template_id) {
  core::store::TaskQuery query;
  query.grid_id = subject.grid_id();
  query.search = subject.name();
  query.limit = 200;
  for (;;) {
    QM_ASSIGN_OR_RETURN(auto page, store.ListTasks(query));
    for (const auto& item : page.items) {
      if (item.task.subject_id() == subject.id() &&
          (template_id.empty() || item.task.template_id() == template_id)) {
        return item.task.id();
      }
    }
    if (page.next_page.empty()) return std::string();
    query.page = page.next_page;
  }
}

struct Recorded {
  core::store::RecordedVisit visit;
  std::string external_id;
  int photos = 0;
  bool already = false;  // the file was recorded before: `visit.visit` is that visit
};

// The visit this file already recorded, if any: one this device made, to the same subject, with
// the same checklist, outcome and start and finish to the millisecond. Only this device's: the
// store also holds visits pulled from the county, and a colleague's visit to the same household
// at the same minutes (visit files are written to the minute) is not this file.
core::Result<std::optional<v1::Visit>> AlreadyRecorded(core::store::Store& store,
                                                       const v1::Subject& subject,
                                                       const VisitFile& file,
                                                       const std::string& device_id) {
  QM_ASSIGN_OR_RETURN(auto subject_id, core::Uuid::FromBytes(subject.id()));
  QM_ASSIGN_OR_RETURN(auto visits, store.ListVisits(subject_id));
  for (auto& visit : visits) {
    if (visit.device_id() == device_id && visit.started_at_ms() == file.started_at_ms &&
        visit.finished_at_ms() == file.finished_at_ms && visit.outcome() == file.outcome &&
        visit.template_id() == file.template_id) {
      return std::optional<v1::Visit>(std::move(visit));
    }
  }
  return std::optional<v1::Visit>();
}

// `key`: an item id, or "ebike_photo[2]" for an item of a repeat group.
bool IsPhotoItem(const core::forms::CompiledTemplate& tpl, const std::string& key) {
  std::string item_id;
  uint32_t instance = 0;
  if (!core::forms::ParseItemKey(key, &item_id, &instance)) return false;
  const v1::Item* item = tpl.FindItem(item_id);
  return item != nullptr && (item->kind() == v1::PHOTO || item->kind() == v1::SIGNATURE);
}

// One visit file through the device's visit flow: a draft with its answers and photos, then
// finished in one transaction. A file that cannot be finished leaves nothing behind.
core::Result<Recorded> RecordOne(const std::string& path, sync::FieldDevice& device) {
  QM_ASSIGN_OR_RETURN(VisitFile file, ReadVisitFile(path));
  core::profile::Profile& profile = device.profile();
  auto& store = profile.store();
  QM_ASSIGN_OR_RETURN(v1::Subject subject, ResolveSubject(store, file.subject));
  QM_ASSIGN_OR_RETURN(auto before, AlreadyRecorded(store, subject, file, profile.info().device_id));
  if (before) {
    Recorded again{{}, subject.external_id(), before->photos_size(), true};
    again.visit.visit = std::move(*before);
    return again;
  }

  core::profile::VisitStart start;
  start.subject_id = subject.id();
  start.template_id = file.template_id;
  start.template_version = file.template_version;
  start.started_at_ms = file.started_at_ms;
  if (!file.task.empty()) {
    QM_ASSIGN_OR_RETURN(auto task_id, core::Uuid::Parse(file.task));
    start.task_id = task_id.ToBytes();
  } else {
    QM_ASSIGN_OR_RETURN(start.task_id, FindTask(store, subject, file.template_id));
  }
  auto started = profile.visits().Start(start);
  if (!started.ok())
    return core::Status(started.status().code(), path + ": " + started.status().message());
  core::store::VisitDraft draft = std::move(started).value();
  QM_ASSIGN_OR_RETURN(core::Uuid draft_id, core::Uuid::FromBytes(draft.visit.id()));
  auto discard = [&](core::Status status) {
    profile.visits().Discard(draft_id).IgnoreError();
    return status;
  };

  std::vector<core::profile::ItemError> errors;
  v1::Visit& visit = draft.visit;
  visit.set_outcome(file.outcome);
  visit.set_finished_at_ms(file.finished_at_ms);
  if (file.has_location) *visit.mutable_location() = file.location;
  for (const auto& e : file.education) visit.add_education(e);
  visit.set_note(file.note);
  std::optional<core::forms::CompiledTemplate> tpl;
  if (!visit.template_id().empty()) {
    QM_ASSIGN_OR_RETURN(tpl,
                        profile.checklists().Get(visit.template_id(), visit.template_version()));
    for (auto& answer : TypedAnswers(file, *tpl, errors)) *visit.add_answers() = std::move(answer);
  }
  if (auto saved = profile.visits().Save(visit); !saved.ok()) return discard(saved);

  int photos = 0;
  for (const auto& [item, paths] : file.photos) {
    if (tpl && !IsPhotoItem(*tpl, item)) continue;  // TypedAnswers named it
    for (const auto& p : paths) {
      if (!std::filesystem::is_regular_file(p)) {
        errors.push_back({item, "the photo file " + p + " does not exist"});
        continue;
      }
      core::profile::PhotoCapture capture;
      capture.item_id = item;
      capture.taken_at_ms = file.finished_at_ms;
      capture.has_location = file.has_location;
      capture.location = file.location;
      auto added = profile.visits().AddPhotoFile(draft_id, p, capture);
      if (!added.ok() && added.status().code() == core::Code::kInvalidArgument) {
        errors.push_back({item, added.status().message()});  // not a JPEG: named with the rest
        continue;
      }
      if (!added.ok()) return discard(added.status());
      ++photos;
    }
  }

  // One pass names every problem: the file's own (wrong kinds of answers, missing files) and what
  // the forms engine still misses; an item already named is not named twice.
  std::vector<core::profile::ItemError> problems;
  core::Result<core::store::RecordedVisit> recorded =
      core::InvalidArgument("the visit file has problems");
  if (errors.empty()) {
    core::profile::FinishOptions finish;
    finish.finished_at_ms = file.finished_at_ms;
    recorded = profile.visits().Finish(draft_id, finish, &problems);
  } else if (file.outcome == v1::CHECKED && tpl) {
    QM_ASSIGN_OR_RETURN(auto saved, profile.visits().Draft(draft_id));
    if (auto evaluation = profile.visits().Evaluate(saved); evaluation.ok()) {
      problems = core::profile::CompletenessErrors(*evaluation);
    }
  }
  if (!recorded.ok()) {
    for (auto& problem : problems) {
      const bool named = std::any_of(errors.begin(), errors.end(),
                                     [&](const auto& e) { return e.item_id == problem.item_id; });
      if (!named) errors.push_back(std::move(problem));
    }
    if (errors.empty()) {
      return discard(
          core::Status(recorded.status().code(), path + ": " + recorded.status().message()));
    }
    return discard(core::InvalidArgument(path + ": the visit to " + subject.external_id() +
                                         " has " + std::to_string(errors.size()) +
                                         (errors.size() == 1 ? " problem" : " problems") +
                                         "; nothing was saved. Fix the file and record it again:" +
                                         core::profile::FormatItemErrors(errors)));
  }
  return Recorded{std::move(recorded).value(), subject.external_id(), photos};
}

core::Status Record(const core::Args& args, CliContext& ctx) {
  if (args.positionals().empty()) return core::InvalidArgument("Give the visit file: FILE.json.");
  auto key_store = KeyStoreFor(ctx);
  QM_ASSIGN_OR_RETURN(auto device, OpenDevice(ctx, key_store));
  JsonWriter json;
  json.BeginArray();
  int failed = 0;
  core::Status first_error;
  for (const auto& path : args.positionals()) {
    auto recorded = RecordOne(path, *device);
    if (!recorded.ok()) {
      ++failed;
      if (first_error.ok()) first_error = recorded.status();
      if (args.positionals().size() > 1) ctx.err << recorded.status().message() << "\n";
      json.BeginObject().Field("file", path).Key("error").BeginObject();
      WriteError(json, recorded.status(), ExitCodeFor(recorded.status()));
      json.EndObject().EndObject();
      continue;
    }
    const auto& v = recorded->visit.visit;
    if (recorded->already) {
      if (ctx.json) {
        json.BeginObject()
            .Field("file", path)
            .Field("visit_id", IdText(v.id()))
            .Field("subject", recorded->external_id)
            .Field("already_recorded", true)
            .EndObject();
      } else {
        ctx.out << ctx.T(Msg::kVisitAlreadyRecorded, {path, IdText(v.id()), recorded->external_id});
      }
      continue;
    }
    if (ctx.json) {
      json.BeginObject()
          .Field("file", path)
          .Field("visit_id", IdText(v.id()))
          .Field("subject", recorded->external_id)
          .Field("outcome", OutcomeName(v.outcome()))
          .Field("template", v.template_id() + "@" + std::to_string(v.template_version()))
          .Field("photos", recorded->photos)
          .Field("signed", !v.device_signature().empty())
          .Field("already_recorded", false);
      json.Key("hazards").BeginArray();
      for (const auto& h : recorded->visit.hazards) {
        WriteHazard(json, h);
        json.EndObject();
      }
      json.EndArray();
      json.Key("emergencies").BeginArray();
      for (const auto& e : recorded->visit.emergencies) {
        json.BeginObject().Field("id", e.rule_id).Field("title", e.title.zh());
        json.Key("actions").BeginArray();
        for (const auto& action : e.actions) json.String(action.zh());
        json.EndArray().EndObject();
      }
      json.EndArray().EndObject();
    } else {
      // An emergency first: what to do now matters more than what was recorded.
      for (const auto& e : recorded->visit.emergencies) {
        ctx.out << ctx.T(Msg::kVisitEmergency, {In(e.title, ctx.language)});
        for (size_t i = 0; i < e.actions.size(); ++i) {
          ctx.out << ctx.T(Msg::kVisitEmergencyAction,
                           {std::to_string(i + 1), In(e.actions[i], ctx.language)});
        }
      }
      ctx.out << ctx.T(Msg::kVisitRecorded,
                       {IdText(v.id()), recorded->external_id,
                        OutcomeText(v.outcome(), ctx.language), std::to_string(recorded->photos)});
      if (recorded->visit.hazards.empty()) {
        ctx.out << ctx.T(Msg::kVisitNoHazards);
      } else {
        ctx.out << ctx.T(Msg::kVisitHazards, {std::to_string(recorded->visit.hazards.size())});
        for (const auto& h : recorded->visit.hazards) {
          ctx.out << ctx.T(
              Msg::kVisitHazardLine,
              {IdText(h.id()), GradeText(h, ctx.language), CategoryText(h.category(), ctx.language),
               h.description(), h.deadline().empty() ? "-" : h.deadline()});
        }
      }
    }
  }
  json.EndArray();
  if (ctx.json) {
    ctx.out << json.str();
    ctx.printed_json = true;  // each file's error is in it
  }
  if (failed > 0 && args.positionals().size() > 1) {
    return core::Status(first_error.code(), std::to_string(failed) + " of " +
                                                std::to_string(args.positionals().size()) +
                                                " visit files were not recorded (see above).");
  }
  return first_error;
}

}  // namespace

void AddVisitCommands(std::vector<Command>& commands) {
  commands.push_back(Command{
      "visit record",
      Msg::kSummaryVisitRecord,
      "Usage: qiaomen visit record FILE.json [FILE.json...] [--json]\n\n"
      "FILE.json holds one visit: subject (id or external id), template, outcome (checked,\n"
      "nobody_home, refused, vacant, moved), started_at and finished_at, location, answers by "
      "item\n"
      "id, photos by item id as file paths, education given, note. Example:\n"
      "  {\"subject\": \"H-T01-V01-0001\", \"template\": \"household_winter\",\n"
      "   \"outcome\": \"checked\", \"started_at\": \"2026-11-28T09:05:00+08:00\",\n"
      "   \"finished_at\": \"2026-11-28T09:20:00+08:00\",\n"
      "   \"location\": {\"latitude\": 40.1, \"longitude\": 116.3, \"accuracy_m\": 8},\n"
      "   \"answers\": {\"heating_type\": \"coal_stove\", \"ebike_count\": 1,\n"
      "               \"ebike_parking[1]\": \"shed\"},\n"
      "   \"photos\": {\"stove_photo\": [\"stove.jpg\"]}, \"education\": [\"leaflet\"]}\n\n"
      "An item asked once per instance of a repeat group (each gas cylinder, each e-bike) is\n"
      "answered as ITEM[N], N from 1 (ebike_parking[2] is the second e-bike's), in answers and\n"
      "photos alike.\n"
      "A checked visit must answer every required item; every problem is listed by item and\n"
      "nothing is saved. The visit is signed with this device's key, its photos are encrypted "
      "into\n"
      "the profile, and the hazards the checklist derives are printed. Files given together are\n"
      "recorded one by one; a bad one does not stop the others. A file recorded before (the same\n"
      "subject, checklist, outcome and times) is named and not recorded again. A visit dated more\n"
      "than 10 minutes after this device's clock, or with a checklist made for another kind of\n"
      "subject, is refused.\n",
      {{}, {}},
      Record});
}

}  // namespace qiaomen::cli
