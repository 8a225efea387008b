#include "admin/visit_records.h"

#include <algorithm>
#include <map>

#include "qiaomen/v1/change.pb.h"
#include "store/record_state.h"

namespace qiaomen::server {
namespace {

struct SubjectInfo {
  std::string name, address, external_id;
};

// The subjects of `town` ("" every town) by id; `only`, when not empty, limits the query to it.
core::Result<std::map<std::string, SubjectInfo>> LoadSubjects(SqlConnection& conn,
                                                              const std::string& town,
                                                              const std::string& only = "") {
  std::string sql = "SELECT record_id, state FROM records WHERE entity = $1";
  std::vector<SqlValue> params{Int(v1::ENTITY_SUBJECT)};
  if (!town.empty()) {
    sql += " AND town_id = $" + std::to_string(params.size() + 1);
    params.push_back(Text(town));
  }
  if (!only.empty()) {
    sql += " AND record_id = $" + std::to_string(params.size() + 1);
    params.push_back(Blob(only));
  }
  QM_ASSIGN_OR_RETURN(auto rows, conn.Query(sql, params));
  std::map<std::string, SubjectInfo> subjects;
  for (const auto& row : rows) {
    auto state = core::merge::DecodeRecordState(row.Bytes(1));
    if (!state.ok()) continue;
    subjects[row.Bytes(0)] = {RegisterText(*state, "name"), RegisterText(*state, "address"),
                              RegisterText(*state, "external_id")};
  }
  return subjects;
}

std::optional<VisitRecord> DecodeVisit(const SqlRow& row) {
  v1::Change change;
  if (!change.ParseFromString(row.Bytes(0)) || change.entity() != v1::ENTITY_VISIT) {
    return std::nullopt;
  }
  VisitRecord record;
  record.visit = std::move(*change.mutable_visit());
  record.town_id = row.Text(1);
  record.grid_id = row.Text(2);
  record.signature_verified = row.Text(3) == "signed";
  return record;
}

void Describe(VisitRecord& record, const std::map<std::string, SubjectInfo>& subjects) {
  auto it = subjects.find(record.visit.subject_id());
  if (it == subjects.end()) return;
  record.subject_name = it->second.name;
  record.subject_address = it->second.address;
  record.subject_external_id = it->second.external_id;
}

constexpr const char* kVisitColumns = "SELECT snapshot, town_id, grid_id, evidence FROM records ";

core::Result<std::vector<v1::Photo>> PhotosWhere(SqlConnection& conn, const std::string& town,
                                                 const std::string& condition,
                                                 std::vector<SqlValue> params) {
  std::string sql = "SELECT snapshot FROM records WHERE entity = $1" + condition;
  params.insert(params.begin(), Int(v1::ENTITY_PHOTO));
  if (!town.empty()) {
    sql += " AND town_id = $" + std::to_string(params.size() + 1);
    params.push_back(Text(town));
  }
  QM_ASSIGN_OR_RETURN(auto rows, conn.Query(sql, params));
  std::vector<v1::Photo> photos;
  for (const auto& row : rows) {
    v1::Change change;
    if (change.ParseFromString(row.Bytes(0)) && change.entity() == v1::ENTITY_PHOTO) {
      photos.push_back(std::move(*change.mutable_photo()));
    }
  }
  return photos;
}

}  // namespace

core::Result<std::vector<VisitRecord>> ListVisitRecords(SqlConnection& conn,
                                                        const std::string& town) {
  QM_ASSIGN_OR_RETURN(auto subjects, LoadSubjects(conn, town));
  std::string sql = std::string(kVisitColumns) + "WHERE entity = $1";
  std::vector<SqlValue> params{Int(v1::ENTITY_VISIT)};
  if (!town.empty()) {
    sql += " AND town_id = $2";
    params.push_back(Text(town));
  }
  QM_ASSIGN_OR_RETURN(auto rows, conn.Query(sql, params));
  std::vector<VisitRecord> visits;
  for (const auto& row : rows) {
    auto record = DecodeVisit(row);
    if (!record) continue;
    Describe(*record, subjects);
    visits.push_back(std::move(*record));
  }
  std::sort(visits.begin(), visits.end(), [](const VisitRecord& a, const VisitRecord& b) {
    if (a.visit.finished_at_ms() != b.visit.finished_at_ms()) {
      return a.visit.finished_at_ms() > b.visit.finished_at_ms();
    }
    return a.visit.id() > b.visit.id();
  });
  return visits;
}

core::Result<VisitRecord> FindVisitRecord(SqlConnection& conn, const std::string& town,
                                          const std::string& id) {
  QM_ASSIGN_OR_RETURN(
      auto rows, conn.Query(std::string(kVisitColumns) + "WHERE entity = $1 AND record_id = $2",
                            {Int(v1::ENTITY_VISIT), Blob(id)}));
  if (rows.empty() || (!town.empty() && rows[0].Text(1) != town)) {
    return core::NotFound("no such visit here");
  }
  auto record = DecodeVisit(rows[0]);
  if (!record) return core::Corruption("A stored visit is unreadable.");
  QM_ASSIGN_OR_RETURN(auto subjects, LoadSubjects(conn, "", record->visit.subject_id()));
  Describe(*record, subjects);
  return std::move(*record);
}

core::Result<std::vector<v1::Photo>> FindPhotoRecords(SqlConnection& conn, const std::string& town,
                                                      const std::vector<std::string>& ids) {
  std::vector<v1::Photo> photos;
  for (const auto& id : ids) {
    QM_ASSIGN_OR_RETURN(auto found, PhotosWhere(conn, town, " AND record_id = $2", {Blob(id)}));
    for (auto& p : found) photos.push_back(std::move(p));
  }
  return photos;
}

core::Result<std::vector<v1::Photo>> FindHazardPhotoRecords(SqlConnection& conn,
                                                            const std::string& town,
                                                            const std::string& hazard_id) {
  // Photo records do not index their hazard: the hazard's photos are among its subject's town's.
  QM_ASSIGN_OR_RETURN(auto all, PhotosWhere(conn, town, "", {}));
  std::vector<v1::Photo> photos;
  for (auto& p : all) {
    if (p.hazard_id() == hazard_id) photos.push_back(std::move(p));
  }
  return photos;
}

}  // namespace qiaomen::server
