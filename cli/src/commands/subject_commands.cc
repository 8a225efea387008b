// subject show, subject update: a household, premises or facility and its field edits.
#include <cstdlib>

#include "../device_open.h"
#include "../records_view.h"
#include "qiaomen/cli/command.h"
#include "qiaomen/cli/visit_file.h"

namespace qiaomen::cli {
namespace {

core::Status Show(const core::Args& args, CliContext& ctx) {
  if (args.positionals().size() != 1) {
    return core::InvalidArgument("Give one subject: its id or county external id.");
  }
  auto key_store = KeyStoreFor(ctx);
  QM_ASSIGN_OR_RETURN(auto device, OpenDevice(ctx, key_store));
  QM_ASSIGN_OR_RETURN(auto subject,
                      ResolveSubject(device->profile().store(), args.positionals()[0]));
  core::Uuid id = *core::Uuid::FromBytes(subject.id());
  QM_ASSIGN_OR_RETURN(auto visits, device->profile().store().ListVisits(id));
  QM_ASSIGN_OR_RETURN(auto hazards, device->profile().store().ListHazards(id));
  if (ctx.json) {
    JsonWriter json;
    json.BeginObject().Key("subject");
    WriteSubject(json, subject);
    json.Key("visits").BeginArray();
    for (const auto& v : visits) {
      json.BeginObject()
          .Field("id", IdText(v.id()))
          .Field("outcome", OutcomeName(v.outcome()))
          .Field("template", v.template_id())
          .Field("finished_at_ms", v.finished_at_ms())
          .Field("worker", v.worker_id())
          .EndObject();
    }
    json.EndArray().Key("hazards").BeginArray();
    for (const auto& h : hazards) {
      WriteHazard(json, h);
      auto state = device->profile().store().GetHazardState(*core::Uuid::FromBytes(h.id()));
      json.Field("status", state.ok() ? HazardStatusName(*state) : "unknown").EndObject();
    }
    json.EndArray().EndObject();
    ctx.out << json.str();
    return core::Status::Ok();
  }
  const auto lang = ctx.language;
  const base::TimeZone& zone = device->profile().county_time_zone();
  ctx.out << ctx.T(Msg::kSubjectTitle,
                   {subject.name(), KindText(subject.kind(), lang), subject.external_id()})
          << ctx.T(Msg::kSubjectId) << IdText(subject.id()) << "\n"
          << ctx.T(Msg::kSubjectGrid) << subject.grid_id() << "\n"
          << ctx.T(Msg::kSubjectAddress) << subject.address() << "\n"
          << ctx.T(Msg::kSubjectPhone) << subject.phone() << "\n"
          << ctx.T(Msg::kSubjectMembers) << subject.members() << "\n"
          << ctx.T(Msg::kSubjectTags);
  for (int i = 0; i < subject.tags_size(); ++i) ctx.out << (i ? "," : "") << subject.tags(i);
  ctx.out << "\n";
  if (!subject.note().empty()) ctx.out << ctx.T(Msg::kSubjectNote) << subject.note() << "\n";
  ctx.out << ctx.T(Msg::kSubjectVisits, {std::to_string(visits.size())});
  for (const auto& v : visits) {
    ctx.out << ctx.T(Msg::kSubjectVisitLine,
                     {TimeText(v.finished_at_ms(), zone, lang), OutcomeText(v.outcome(), lang),
                      v.template_id(), v.worker_id()});
  }
  ctx.out << ctx.T(Msg::kSubjectHazards, {std::to_string(hazards.size())});
  for (const auto& h : hazards) {
    auto state = device->profile().store().GetHazardState(*core::Uuid::FromBytes(h.id()));
    ctx.out << ctx.T(
        Msg::kSubjectHazardLine,
        {IdText(h.id()), CategoryText(h.category(), lang), SeverityText(h.severity(), lang),
         state.ok() ? HazardStatusText(*state, lang) : "?", h.deadline()});
  }
  if (!visits.empty()) ctx.out << ctx.T(Msg::kStatusTimesIn, {zone.name()});
  return core::Status::Ok();
}

// A field `subject update` changed, as people read it; one this list lacks as it is named.
std::string FieldLabel(const std::string& field, const CliContext& ctx) {
  static const std::pair<const char*, Msg> kLabels[] = {
      {"name", Msg::kFieldName},       {"address", Msg::kFieldAddress}, {"phone", Msg::kFieldPhone},
      {"members", Msg::kFieldMembers}, {"tags", Msg::kFieldTags},       {"note", Msg::kFieldNote}};
  for (const auto& [name, id] : kLabels) {
    if (field == name) return ctx.T(id);
  }
  return field;
}

core::Status Update(const core::Args& args, CliContext& ctx) {
  if (args.positionals().size() != 1) {
    return core::InvalidArgument("Give one subject: its id or county external id.");
  }
  if (!args.Has("phone") && !args.Has("members") && !args.Has("tags") && !args.Has("note") &&
      !args.Has("name") && !args.Has("address")) {
    return core::InvalidArgument(
        "Say what to change: --phone, --members, --tags, --note, --name or --address.");
  }
  v1::Subject edited;
  int members = -1;
  if (auto m = args.Get("members")) {
    char* end = nullptr;
    long value = std::strtol(m->c_str(), &end, 10);
    if (m->empty() || *end != '\0' || value < 0 || value > 200) {
      return core::InvalidArgument("--members must be a whole number from 0 to 200.");
    }
    members = static_cast<int>(value);
  }
  auto key_store = KeyStoreFor(ctx);
  QM_ASSIGN_OR_RETURN(auto device, OpenDevice(ctx, key_store));
  QM_ASSIGN_OR_RETURN(edited, ResolveSubject(device->profile().store(), args.positionals()[0]));
  if (auto phone = args.Get("phone")) edited.set_phone(*phone);
  if (members >= 0) edited.set_members(members);
  if (auto note = args.Get("note")) edited.set_note(*note);
  if (auto name = args.Get("name")) edited.set_name(*name);
  if (auto address = args.Get("address")) edited.set_address(*address);
  if (auto tags = args.Get("tags")) {
    edited.clear_tags();
    size_t start = 0;
    while (start <= tags->size()) {
      size_t end = tags->find(',', start);
      std::string tag = tags->substr(start, end == std::string::npos ? end : end - start);
      if (!tag.empty()) edited.add_tags(tag);
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }
  QM_ASSIGN_OR_RETURN(auto changed, device->profile().store().UpdateSubject(edited));
  if (ctx.json) {
    JsonWriter json;
    json.BeginObject().Field("subject_id", IdText(edited.id())).Key("changed").BeginArray();
    for (const auto& f : changed) json.String(f);
    json.EndArray().EndObject();
    ctx.out << json.str();
  } else if (changed.empty()) {
    ctx.out << ctx.T(Msg::kSubjectUnchanged, {edited.external_id()});
  } else {
    std::string fields;
    for (const auto& f : changed) {
      fields += (fields.empty() ? "" : ctx.T(Msg::kFieldSeparator)) + FieldLabel(f, ctx);
    }
    ctx.out << ctx.T(Msg::kSubjectUpdated, {edited.external_id(), fields});
  }
  return core::Status::Ok();
}

}  // namespace

void AddSubjectCommands(std::vector<Command>& commands) {
  commands.push_back(
      Command{"subject show", Msg::kSummarySubjectShow, Msg::kUsageSubjectShow, {{}, {}}, Show});
  commands.push_back(Command{"subject update",
                             Msg::kSummarySubjectUpdate,
                             Msg::kUsageSubjectUpdate,
                             {{"phone", "members", "tags", "note", "name", "address"}, {}},
                             Update});
}

}  // namespace qiaomen::cli
