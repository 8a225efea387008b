#include "sync/roles.h"

#include <initializer_list>
#include <string>

namespace qiaomen::server {
namespace {

bool OneOf(const std::string& role, std::initializer_list<const char*> roles) {
  for (const char* r : roles) {
    if (role == r) return true;
  }
  return false;
}

core::Status Denied(const Principal& p, const std::string& what, const std::string& who) {
  return core::PermissionDenied("Worker " + p.worker.id + " (" + p.worker.role + ") may not " +
                                what + "; only " + who +
                                " may. It was not applied; ask township staff.");
}

const char* EventVerb(v1::HazardEventKind kind) {
  switch (kind) {
    case v1::REINSPECTED:
      return "record a re-inspection of a hazard";
    case v1::CLOSED:
      return "close a hazard";
    case v1::ESCALATED:
      return "escalate a hazard";
    case v1::CASE_OPENED:
      return "open a case on a hazard";
    case v1::MAJOR_CONFIRMED:
    case v1::MAJOR_DOWNGRADED:
      return "judge whether a hazard is major";
    default:
      return "record this hazard step";
  }
}

bool SetsField(const v1::Change& change, const char* name) {
  if (change.body_case() != v1::Change::kFields) return false;
  for (const auto& f : change.fields().fields()) {
    if (f.field() == name) return true;
  }
  return false;
}

constexpr std::initializer_list<const char*> kStaff = {"township", "county"};
constexpr const char* kStaffText = "township or county staff";

}  // namespace

core::Status CheckRoleAndActor(const Principal& p, const v1::Change& change, bool record_exists) {
  const std::string& role = p.worker.role;
  const bool staff = OneOf(role, kStaff);
  switch (change.entity()) {
    case v1::ENTITY_VISIT:
      if (change.visit().worker_id() != p.worker.id) {
        return core::PermissionDenied("The visit names worker '" + change.visit().worker_id() +
                                      "', but this device is enrolled for worker " + p.worker.id +
                                      "; a visit is recorded by the worker who made it.");
      }
      return core::Status::Ok();
    case v1::ENTITY_HAZARD_EVENT: {
      const v1::HazardEvent& event = change.hazard_event();
      if (event.actor() != p.worker.id) {
        return core::PermissionDenied("The hazard step names worker '" + event.actor() +
                                      "', but this device is enrolled for worker " + p.worker.id +
                                      "; a step is recorded by the worker who took it.");
      }
      switch (event.kind()) {
        case v1::REINSPECTED:
        case v1::CLOSED:
          if (!OneOf(role, {"inspector", "township", "county"})) {
            return Denied(p, EventVerb(event.kind()), "inspectors, township or county staff");
          }
          return core::Status::Ok();
        case v1::ESCALATED:
        case v1::CASE_OPENED:
          if (!staff) return Denied(p, EventVerb(event.kind()), kStaffText);
          return core::Status::Ok();
        case v1::MAJOR_CONFIRMED:
        case v1::MAJOR_DOWNGRADED:
          // 消防救援大队 or the competent department judges; the county records it.
          if (role != "county") return Denied(p, EventVerb(event.kind()), "county staff");
          return core::Status::Ok();
        default:
          return core::Status::Ok();  // found, ordered, rectified, overdue, suspected major: all
      }
    }
    case v1::ENTITY_SUBJECT:
      if (staff) return core::Status::Ok();
      if (!record_exists) return Denied(p, "create a subject", kStaffText);
      if (change.body_case() == v1::Change::kDeleted)
        return Denied(p, "delete a subject", kStaffText);
      if (SetsField(change, "grid_id"))
        return Denied(p, "move a subject to another grid", kStaffText);
      return core::Status::Ok();
    case v1::ENTITY_TASK:
      if (!staff) return Denied(p, "create, assign or change tasks", kStaffText);
      return core::Status::Ok();
    case v1::ENTITY_HAZARD:
      if (change.body_case() == v1::Change::kDeleted && !staff) {
        return Denied(p, "delete a hazard", kStaffText);
      }
      return core::Status::Ok();
    default:
      return core::Status::Ok();
  }
}

}  // namespace qiaomen::server
