// visit record: a whole visit from a JSON file, checked by the forms engine, signed, stored.
#include <filesystem>

#include "../profile_session_open.h"
#include "../records_view.h"
#include "../visit_builder.h"
#include "qiaomen/cli/command.h"
#include "qiaomen/cli/visit_file.h"

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
};

core::Result<Recorded> RecordOne(const std::string& path, ProfileSession& session,
                                 const VisitBuilder& builder, CliContext& ctx) {
  QM_ASSIGN_OR_RETURN(VisitFile file, ReadVisitFile(path));
  auto& store = session.store();
  QM_ASSIGN_OR_RETURN(v1::Subject subject, ResolveSubject(store, file.subject));
  core::Uuid visit_id = core::Uuid::NewV7(ctx.clock, ctx.random);

  v1::Visit visit;
  visit.set_id(visit_id.ToBytes());
  visit.set_subject_id(subject.id());
  visit.set_outcome(file.outcome);
  visit.set_started_at_ms(file.started_at_ms);
  visit.set_finished_at_ms(file.finished_at_ms);
  if (file.has_location) *visit.mutable_location() = file.location;
  for (const auto& e : file.education) visit.add_education(e);
  visit.set_note(file.note);
  visit.set_worker_id(session.info().worker_id);
  visit.set_device_id(session.info().device_id);

  // Photo ids are made now so the forms engine can count them; the files are stored only once the
  // whole visit is known to be valid.
  std::map<std::string, std::vector<std::string>> photo_ids;
  std::vector<std::pair<std::string, std::pair<std::string, std::string>>> photo_files;
  std::vector<ItemError> errors;
  for (const auto& [item, paths] : file.photos) {
    for (const auto& p : paths) {
      if (!std::filesystem::is_regular_file(p)) {
        errors.push_back({item, "the photo file " + p + " does not exist"});
        continue;
      }
      std::string id = core::Uuid::NewV7(ctx.clock, ctx.random).ToBytes();
      photo_ids[item].push_back(id);
      photo_files.push_back({item, {id, p}});
    }
  }

  auto built = builder.Build(file, photo_ids, visit, errors);
  if (!built.ok()) return core::InvalidArgument(path + ": " + built.status().message());
  std::vector<v1::Hazard> hazards = std::move(built).value();
  if (!errors.empty()) {
    return core::InvalidArgument(
        path + ": the visit to " + subject.external_id() + " has " + std::to_string(errors.size()) +
        (errors.size() == 1 ? " problem" : " problems") +
        "; nothing was saved. Fix the file and record it again:" + FormatItemErrors(errors));
  }
  if (!file.task.empty()) {
    QM_ASSIGN_OR_RETURN(auto task_id, core::Uuid::Parse(file.task));
    visit.set_task_id(task_id.ToBytes());
  } else {
    QM_ASSIGN_OR_RETURN(auto task_id, FindTask(store, subject, visit.template_id()));
    visit.set_task_id(task_id);
  }

  // Photos: encrypted into the vault, each with its journal row; their hashes go into the signed
  // visit.
  for (const auto& [item, id_path] : photo_files) {
    v1::Photo meta;
    meta.set_id(id_path.first);
    meta.set_taken_at_ms(file.finished_at_ms);
    if (file.has_location) *meta.mutable_location() = file.location;
    meta.set_visit_id(visit.id());
    meta.set_subject_id(subject.id());
    meta.set_item_id(item);
    meta.set_mime_type("image/jpeg");
    QM_ASSIGN_OR_RETURN(v1::Photo stored, session.vault().StoreFile(id_path.second, meta));
    auto* ref = visit.add_photos();
    ref->set_photo_id(stored.id());
    ref->set_sha256(stored.sha256());
  }
  QM_RETURN_IF_ERROR(session.device_key().SignVisit(visit));
  core::store::VisitInput input;
  input.visit = visit;
  input.derived_hazards = hazards;
  QM_ASSIGN_OR_RETURN(auto recorded, store.RecordVisit(std::move(input)));
  // The worker orders the rectification on the spot, with the checklist's deadline.
  for (const auto& h : recorded.hazards) {
    if (h.deadline().empty()) continue;
    v1::HazardEvent ordered;
    ordered.set_hazard_id(h.id());
    ordered.set_kind(v1::ORDERED);
    ordered.set_at_ms(file.finished_at_ms);
    ordered.set_actor(session.info().worker_id);
    ordered.set_note("Rectify by " + h.deadline() + ".");
    QM_RETURN_IF_ERROR(store.AddHazardEvent(ordered).status());
  }
  return Recorded{std::move(recorded), subject.external_id(), static_cast<int>(photo_files.size())};
}

core::Status Record(const core::Args& args, CliContext& ctx) {
  if (args.positionals().empty()) return core::InvalidArgument("Give the visit file: FILE.json.");
  QM_ASSIGN_OR_RETURN(auto session, OpenSession(ctx));
  QM_ASSIGN_OR_RETURN(auto builder, VisitBuilder::Load(session->dir()));
  JsonWriter json;
  json.BeginArray();
  int failed = 0;
  core::Status first_error;
  for (const auto& path : args.positionals()) {
    auto recorded = RecordOne(path, *session, *builder, ctx);
    if (!recorded.ok()) {
      ++failed;
      if (first_error.ok()) first_error = recorded.status();
      if (args.positionals().size() > 1) ctx.err << recorded.status().message() << "\n";
      continue;
    }
    const auto& v = recorded->visit.visit;
    if (ctx.json) {
      json.BeginObject()
          .Field("file", path)
          .Field("visit_id", IdText(v.id()))
          .Field("subject", recorded->external_id)
          .Field("outcome", OutcomeName(v.outcome()))
          .Field("template", v.template_id() + "@" + std::to_string(v.template_version()))
          .Field("photos", recorded->photos)
          .Field("signed", !v.device_signature().empty());
      json.Key("hazards").BeginArray();
      for (const auto& h : recorded->visit.hazards) {
        WriteHazard(json, h);
        json.EndObject();
      }
      json.EndArray().EndObject();
    } else {
      ctx.out << "Recorded visit " << IdText(v.id()) << " to " << recorded->external_id << " ("
              << OutcomeName(v.outcome()) << ", " << recorded->photos << " photos, signed)";
      if (recorded->visit.hazards.empty()) {
        ctx.out << "; no hazards.\n";
      } else {
        ctx.out << "; " << recorded->visit.hazards.size() << " hazards:\n";
        for (const auto& h : recorded->visit.hazards) {
          ctx.out << "  " << IdText(h.id()) << "  " << SeverityName(h.severity()) << "  "
                  << h.category() << "  " << h.description() << "  rectify by "
                  << (h.deadline().empty() ? "-" : h.deadline()) << "\n";
        }
      }
    }
  }
  json.EndArray();
  if (ctx.json) ctx.out << json.str();
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
      "record a whole visit from a JSON file",
      "Usage: qiaomen visit record FILE.json [FILE.json...] [--json]\n\n"
      "FILE.json holds one visit: subject (id or external id), template, outcome (checked,\n"
      "nobody_home, refused, vacant, moved), started_at and finished_at, location, answers by "
      "item\n"
      "id, photos by item id as file paths, education given, note. Example:\n"
      "  {\"subject\": \"H-T01-V01-0001\", \"template\": \"household_winter\",\n"
      "   \"outcome\": \"checked\", \"started_at\": \"2026-11-28T09:05:00+08:00\",\n"
      "   \"finished_at\": \"2026-11-28T09:20:00+08:00\",\n"
      "   \"location\": {\"latitude\": 40.1, \"longitude\": 116.3, \"accuracy_m\": 8},\n"
      "   \"answers\": {\"heating_type\": \"coal_stove\", \"ebike_count\": 1},\n"
      "   \"photos\": {\"stove_photo\": [\"stove.jpg\"]}, \"education\": [\"leaflet\"]}\n\n"
      "A checked visit must answer every required item; every problem is listed by item and\n"
      "nothing is saved. The visit is signed with this device's key, its photos are encrypted "
      "into\n"
      "the profile, and the hazards the checklist derives are printed. Files given together are\n"
      "recorded one by one; a bad one does not stop the others.\n",
      {{}, {}},
      Record});
}

}  // namespace qiaomen::cli
