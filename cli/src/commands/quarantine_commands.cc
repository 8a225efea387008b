// quarantine, quarantine resend: the changes the county refused, and sending one again once its
// cause is put right.
#include <optional>
#include <string>

#include "../device_open.h"
#include "../records_view.h"
#include "qiaomen/base/time_zone.h"
#include "qiaomen/cli/command.h"
#include "qiaomen/core/merge/field_schema.h"
#include "qiaomen/core/uuid.h"

namespace qiaomen::cli {
namespace {

std::string EntityWords(v1::Entity entity) { return std::string(core::merge::EntityName(entity)); }

// The kind of record for people.
Msg EntityMessage(v1::Entity entity) {
  switch (entity) {
    case v1::ENTITY_SUBJECT:
      return Msg::kEntitySubject;
    case v1::ENTITY_TASK:
      return Msg::kEntityTask;
    case v1::ENTITY_VISIT:
      return Msg::kEntityVisit;
    case v1::ENTITY_PHOTO:
      return Msg::kEntityPhoto;
    case v1::ENTITY_HAZARD:
      return Msg::kEntityHazard;
    case v1::ENTITY_HAZARD_EVENT:
      return Msg::kEntityHazardEvent;
    default:
      return Msg::kEntityOther;
  }
}

// The household (or premises) a refused change is about, through the visit or hazard it belongs
// to; nothing when this device does not hold it.
std::optional<v1::Subject> SubjectOf(core::store::Store& store, const v1::Change& change) {
  auto uuid = [](const std::string& bytes) { return core::Uuid::FromBytes(bytes); };
  auto subject = [&](const std::string& id) -> std::optional<v1::Subject> {
    auto u = uuid(id);
    if (!u.ok()) return std::nullopt;
    auto s = store.GetSubject(*u);
    return s.ok() ? std::optional<v1::Subject>(*s) : std::nullopt;
  };
  auto of_visit = [&](const std::string& id) -> std::optional<v1::Subject> {
    auto u = uuid(id);
    auto v = u.ok() ? store.GetVisit(*u) : core::Result<v1::Visit>(u.status());
    return v.ok() ? subject(v->subject_id()) : std::nullopt;
  };
  auto of_hazard = [&](const std::string& id) -> std::optional<v1::Subject> {
    auto u = uuid(id);
    auto h = u.ok() ? store.GetHazard(*u) : core::Result<v1::Hazard>(u.status());
    return h.ok() ? subject(h->subject_id()) : std::nullopt;
  };
  switch (change.body_case()) {
    case v1::Change::kVisit:
      return subject(change.visit().subject_id());
    case v1::Change::kHazard:
      return subject(change.hazard().subject_id());
    case v1::Change::kPhoto:
      if (!change.photo().subject_id().empty()) return subject(change.photo().subject_id());
      return change.photo().visit_id().empty() ? of_hazard(change.photo().hazard_id())
                                               : of_visit(change.photo().visit_id());
    case v1::Change::kHazardEvent:
      return of_hazard(change.hazard_event().hazard_id());
    default:
      break;
  }
  if (change.entity() == v1::ENTITY_SUBJECT) return subject(change.record_id());
  if (change.entity() == v1::ENTITY_HAZARD) return of_hazard(change.record_id());
  if (change.entity() == v1::ENTITY_TASK) {
    auto u = uuid(change.record_id());
    auto t = u.ok() ? store.GetTask(*u) : core::Result<v1::Task>(u.status());
    if (t.ok()) return subject(t->subject_id());
  }
  return std::nullopt;
}

core::Status List(const core::Args&, CliContext& ctx) {
  auto key_store = KeyStoreFor(ctx);
  QM_ASSIGN_OR_RETURN(auto device, OpenDevice(ctx, key_store));
  QM_ASSIGN_OR_RETURN(sync::DeviceStatus status, device->Status());
  core::store::Store& store = device->profile().store();
  const base::TimeZone& zone = device->profile().county_time_zone();
  JsonWriter json;
  json.BeginArray();
  if (!ctx.json && status.quarantined.empty()) {
    ctx.out << ctx.T(Msg::kQuarantineNone);
  }
  for (const auto& q : status.quarantined) {
    const auto subject = SubjectOf(store, q.change);
    const std::string at = base::CountyDateTime(q.quarantined_at_ms, zone);
    const std::string who = subject ? subject->external_id() : "";
    const std::string name = subject ? subject->name() : "";
    if (ctx.json) {
      json.BeginObject()
          .Field("seq", static_cast<int64_t>(q.change.seq()))
          .Field("entity", EntityWords(q.change.entity()))
          .Field("record_id", IdText(q.change.record_id()))
          .Field("subject_id", subject ? IdText(subject->id()) : "")
          .Field("subject", who)
          .Field("subject_name", name)
          .Field("refused_at", at)
          .Field("refused_at_ms", q.quarantined_at_ms)
          .Field("code", q.code)
          .Field("reason", q.reason)
          .EndObject();
      continue;
    }
    ctx.out << ctx.T(Msg::kQuarantineLine,
                     {std::to_string(q.change.seq()), at, ctx.T(EntityMessage(q.change.entity()))});
    if (subject) {
      ctx.out << ctx.T(Msg::kQuarantineOf, {who.empty() ? IdText(subject->id()) : who, name});
    }
    ctx.out << ctx.T(Msg::kQuarantineReason, {RefusalText(q.code, ctx.language), q.reason, q.code});
  }
  json.EndArray();
  if (ctx.json) {
    ctx.out << json.str();
  } else if (!status.quarantined.empty()) {
    ctx.out << ctx.T(Msg::kQuarantineFooter, {zone.name()});
  }
  return core::Status::Ok();
}

core::Status CheckSeq(const core::Args& args) {
  const auto& p = args.positionals();
  if (p.size() != 1 || p[0].empty() || p[0] == "#" || p[0].size() > 18 ||
      p[0].find_first_not_of("0123456789", p[0][0] == '#' ? 1 : 0) != std::string::npos) {
    return core::InvalidArgument(
        "Give the number of one refused change, as `qiaomen quarantine` lists it (e.g. 12).");
  }
  return core::Status::Ok();
}

core::Status Resend(const core::Args& args, CliContext& ctx) {
  std::string text = args.positionals()[0];
  if (text[0] == '#') text.erase(0, 1);
  const uint64_t seq = std::stoull(text);
  auto key_store = KeyStoreFor(ctx);
  QM_ASSIGN_OR_RETURN(auto device, OpenDevice(ctx, key_store));
  QM_ASSIGN_OR_RETURN(std::vector<uint64_t> seqs, device->ResendRefused(seq));
  if (ctx.json) {
    JsonWriter json;
    json.BeginObject().Field("seq", static_cast<int64_t>(seq)).Key("queued_as").BeginArray();
    for (uint64_t s : seqs) json.Int(static_cast<int64_t>(s));
    json.EndArray().EndObject();
    ctx.out << json.str();
    return core::Status::Ok();
  }
  ctx.out << ctx.T(Msg::kResendQueued, {std::to_string(seq), std::to_string(seqs[0])});
  if (seqs.size() > 1) {
    std::string with;
    for (size_t i = 1; i < seqs.size(); ++i) with += (i > 1 ? " #" : "#") + std::to_string(seqs[i]);
    ctx.out << ctx.T(Msg::kResendWith, {with});
  }
  ctx.out << ctx.T(Msg::kResendRun);
  return core::Status::Ok();
}

}  // namespace

void AddQuarantineCommands(std::vector<Command>& commands) {
  commands.push_back(
      Command{"quarantine", Msg::kSummaryQuarantine, Msg::kUsageQuarantine, {{}, {}}, List});
  commands.push_back(Command{"quarantine resend",
                             Msg::kSummaryQuarantineResend,
                             Msg::kUsageQuarantineResend,
                             {{}, {}},
                             Resend,
                             CheckSeq});
}

}  // namespace qiaomen::cli
