// hazards, hazard update: the hazards on this device and the steps of their lives.
#include <filesystem>

#include "../device_open.h"
#include "../records_view.h"
#include "qiaomen/cli/command.h"

namespace qiaomen::cli {
namespace {

core::Result<std::vector<v1::Subject>> SubjectsOf(core::store::Store& store,
                                                  const std::string& grid) {
  std::vector<v1::Subject> out;
  core::store::SubjectQuery query;
  query.grid_id = grid;
  query.limit = 200;
  for (;;) {
    QM_ASSIGN_OR_RETURN(auto page, store.ListSubjects(query));
    out.insert(out.end(), page.items.begin(), page.items.end());
    if (page.next_page.empty()) return out;
    query.page = page.next_page;
  }
}

core::Status List(const core::Args& args, CliContext& ctx) {
  auto key_store = KeyStoreFor(ctx);
  QM_ASSIGN_OR_RETURN(auto device, OpenDevice(ctx, key_store));
  auto& store = device->profile().store();
  std::vector<v1::Subject> subjects;
  if (auto ref = args.Get("subject")) {
    QM_ASSIGN_OR_RETURN(auto s, ResolveSubject(store, *ref));
    subjects.push_back(s);
  } else {
    QM_ASSIGN_OR_RETURN(auto grids, DeviceGrids(store));
    for (const auto& grid : grids) {
      QM_ASSIGN_OR_RETURN(auto in_grid, SubjectsOf(store, grid));
      subjects.insert(subjects.end(), in_grid.begin(), in_grid.end());
    }
  }
  bool open_only = args.Has("open");
  JsonWriter json;
  json.BeginArray();
  int shown = 0, major = 0;
  for (const auto& subject : subjects) {
    QM_ASSIGN_OR_RETURN(auto hazards, store.ListHazards(*core::Uuid::FromBytes(subject.id())));
    for (const auto& h : hazards) {
      QM_ASSIGN_OR_RETURN(auto state, store.GetHazardState(*core::Uuid::FromBytes(h.id())));
      if (open_only && !state.is_open()) continue;
      ++shown;
      major += h.severity() == v1::MAJOR ? 1 : 0;
      if (ctx.json) {
        WriteHazard(json, h);
        json.Field("subject", subject.external_id())
            .Field("status", HazardStatusName(state))
            .Field("open", state.is_open());
        // Steps in the log the state machine could not take (two devices offline): shown, never
        // hidden, with the reason.
        json.Key("ignored_steps").BeginArray();
        for (const auto& ignored : state.ignored) {
          json.BeginObject()
              .Field("event_id", IdText(ignored.event_id))
              .Field("reason", ignored.reason)
              .EndObject();
        }
        json.EndArray().EndObject();
      } else {
        ctx.out << ctx.T(
            Msg::kHazardLine,
            {IdText(h.id()), subject.external_id(), CategoryText(h.category(), ctx.language),
             GradeText(h, ctx.language), HazardStatusText(state, ctx.language),
             h.deadline().empty() ? "-" : h.deadline(), h.description()});
        for (const auto& ignored : state.ignored) {
          ctx.out << ctx.T(Msg::kHazardStepNotTaken, {IdText(ignored.event_id), ignored.reason});
        }
      }
    }
  }
  json.EndArray();
  if (ctx.json) {
    ctx.out << json.str();
  } else {
    ctx.out << ctx.T(open_only ? Msg::kHazardsOpenTotal : Msg::kHazardsTotal,
                     {std::to_string(shown), std::to_string(major)});
  }
  return core::Status::Ok();
}

core::Result<v1::HazardEventKind> EventKind(const std::string& name) {
  if (name == "ordered") return v1::ORDERED;
  if (name == "rectified") return v1::RECTIFIED;
  if (name == "reinspected") return v1::REINSPECTED;
  if (name == "closed") return v1::CLOSED;
  if (name == "suspected_major") return v1::SUSPECTED_MAJOR;
  return core::InvalidArgument(
      "--event must be ordered, rectified, reinspected, closed or suspected_major, not '" + name +
      "'.");
}

core::Status Update(const core::Args& args, CliContext& ctx) {
  if (args.positionals().size() != 1) {
    return core::InvalidArgument("Give one hazard id (`qiaomen hazards` lists them).");
  }
  QM_ASSIGN_OR_RETURN(auto event_name, args.Require("event"));
  QM_ASSIGN_OR_RETURN(auto kind, EventKind(event_name));
  auto photo_path = args.Get("photo");
  if (photo_path && !std::filesystem::is_regular_file(*photo_path)) {
    return core::InvalidArgument("The photo file " + *photo_path + " does not exist.");
  }
  if (kind == v1::RECTIFIED && !photo_path) {
    return core::InvalidArgument(
        "A rectification needs an after-photo: add --photo FILE showing the fixed hazard.");
  }
  auto key_store = KeyStoreFor(ctx);
  QM_ASSIGN_OR_RETURN(auto device, OpenDevice(ctx, key_store));
  auto& store = device->profile().store();
  QM_ASSIGN_OR_RETURN(auto hazard, ResolveHazard(store, args.positionals()[0]));
  core::Uuid hazard_id = *core::Uuid::FromBytes(hazard.id());
  QM_ASSIGN_OR_RETURN(auto before, store.GetHazardState(hazard_id));
  v1::HazardEvent event;
  event.set_hazard_id(hazard.id());
  event.set_kind(kind);
  event.set_at_ms(ctx.clock.NowMillis());
  event.set_note(args.Get("note").value_or(""));
  event.set_passed(!args.Has("failed"));
  std::vector<std::string> photos;
  if (photo_path) photos.push_back(*photo_path);
  QM_ASSIGN_OR_RETURN(auto saved, device->profile().RecordHazardStep(event, photos));
  QM_ASSIGN_OR_RETURN(auto after, store.GetHazardState(hazard_id));
  if (ctx.json) {
    JsonWriter json;
    json.BeginObject()
        .Field("hazard_id", IdText(hazard.id()))
        .Field("event_id", IdText(saved.id()))
        .Field("event", event_name)
        .Field("status", HazardStatusName(after))
        .Field("photos", static_cast<int64_t>(saved.photo_ids_size()))
        .EndObject();
    ctx.out << json.str();
  } else {
    ctx.out << ctx.T(
        Msg::kHazardChanged,
        {IdText(hazard.id()), CategoryText(hazard.category(), ctx.language),
         HazardStatusText(before, ctx.language), HazardStatusText(after, ctx.language)});
  }
  return core::Status::Ok();
}

}  // namespace

void AddHazardCommands(std::vector<Command>& commands) {
  commands.push_back(
      Command{"hazards", Msg::kSummaryHazards, Msg::kUsageHazards, {{"subject"}, {"open"}}, List});
  commands.push_back(Command{"hazard update",
                             Msg::kSummaryHazardUpdate,
                             Msg::kUsageHazardUpdate,
                             {{"event", "photo", "note"}, {"failed"}, {"event"}},
                             Update});
}

}  // namespace qiaomen::cli
