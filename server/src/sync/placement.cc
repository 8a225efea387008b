#include "sync/placement.h"

#include "qiaomen/base/hex.h"
#include "qiaomen/core/uuid.h"
#include "util/bytes.h"

namespace qiaomen::server {
namespace {

using core::Result;

// Subject ids inside field registers are text: UUID form or 32 hex digits.
std::string IdFromText(const std::string& text) {
  if (auto uuid = core::Uuid::Parse(text); uuid.ok()) return uuid->ToBytes();
  if (auto hex = base::HexDecode(text); hex && hex->size() == 16) return *hex;
  return "";
}

Result<Placement> OfRecord(SqlConnection& conn, v1::Entity entity, const std::string& id,
                           const char* what) {
  auto r = LoadRecord(conn, entity, id);
  if (r.ok()) return r->placement;
  if (r.status().code() != core::Code::kNotFound) return r.status();
  return core::NotFound(std::string("The ") + what +
                        " this change refers to is not on the server. Sync it first.");
}

Result<Placement> OfSubject(SqlConnection& conn, const std::string& subject_id) {
  QM_ASSIGN_OR_RETURN(auto p, OfRecord(conn, v1::ENTITY_SUBJECT, subject_id, "subject"));
  p.subject_id = subject_id;
  return p;
}

const v1::FieldSet* FindField(const v1::Change& change, const std::string& name) {
  if (change.body_case() != v1::Change::kFields) return nullptr;
  for (const auto& f : change.fields().fields()) {
    if (f.field() == name) return &f;
  }
  return nullptr;
}

}  // namespace

Result<Placement> PlaceChange(SqlConnection& conn, const v1::Change& change, Placement* previous) {
  if (change.record_id().empty()) return core::InvalidArgument("The change has no record id.");
  switch (change.entity()) {
    case v1::ENTITY_SUBJECT: {
      auto existing = LoadRecord(conn, v1::ENTITY_SUBJECT, change.record_id());
      if (!existing.ok() && existing.status().code() != core::Code::kNotFound) {
        return existing.status();
      }
      const v1::FieldSet* grid = FindField(change, "grid_id");
      if (existing.ok() && previous != nullptr) *previous = existing->placement;
      if (grid != nullptr) {
        QM_ASSIGN_OR_RETURN(auto p, PlacementOfGrid(conn, grid->value().text()));
        p.subject_id = change.record_id();
        return p;
      }
      if (existing.ok()) return existing->placement;
      return core::InvalidArgument("A new subject needs a grid_id.");
    }
    case v1::ENTITY_TASK:
    case v1::ENTITY_HAZARD: {
      auto existing = LoadRecord(conn, change.entity(), change.record_id());
      if (existing.ok()) return existing->placement;
      if (existing.status().code() != core::Code::kNotFound) return existing.status();
      std::string subject;
      if (change.body_case() == v1::Change::kHazard) {
        subject = change.hazard().subject_id();
      } else if (const auto* f = FindField(change, "subject_id")) {
        subject = IdFromText(f->value().text());
      }
      if (subject.empty()) {
        return core::InvalidArgument("A new task or hazard needs the subject it is about.");
      }
      return OfSubject(conn, subject);
    }
    case v1::ENTITY_VISIT:
      if (change.visit().id() != change.record_id()) {
        return core::InvalidArgument("The visit's id differs from the change's record id.");
      }
      return OfSubject(conn, change.visit().subject_id());
    case v1::ENTITY_PHOTO:
      if (!change.photo().visit_id().empty()) {
        auto visit = OfRecord(conn, v1::ENTITY_VISIT, change.photo().visit_id(), "visit");
        // A photo is taken (and journaled) before its visit is finished: placed by its subject.
        if (!visit.ok() && visit.status().code() == core::Code::kNotFound &&
            !change.photo().subject_id().empty()) {
          return OfSubject(conn, change.photo().subject_id());
        }
        return visit;
      }
      if (!change.photo().hazard_id().empty()) {
        return OfRecord(conn, v1::ENTITY_HAZARD, change.photo().hazard_id(), "hazard");
      }
      return core::InvalidArgument("A photo must belong to a visit or a hazard.");
    case v1::ENTITY_HAZARD_EVENT:
      return OfRecord(conn, v1::ENTITY_HAZARD, change.hazard_event().hazard_id(), "hazard");
    case v1::ENTITY_CAMPAIGN:
    case v1::ENTITY_ADMIN_UNIT:
      return core::PermissionDenied(
          "Campaigns and admin units are managed on the county server, not from a device.");
    default:
      return core::InvalidArgument("The change names no known kind of record.");
  }
}

}  // namespace qiaomen::server
