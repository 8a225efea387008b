// The county's steps on a hazard, recorded as server changes (see hazard_steps.h).
#include "qiaomen/server/hazard_steps.h"

#include <algorithm>

#include "qiaomen/core/hlc.h"
#include "qiaomen/core/uuid.h"
#include "qiaomen/v1/change.pb.h"
#include "store/change_store.h"

namespace qiaomen::server {

core::Result<core::domain::HazardState> RecordCountyHazardStep(Storage& storage, core::Clock& clock,
                                                               core::Random& random,
                                                               const CountyHazardStep& step) {
  switch (step.kind) {
    case v1::REINSPECTED:
    case v1::CLOSED:
    case v1::ESCALATED:
    case v1::CASE_OPENED:
    case v1::ORDERED:
    case v1::SUSPECTED_MAJOR:
    case v1::MAJOR_CONFIRMED:
    case v1::MAJOR_DOWNGRADED:
      break;
    case v1::FOUND:
    case v1::RECTIFIED:
      return core::InvalidArgument(
          "Finding and rectifying a hazard are recorded on site by the grid worker's device; the "
          "county reinspects (复查), closes (销号), escalates (挂牌督办) or opens a case "
          "(立案查处).");
    default:
      return core::InvalidArgument("Unknown hazard step.");
  }
  if (step.actor.empty()) return core::InvalidArgument("Say who takes the step.");
  auto conn = storage.pool().Acquire();
  core::domain::HazardState after;
  QM_RETURN_IF_ERROR(InTransaction(*conn, [&]() -> core::Status {
    auto hazard = LoadRecord(*conn, v1::ENTITY_HAZARD, step.hazard_id);
    if (!hazard.ok() && hazard.status().code() != core::Code::kNotFound) return hazard.status();
    if (!hazard.ok() || hazard->deleted ||
        !step.scope.Contains(hazard->placement.town_id, hazard->placement.grid_id)) {
      return core::NotFound("There is no such hazard in your area.");
    }
    // Its log: the events of its household's hazards that name it.
    QM_ASSIGN_OR_RETURN(
        auto rows, conn->Query("SELECT snapshot FROM records WHERE entity = $1 AND "
                               "subject_id = $2",
                               {Int(v1::ENTITY_HAZARD_EVENT), Blob(hazard->placement.subject_id)}));
    std::vector<core::domain::HazardLogEntry> log;
    core::HlcStamp last = 0;
    for (const auto& row : rows) {
      v1::Change change;
      if (!change.ParseFromString(row.Bytes(0))) continue;
      if (change.hazard_event().hazard_id() != step.hazard_id) continue;
      last = std::max<core::HlcStamp>(last, change.hlc());
      log.push_back({.hlc = change.hlc(), .event = change.hazard_event()});
    }
    if (log.empty()) return core::NotFound("There is no such hazard in your area.");
    QM_ASSIGN_OR_RETURN(core::domain::HazardState before, core::domain::DeriveHazardState(log));
    const int64_t now_ms = clock.NowMillis();
    v1::Change change;
    change.set_entity(v1::ENTITY_HAZARD_EVENT);
    const std::string id = core::Uuid::NewV7(clock, random).ToBytes();
    change.set_record_id(id);
    change.set_change_id(core::Uuid::NewV7(clock, random).ToBytes());
    // After every event of its log, whatever the clocks of the devices that recorded them said:
    // every replica orders the log by stamp.
    change.set_hlc(std::max(core::PackHlc(now_ms, 0), last + 1));
    auto* event = change.mutable_hazard_event();
    event->set_id(id);
    event->set_hazard_id(step.hazard_id);
    event->set_kind(step.kind);
    event->set_at_ms(now_ms);
    event->set_actor(step.actor);
    event->set_note(step.note);
    if (step.kind == v1::REINSPECTED) event->set_passed(step.passed);
    QM_ASSIGN_OR_RETURN(after, core::domain::Transition(before, *event));
    return RecordServerChange(*conn, change, hazard->placement, storage.identity().server_id,
                              now_ms);
  }));
  return after;
}

}  // namespace qiaomen::server
