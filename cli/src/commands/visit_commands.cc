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
// finished in one transaction. A file that cannot be finished leaves nothing behind. A refused
// file's problems are also put in `shown` in `language` (the status says them in English).
core::Result<Recorded> RecordOne(const std::string& path, sync::FieldDevice& device,
                                 core::domain::Language language, std::string& shown) {
  std::vector<FileProblem> file_problems;
  auto read = ReadVisitFile(path, &file_problems);
  if (!read.ok()) {
    if (!file_problems.empty()) {
      shown = path + ": " + VisitFileProblemsText(file_problems, language);
    }
    return read.status();
  }
  VisitFile file = std::move(read).value();
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

  std::vector<FileProblem> errors;
  v1::Visit& visit = draft.visit;
  visit.set_outcome(file.outcome);
  visit.set_finished_at_ms(file.finished_at_ms);
  if (file.has_location) *visit.mutable_location() = file.location;
  for (const auto& e : file.education) visit.add_education(e);
  visit.set_note(file.note);
  if (file.has_refusal) *visit.mutable_refusal() = file.refusal;
  if (file.has_notice) visit.mutable_notice()->set_delivered(file.notice_delivered);
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
        errors.push_back({FileProblem::Where::kItem, item, Msg::kPhotoFileMissing, {p}});
        continue;
      }
      core::profile::PhotoCapture capture;
      capture.item_id = item;
      capture.taken_at_ms = file.finished_at_ms;
      capture.has_location = file.has_location;
      capture.location = file.location;
      auto added = profile.visits().AddPhotoFile(draft_id, p, capture);
      if (!added.ok() && added.status().code() == core::Code::kInvalidArgument) {
        // Not a JPEG: named with the rest (core says what it looks like, in English).
        errors.push_back(
            {FileProblem::Where::kItem, item, Msg::kProblemRaw, {added.status().message()}});
        continue;
      }
      if (!added.ok()) return discard(added.status());
      ++photos;
    }
  }

  // The notice's photo and the after-photos of hazards fixed on the spot answer no checklist item:
  // general photos of the visit, named by the notice and the FIXED_ON_SITE steps.
  auto add_general = [&](const std::string& field, const std::string& p) -> std::string {
    if (!std::filesystem::is_regular_file(p)) {
      errors.push_back({FileProblem::Where::kField, field, Msg::kPhotoFileMissing, {p}});
      return "";
    }
    core::profile::PhotoCapture capture;
    capture.taken_at_ms = file.finished_at_ms;
    capture.has_location = file.has_location;
    capture.location = file.location;
    auto added = profile.visits().AddPhotoFile(draft_id, p, capture);
    if (!added.ok()) {
      errors.push_back(
          {FileProblem::Where::kField, field, Msg::kProblemRaw, {added.status().message()}});
      return "";
    }
    ++photos;
    return added->id();
  };
  core::profile::FinishOptions finish;
  finish.finished_at_ms = file.finished_at_ms;
  for (const auto& [rule, p] : file.fixed_on_site) {
    if (std::string id = add_general("fixed_on_site." + rule, p); !id.empty()) {
      finish.fixed_on_site[rule] = id;
    }
  }
  if (!file.notice_photo.empty()) {
    if (std::string id = add_general("notice.photo", file.notice_photo); !id.empty()) {
      visit.mutable_notice()->set_photo_id(id);
      if (auto saved = profile.visits().Save(visit); !saved.ok()) return discard(saved);
    }
  }

  // One pass names every problem: the file's own (wrong kinds of answers, missing files) and what
  // the forms engine still misses; an item already named is not named twice.
  core::Result<core::store::RecordedVisit> recorded =
      core::InvalidArgument("the visit file has problems");
  // The engine's own list is in English: it only says whether there is one, and the list is made
  // again from the evaluation, in the catalogue's words.
  std::vector<core::profile::ItemError> finish_problems;
  bool incomplete = !errors.empty();
  if (errors.empty()) {
    recorded = profile.visits().Finish(draft_id, finish, &finish_problems);
    incomplete = !recorded.ok() && !finish_problems.empty();
  }
  if (incomplete && tpl && file.outcome == v1::CHECKED) {
    QM_ASSIGN_OR_RETURN(auto saved, profile.visits().Draft(draft_id));
    if (auto evaluation = profile.visits().Evaluate(saved); evaluation.ok()) {
      for (auto& problem : CompletenessProblems(*evaluation, language)) {
        const bool named = std::any_of(errors.begin(), errors.end(),
                                       [&](const auto& e) { return e.name == problem.name; });
        if (!named) errors.push_back(std::move(problem));
      }
    }
  }
  if (errors.empty()) {
    for (const auto& p : finish_problems) {
      errors.push_back({FileProblem::Where::kItem, p.item_id, Msg::kProblemRaw, {p.message}});
    }
  }
  if (!recorded.ok()) {
    if (errors.empty()) {
      return discard(
          core::Status(recorded.status().code(), path + ": " + recorded.status().message()));
    }
    auto say = [&](core::domain::Language in) {
      const std::string count = std::to_string(errors.size());
      const std::string lines = ProblemLines(errors, in);
      return path + ": " +
             (errors.size() == 1
                  ? Say(in, Msg::kVisitOneProblem, {subject.external_id(), lines})
                  : Say(in, Msg::kVisitProblems, {subject.external_id(), count, lines}));
    };
    shown = say(language);
    return discard(core::InvalidArgument(say(core::domain::Language::kEn)));
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
  std::string first_shown;  // its problems in the chosen language ("": its message says it)
  for (const auto& path : args.positionals()) {
    std::string shown;
    auto recorded = RecordOne(path, *device, ctx.language, shown);
    if (!recorded.ok()) {
      ++failed;
      if (first_error.ok()) {
        first_error = recorded.status();
        first_shown = shown;
      }
      if (shown.empty()) shown = recorded.status().message();
      if (args.positionals().size() > 1) ctx.err << shown << "\n";
      json.BeginObject().Field("file", path).Key("error").BeginObject();
      WriteError(json, core::Status(recorded.status().code(), shown),
                 ExitCodeFor(recorded.status()));
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
    const std::string count = std::to_string(failed);
    const std::string total = std::to_string(args.positionals().size());
    return ctx.Explain(
        core::Status(first_error.code(),
                     Say(core::domain::Language::kEn, Msg::kVisitFilesNotRecorded, {count, total})),
        Msg::kVisitFilesNotRecorded, {count, total});
  }
  if (!first_shown.empty()) ctx.failure_text = first_shown;
  return first_error;
}

}  // namespace

void AddVisitCommands(std::vector<Command>& commands) {
  commands.push_back(
      Command{"visit record", Msg::kSummaryVisitRecord, Msg::kUsageVisitRecord, {{}, {}}, Record});
}

}  // namespace qiaomen::cli
