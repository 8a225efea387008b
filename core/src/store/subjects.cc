// Store: subjects, admin units and campaigns.

#include <string>

#include "qiaomen/core/store/store.h"
#include "store/rows.h"

namespace qiaomen::core::store {

using internal::AsBlob;

namespace {

Status ValidateSubject(const v1::Subject& subject) {
  if (subject.kind() == v1::SUBJECT_KIND_UNSPECIFIED || !v1::SubjectKind_IsValid(subject.kind())) {
    return InvalidArgument(
        "Choose whether the subject is a household, premises, facility or village.");
  }
  if (subject.grid_id().empty()) {
    return InvalidArgument("Choose the grid the subject belongs to.");
  }
  if (subject.name().empty()) {
    return InvalidArgument("Enter the subject's name (head of household or premises name).");
  }
  if (subject.members() < 0) {
    return InvalidArgument("The number of members cannot be negative.");
  }
  return Status::Ok();
}

}  // namespace

Result<v1::Subject> Store::CreateSubject(v1::Subject subject) {
  if (subject.id().empty()) subject.set_id(NewId().ToBytes());
  QM_RETURN_IF_ERROR(internal::CheckId(subject.id(), "subject"));
  QM_RETURN_IF_ERROR(ValidateSubject(subject));
  QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db_));
  QM_ASSIGN_OR_RETURN(auto existing, LoadState(v1::ENTITY_SUBJECT, subject.id()));
  if (existing) {
    return AlreadyExists("A subject with id " + internal::IdText(subject.id()) +
                         " already exists.");
  }
  if (!subject.external_id().empty()) {
    auto other = GetSubjectByExternalId(subject.external_id());
    if (other.ok()) {
      return AlreadyExists("A subject with external id " + subject.external_id() +
                           " already exists (" + other->name() + "); edit that one instead.");
    }
    if (other.status().code() != Code::kNotFound) return other.status();
  }
  QM_RETURN_IF_ERROR(CreateFields(v1::ENTITY_SUBJECT, subject));
  QM_RETURN_IF_ERROR(txn.Commit());
  return subject;
}

Result<std::vector<std::string>> Store::UpdateSubject(const v1::Subject& edited,
                                                      const FieldStamps* seen) {
  QM_RETURN_IF_ERROR(internal::CheckId(edited.id(), "subject"));
  QM_RETURN_IF_ERROR(ValidateSubject(edited));
  QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db_));
  QM_ASSIGN_OR_RETURN(auto changed, UpdateFields(v1::ENTITY_SUBJECT, edited, seen));
  if (!changed.empty()) QM_RETURN_IF_ERROR(txn.Commit());
  return changed;
}

Status Store::DeleteSubject(const Uuid& id) { return DeleteRecord(v1::ENTITY_SUBJECT, id); }

Result<v1::Subject> Store::GetSubject(const Uuid& id) {
  v1::Subject subject;
  QM_RETURN_IF_ERROR(LoadRecord(v1::ENTITY_SUBJECT, id.ToBytes(), subject));
  return subject;
}

Result<v1::Subject> Store::GetSubjectByExternalId(const std::string& external_id) {
  if (external_id.empty()) return InvalidArgument("Give an external id to look up.");
  QM_ASSIGN_OR_RETURN(auto stmt, Stmt("SELECT record FROM subjects WHERE external_id = ? AND "
                                      "deleted = 0 ORDER BY id LIMIT 1;"));
  stmt->Bind(1, std::string_view(external_id));
  QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) {
    return NotFound("No subject with external id " + external_id +
                    " is in this profile; check the id or sync.");
  }
  return internal::ParseRecord<v1::Subject>(*stmt, 0, "subject");
}

Result<SubjectPage> Store::ListSubjects(const SubjectQuery& query) {
  if (query.grid_id.empty()) return InvalidArgument("Choose a grid to list its subjects.");
  if (query.limit < 1 || query.limit > 200) {
    return InvalidArgument("A page holds between 1 and 200 subjects.");
  }
  // The page token is the last row's (name, id): the next page starts strictly after it.
  std::string after_name;
  std::string after_id;
  if (!query.page.empty()) {
    if (query.page.size() < 16) return InvalidArgument("The page token is not one this list gave.");
    after_id = query.page.substr(0, 16);
    after_name = query.page.substr(16);
  }
  QM_ASSIGN_OR_RETURN(
      auto stmt, Stmt("SELECT record, name, id FROM subjects WHERE grid_id = ?1 AND deleted = 0 "
                      "AND name >= ?2 AND (name, id) > (?2, ?3) AND (?4 = '' OR name LIKE ?5 "
                      "ESCAPE '\\' OR contact LIKE ?5 ESCAPE '\\') ORDER BY name, id LIMIT ?6;"));
  const std::string pattern = internal::ContainsPattern(query.search);
  stmt->Bind(1, std::string_view(query.grid_id))
      .Bind(2, std::string_view(after_name))
      .BindBlob(3, AsBlob(after_id))
      .Bind(4, std::string_view(query.search))
      .Bind(5, std::string_view(pattern))
      .Bind(6, static_cast<int64_t>(query.limit));
  SubjectPage page;
  std::string last_name;
  std::string last_id;
  for (;;) {
    QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    QM_ASSIGN_OR_RETURN(v1::Subject subject,
                        internal::ParseRecord<v1::Subject>(*stmt, 0, "subject"));
    last_name = stmt->ColumnText(1);
    last_id = internal::ColumnBytes(*stmt, 2);
    page.items.push_back(std::move(subject));
  }
  if (static_cast<int>(page.items.size()) == query.limit) page.next_page = last_id + last_name;
  return page;
}

Status Store::PutAdminUnit(const v1::AdminUnit& unit) {
  if (unit.id().empty()) return InvalidArgument("An admin unit needs an id, e.g. T01-V02-G01.");
  if (unit.level() != "town" && unit.level() != "village" && unit.level() != "grid") {
    return InvalidArgument("An admin unit's level is town, village or grid; got \"" + unit.level() +
                           "\".");
  }
  if ((unit.level() == "town") != unit.parent_id().empty()) {
    return InvalidArgument("A town has no parent; a village or grid names its parent unit.");
  }
  QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db_));
  QM_RETURN_IF_ERROR(UpsertAdminUnit(unit));
  v1::Change change;
  change.set_entity(v1::ENTITY_ADMIN_UNIT);
  change.set_record_id(unit.id());
  *change.mutable_admin_unit() = unit;
  QM_RETURN_IF_ERROR(Journal(change).status());
  return txn.Commit();
}

Status Store::UpsertAdminUnit(const v1::AdminUnit& unit) {
  QM_ASSIGN_OR_RETURN(auto put,
                      Stmt("INSERT INTO admin_units (id, parent_id, level, record) VALUES "
                           "(?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET parent_id = "
                           "excluded.parent_id, level = excluded.level, record = "
                           "excluded.record;"));
  put->Bind(1, std::string_view(unit.id()))
      .Bind(2, std::string_view(unit.parent_id()))
      .Bind(3, std::string_view(unit.level()))
      .BindBlob(4, AsBlob(internal::Serialize(unit)));
  return put->Run();
}

Result<v1::AdminUnit> Store::GetAdminUnit(const std::string& id) {
  QM_ASSIGN_OR_RETURN(auto stmt, Stmt("SELECT record FROM admin_units WHERE id = ?;"));
  stmt->Bind(1, std::string_view(id));
  QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return NotFound("The admin unit " + id + " is not in this profile; sync first.");
  return internal::ParseRecord<v1::AdminUnit>(*stmt, 0, "admin unit");
}

Result<std::vector<v1::AdminUnit>> Store::ListAdminUnits(const std::string& parent_id) {
  QM_ASSIGN_OR_RETURN(auto stmt,
                      Stmt("SELECT record FROM admin_units WHERE parent_id = ? ORDER BY id;"));
  stmt->Bind(1, std::string_view(parent_id));
  std::vector<v1::AdminUnit> out;
  for (;;) {
    QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    QM_ASSIGN_OR_RETURN(auto unit, internal::ParseRecord<v1::AdminUnit>(*stmt, 0, "admin unit"));
    out.push_back(std::move(unit));
  }
  return out;
}

Result<std::vector<v1::AdminUnit>> Store::ListAdminUnitsAtLevel(const std::string& level) {
  QM_ASSIGN_OR_RETURN(auto stmt, Stmt("SELECT record FROM admin_units ORDER BY id;"));
  std::vector<v1::AdminUnit> out;
  for (;;) {
    QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    QM_ASSIGN_OR_RETURN(auto unit, internal::ParseRecord<v1::AdminUnit>(*stmt, 0, "admin unit"));
    if (unit.level() == level) out.push_back(std::move(unit));
  }
  return out;
}

Status Store::PutCampaign(const v1::Campaign& campaign) {
  if (campaign.id().empty()) return InvalidArgument("A campaign needs an id.");
  if (campaign.title().empty()) return InvalidArgument("A campaign needs a title.");
  QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db_));
  QM_RETURN_IF_ERROR(UpsertCampaign(campaign));
  v1::Change change;
  change.set_entity(v1::ENTITY_CAMPAIGN);
  change.set_record_id(campaign.id());
  *change.mutable_campaign() = campaign;
  QM_RETURN_IF_ERROR(Journal(change).status());
  return txn.Commit();
}

Status Store::UpsertCampaign(const v1::Campaign& campaign) {
  QM_ASSIGN_OR_RETURN(auto put, Stmt("INSERT INTO campaigns (id, record) VALUES (?, ?) ON CONFLICT "
                                     "(id) DO UPDATE SET record = excluded.record;"));
  put->Bind(1, std::string_view(campaign.id())).BindBlob(2, AsBlob(internal::Serialize(campaign)));
  return put->Run();
}

Result<v1::Campaign> Store::GetCampaign(const std::string& id) {
  QM_ASSIGN_OR_RETURN(auto stmt, Stmt("SELECT record FROM campaigns WHERE id = ?;"));
  stmt->Bind(1, std::string_view(id));
  QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return NotFound("The campaign " + id + " is not in this profile; sync first.");
  return internal::ParseRecord<v1::Campaign>(*stmt, 0, "campaign");
}

}  // namespace qiaomen::core::store
