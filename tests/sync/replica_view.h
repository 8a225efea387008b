#pragma once
// What one replica holds of the households in a scope, as comparable text: for the randomized
// convergence test. A view maps a key ("subject/<hex id>", "visit/<hex id>", "conflict/...") to a
// canonical text of the record: a mutable record's whole merge state (every register, its history
// with stamps and writers, tombstones, deleted and flagged) as merge::CanonicalDump prints it, an
// append-only record's fields, a hazard event with its stamp, a task's done visit (devices only),
// and each logged conflict pair. Two replicas agree on a scope iff their views are equal.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "qiaomen/base/hex.h"
#include "qiaomen/core/merge/field_schema.h"
#include "qiaomen/core/merge/record_state.h"
#include "qiaomen/server/sql_connection.h"
#include "qiaomen/v1/change.pb.h"
#include "tests/sync/profile_device.h"

namespace qiaomen::sync::testing {

using ReplicaView = std::map<std::string, std::string>;

// The rows of `sql` (`columns` columns) on the device, every column as bytes (integers as their
// decimal text).
inline std::vector<std::vector<std::string>> DeviceRows(ProfileDevice& device,
                                                        const std::string& sql, int columns) {
  std::vector<std::vector<std::string>> out;
  auto stmt = device.store().database().Prepare(sql);
  EXPECT_TRUE(stmt.ok()) << sql << ": " << stmt.status().ToString();
  if (!stmt.ok()) return out;
  while (true) {
    auto more = stmt->Step();
    EXPECT_TRUE(more.ok()) << sql << ": " << more.status().ToString();
    if (!more.ok() || !*more) break;
    std::vector<std::string> row;
    for (int i = 0; i < columns; ++i) {
      std::vector<uint8_t> bytes = stmt->ColumnBlob(i);
      row.emplace_back(bytes.begin(), bytes.end());
    }
    out.push_back(std::move(row));
  }
  return out;
}

inline std::string Key(v1::Entity entity, const std::string& record_id) {
  return std::string(core::merge::EntityName(entity)) + "/" + base::HexEncode(record_id);
}

inline std::string StateText(const std::string& encoded) {
  auto state = core::merge::DecodeRecordState(encoded);
  EXPECT_TRUE(state.ok()) << state.status().ToString();
  return state.ok() ? core::merge::CanonicalDump({*state}) : "undecodable";
}

inline std::string EventText(const v1::HazardEvent& event, uint64_t hlc) {
  return event.ShortDebugString() + " hlc=" + std::to_string(hlc);
}

// Everything `device` holds of subjects, tasks, hazards, visits, photos, hazard events and logged
// conflicts, except records whose creation it has on its quarantine list (refused ones).
inline ReplicaView DeviceView(ProfileDevice& device) {
  ReplicaView view;
  for (const auto& row :
       DeviceRows(device, "SELECT entity, record_id, state FROM record_states;", 3)) {
    view[Key(static_cast<v1::Entity>(std::stoi(row[0])), row[1])] = StateText(row[2]);
  }
  for (const auto& row : DeviceRows(device, "SELECT id, record FROM visits;", 2)) {
    v1::Visit visit;
    EXPECT_TRUE(visit.ParseFromString(row[1]));
    view[Key(v1::ENTITY_VISIT, row[0])] = visit.ShortDebugString();
  }
  for (const auto& row : DeviceRows(device, "SELECT id, record FROM photos;", 2)) {
    v1::Photo photo;
    EXPECT_TRUE(photo.ParseFromString(row[1]));
    view[Key(v1::ENTITY_PHOTO, row[0])] = photo.ShortDebugString();
  }
  for (const auto& row : DeviceRows(device, "SELECT id, record, hlc FROM hazard_events;", 3)) {
    v1::HazardEvent event;
    EXPECT_TRUE(event.ParseFromString(row[1]));
    view[Key(v1::ENTITY_HAZARD_EVENT, row[0])] = EventText(event, std::stoull(row[2]));
  }
  for (const auto& row : DeviceRows(device,
                                    "SELECT entity, record_id, field, losing_hlc, losing_device "
                                    "FROM conflict_log;",
                                    5)) {
    const std::string record = Key(static_cast<v1::Entity>(std::stoi(row[0])), row[1]);
    if (view.count(record) == 0) continue;  // a record that left the scope
    view["conflict/" + record + "/" + row[2] + "/" + row[3] + "/" + base::HexEncode(row[4])] = "";
  }
  // A record whose creation the county refused is this device's alone (a refused visit, its
  // photos, hazards and events). A refused edit of a record the county has is not excluded.
  auto quarantined = device.store().ListQuarantined();
  EXPECT_TRUE(quarantined.ok()) << quarantined.status().ToString();
  if (!quarantined.ok()) return view;
  for (const auto& q : *quarantined) {
    if (q.change.has_visit() || q.change.has_photo() || q.change.has_hazard_event() ||
        q.change.has_hazard()) {
      view.erase(Key(q.change.entity(), q.change.record_id()));
    }
  }
  return view;
}

// The task -> done visit of `device` (hex; "" while open), for comparing devices with each other.
inline std::map<std::string, std::string> DeviceTasksDone(ProfileDevice& device) {
  std::map<std::string, std::string> out;
  for (const auto& row :
       DeviceRows(device, "SELECT id, coalesce(done_visit_id, x'') FROM tasks;", 2)) {
    out[base::HexEncode(row[0])] = base::HexEncode(row[1]);
  }
  return out;
}

// What the county holds of the records whose grid matches `grid_like` (a LIKE pattern).
inline ReplicaView CountyView(server::SqlConnection& county, const std::string& grid_like) {
  ReplicaView view;
  auto rows = county.Query(
      "SELECT entity, record_id, state, snapshot FROM records WHERE entity BETWEEN 1 AND 6 AND "
      "grid_id LIKE $1",
      {server::Text(grid_like)});
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  if (!rows.ok()) return view;
  std::set<std::string> keys;
  for (const server::SqlRow& row : *rows) {
    const auto entity = static_cast<v1::Entity>(row.Int(0));
    const std::string key = Key(entity, row.Bytes(1));
    keys.insert(key);
    if (core::merge::IsFieldMerged(entity)) {
      view[key] = StateText(row.Bytes(2));
      continue;
    }
    v1::Change change;
    EXPECT_TRUE(change.ParseFromString(row.Bytes(3)));
    if (entity == v1::ENTITY_VISIT) view[key] = change.visit().ShortDebugString();
    if (entity == v1::ENTITY_PHOTO) view[key] = change.photo().ShortDebugString();
    if (entity == v1::ENTITY_HAZARD_EVENT)
      view[key] = EventText(change.hazard_event(), change.hlc());
  }
  auto conflicts = county.Query(
      "SELECT DISTINCT entity, record_id, field, lost_hlc, lost_device FROM conflicts", {});
  EXPECT_TRUE(conflicts.ok()) << conflicts.status().ToString();
  if (!conflicts.ok()) return view;
  for (const server::SqlRow& row : *conflicts) {
    const std::string record = Key(static_cast<v1::Entity>(row.Int(0)), row.Bytes(1));
    if (keys.count(record) == 0) continue;
    view["conflict/" + record + "/" + row.Text(2) + "/" + std::to_string(row.Int(3)) + "/" +
         base::HexEncode(row.Bytes(4))] = "";
  }
  return view;
}

// Lines "only in A", "only in B", "differs" for the first `limit` differences ("" when equal).
inline std::string DiffViews(const ReplicaView& a, const ReplicaView& b, size_t limit = 12) {
  std::string out;
  size_t n = 0;
  auto head = [](const std::string& value) { return value.substr(0, value.find('\n')); };
  auto note = [&](const std::string& line) {
    if (n++ < limit) out += "    " + line + "\n";
  };
  for (const auto& [key, value] : a) {
    auto it = b.find(key);
    if (it == b.end()) {
      note("only in the first: " + key + " " + head(value));
    } else if (it->second != value) {
      note("differs: " + key + "\n      first:  " + value + "\n      second: " + it->second);
    }
  }
  for (const auto& [key, value] : b) {
    if (a.count(key) == 0) note("only in the second: " + key + " " + head(value));
  }
  if (n > limit) out += "    ... " + std::to_string(n - limit) + " more\n";
  return out;
}

}  // namespace qiaomen::sync::testing
