// Randomized convergence: devices edit overlapping records offline (skewed clocks, partial syncs,
// deletes, severity edits, hazard creations); replicas then apply every change in random orders
// with duplicates, and must end with identical states and identical conflict logs, which must also
// match an oracle computed from the whole set of changes. Seeded; the seed is printed on failure.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include "qiaomen/core/clock.h"
#include "qiaomen/core/hlc.h"
#include "qiaomen/core/merge/merge.h"
#include "qiaomen/core/random.h"
#include "qiaomen/testing/manual_clock.h"
#include "tests/core/merge/change_builder.h"

namespace qiaomen::core::merge {
namespace {

using Key = std::pair<v1::Entity, std::string>;

struct Replica {
  std::map<Key, RecordState> records;
  std::vector<ConflictEntry> conflicts;
  std::set<size_t> applied;  // pool indexes, for devices

  void Apply(const v1::Change& c, bool through_storage) {
    const Key key{c.entity(), c.record_id()};
    std::optional<RecordState> current;
    auto it = records.find(key);
    if (it != records.end()) current = it->second;
    Result<MergeResult> r = ApplyChange(current, c);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    if (through_storage && current.has_value() && !r->changed) {
      EXPECT_TRUE(r->conflicts.empty());
      EXPECT_EQ(CanonicalDump({r->state}), CanonicalDump({*current}));
    }
    RecordState next = std::move(r->state);
    if (through_storage) {  // as the store and the server keep it: encoded, then read back
      Result<RecordState> decoded = DecodeRecordState(EncodeRecordState(next));
      ASSERT_TRUE(decoded.ok());
      next = std::move(decoded).value();
    }
    records[key] = std::move(next);
    conflicts.insert(conflicts.end(), r->conflicts.begin(), r->conflicts.end());
  }
  std::string Dump() const {
    std::vector<RecordState> states;
    for (const auto& [key, state] : records) states.push_back(state);
    return CanonicalDump(states);
  }
};

struct Device {
  std::string id;
  std::unique_ptr<qiaomen::testing::ManualClock> wall;
  std::unique_ptr<HybridClock> hlc;
  Replica local;
};

const std::vector<std::pair<v1::Entity, std::vector<std::string>>>& EditableFields() {
  static const auto* fields = new std::vector<std::pair<v1::Entity, std::vector<std::string>>>{
      {v1::ENTITY_SUBJECT, {"phone", "name", "members", "tags"}},
      {v1::ENTITY_TASK, {"assignee", "due_date"}},
      {v1::ENTITY_HAZARD, {"severity", "deadline", "responsible"}},
  };
  return *fields;
}

v1::FieldValue RandomValue(Random& rng, const std::string& field) {
  if (field == "members") return testing::Int(static_cast<int64_t>(rng.Uniform(3)));
  if (field == "tags") {
    return rng.Uniform(2) ? testing::Texts({"ebike"}) : testing::Texts({"ebike", "coal_heating"});
  }
  if (field == "severity") return testing::Text(rng.Uniform(2) ? "major" : "general");
  return testing::Text(field + "-" + std::to_string(rng.Uniform(3)));
}

// Generates the changes of several devices editing overlapping records, syncing now and then.
std::vector<v1::Change> Generate(uint64_t seed, int devices, int steps) {
  SeededRandom rng(seed);
  std::vector<Device> ds(devices);
  for (int i = 0; i < devices; ++i) {
    ds[i].id = testing::Dev(i + 1);
    ds[i].wall = std::make_unique<qiaomen::testing::ManualClock>(
        1000 + static_cast<int64_t>(rng.Uniform(6)));
    ds[i].hlc = std::make_unique<HybridClock>(*ds[i].wall, 0);
  }
  std::vector<v1::Change> pool;
  for (int step = 0; step < steps; ++step) {
    Device& d = ds[rng.Uniform(devices)];
    // Coarse, skewed clocks: equal stamps across devices happen, and clocks jump back.
    const uint64_t tick = rng.Uniform(10);
    d.wall->Set(d.wall->NowMillis() + (tick < 8 ? static_cast<int64_t>(tick % 3) : -4));
    const uint64_t op = rng.Uniform(100);
    if (op < 25) {
      for (size_t i = 0; i < pool.size(); ++i) {
        if (d.local.applied.count(i) || rng.Uniform(2)) continue;
        d.local.Apply(pool[i], false);
        d.local.applied.insert(i);
        d.hlc->Observe(pool[i].hlc()).IgnoreError();
      }
      continue;
    }
    const auto& [entity, fields] = EditableFields()[rng.Uniform(EditableFields().size())];
    const int record = 1 + static_cast<int>(rng.Uniform(2));
    const Key key{entity, testing::Rec(record)};
    auto local = d.local.records.find(key);
    v1::Change change = testing::Base(entity, record, 0, d.hlc->Now());
    change.set_device_id(d.id);
    change.set_change_id(d.id + std::to_string(change.hlc()));
    if (op < 33) {
      change.set_deleted(true);
    } else if (entity == v1::ENTITY_HAZARD && local == d.local.records.end() && rng.Uniform(2)) {
      v1::Hazard* h = change.mutable_hazard();
      h->set_id(testing::Rec(record));
      h->set_severity(rng.Uniform(2) ? v1::MAJOR : v1::GENERAL);
      h->set_deadline("deadline-" + std::to_string(rng.Uniform(3)));
      h->set_category("gas");
    } else {
      std::vector<std::string> chosen;
      for (const std::string& f : fields) {
        if (rng.Uniform(3) == 0) chosen.push_back(f);
      }
      if (chosen.empty()) chosen.push_back(fields[rng.Uniform(fields.size())]);
      for (const std::string& f : chosen) {
        v1::FieldSet* set = change.mutable_fields()->add_fields();
        set->set_field(f);
        *set->mutable_value() = RandomValue(rng, f);
        if (local != d.local.records.end() && local->second.fields.count(f)) {
          set->set_base_hlc(local->second.fields.at(f).hlc);
        }
      }
    }
    pool.push_back(change);
    d.local.Apply(change, false);
    d.local.applied.insert(pool.size() - 1);
  }
  return pool;
}

// The expected conflict log, from the whole set of changes at once (pairs of concurrent writes with
// different values; (update, delete) pairs where the update is stamped later).
std::string OracleConflicts(const std::vector<v1::Change>& pool,
                            std::map<std::string, int>& rules) {
  std::map<std::tuple<v1::Entity, std::string, std::string>, std::vector<Register>> writes;
  std::map<Key, std::set<std::pair<HlcStamp, std::string>>> updates, deletes;
  for (const v1::Change& c : pool) {
    const Key key{c.entity(), c.record_id()};
    if (c.has_deleted()) {
      deletes[key].insert({c.hlc(), c.device_id()});
      continue;
    }
    std::vector<v1::FieldSet> sets(c.fields().fields().begin(), c.fields().fields().end());
    if (c.has_hazard()) sets = HazardToFieldSets(c.hazard()).value();
    for (const v1::FieldSet& s : sets) {
      Register w{s.value(), c.hlc(), c.device_id(), std::min<HlcStamp>(s.base_hlc(), c.hlc() - 1)};
      auto& list = writes[{c.entity(), c.record_id(), s.field()}];
      bool dup = false;
      for (const Register& o : list) {
        dup |= o.hlc == w.hlc && o.device_id == w.device_id;
      }
      if (!dup) list.push_back(w);
    }
    updates[key].insert({c.hlc(), c.device_id()});
  }
  std::vector<ConflictEntry> entries;
  for (const auto& [where, list] : writes) {
    const auto& [entity, record, field] = where;
    for (size_t i = 0; i < list.size(); ++i) {
      for (size_t j = i + 1; j < list.size(); ++j) {
        const Register& a = list[i];
        const Register& b = list[j];
        if (a.base_hlc >= b.hlc || b.base_hlc >= a.hlc) continue;
        if (a.value.SerializeAsString() == b.value.SerializeAsString()) continue;
        const bool severity = field == "severity" && a.value.text() != b.value.text();
        const bool a_wins = severity ? a.value.text() == "major"
                                     : std::tie(a.hlc, a.device_id) > std::tie(b.hlc, b.device_id);
        ConflictEntry e{entity,         record,         field,
                        a_wins ? a : b, a_wins ? b : a, severity ? "severity_max" : "lww"};
        entries.push_back(e);
      }
    }
  }
  for (const auto& [key, dels] : deletes) {
    for (const auto& d : dels) {
      for (const auto& u : updates[key]) {
        if (u <= d) continue;
        ConflictEntry e;
        e.entity = key.first;
        e.record_id = key.second;
        e.winner.hlc = u.first;
        e.winner.device_id = u.second;
        e.loser.hlc = d.first;
        e.loser.device_id = d.second;
        e.rule = "update_beats_delete";
        entries.push_back(e);
      }
    }
  }
  for (const ConflictEntry& e : entries) ++rules[e.rule];
  return CanonicalConflictDump(entries);
}

// Checks plain fields against the greatest write and the deleted flag against the stamps.
void CheckOracleState(const std::vector<v1::Change>& pool, const Replica& replica) {
  std::map<std::tuple<v1::Entity, std::string, std::string>, Register> best;
  std::map<Key, std::pair<HlcStamp, std::string>> last_update, last_delete;
  for (const v1::Change& c : pool) {
    const Key key{c.entity(), c.record_id()};
    const std::pair<HlcStamp, std::string> stamp{c.hlc(), c.device_id()};
    if (c.has_deleted()) {
      last_delete[key] = std::max(last_delete[key], stamp);
      continue;
    }
    last_update[key] = std::max(last_update[key], stamp);
    std::vector<v1::FieldSet> sets(c.fields().fields().begin(), c.fields().fields().end());
    if (c.has_hazard()) sets = HazardToFieldSets(c.hazard()).value();
    for (const v1::FieldSet& s : sets) {
      Register& b = best[{c.entity(), c.record_id(), s.field()}];
      if (std::make_pair(c.hlc(), c.device_id()) > std::make_pair(b.hlc, b.device_id)) {
        b = Register{s.value(), c.hlc(), c.device_id(), 0};
      }
    }
  }
  for (const auto& [where, reg] : best) {
    const auto& [entity, record, field] = where;
    if (field == "severity") continue;  // below
    const RecordState& s = replica.records.at({entity, record});
    EXPECT_EQ(DescribeValue(s.fields.at(field).value), DescribeValue(reg.value)) << field;
  }
  // Severity: the highest among the writes no other write saw; equal ones by stamp.
  std::map<Key, std::vector<Register>> severities;
  for (const v1::Change& c : pool) {
    std::vector<v1::FieldSet> sets(c.fields().fields().begin(), c.fields().fields().end());
    if (c.has_hazard()) sets = HazardToFieldSets(c.hazard()).value();
    for (const v1::FieldSet& s : sets) {
      if (s.field() != "severity") continue;
      severities[{c.entity(), c.record_id()}].push_back(Register{
          s.value(), c.hlc(), c.device_id(), std::min<HlcStamp>(s.base_hlc(), c.hlc() - 1)});
    }
  }
  for (const auto& [key, writes] : severities) {
    const Register* expected = nullptr;
    for (const Register& w : writes) {
      bool seen = false;
      for (const Register& o : writes) seen |= o.base_hlc >= w.hlc;
      if (seen) continue;
      auto rank = [](const Register& r) {
        return std::make_tuple(r.value.text() == "major", r.hlc, r.device_id);
      };
      if (expected == nullptr || rank(*expected) < rank(w)) expected = &w;
    }
    ASSERT_NE(expected, nullptr);
    const Register& got = replica.records.at(key).fields.at("severity");
    EXPECT_EQ(got.value.text(), expected->value.text());
    EXPECT_EQ(got.hlc, expected->hlc);
    EXPECT_EQ(got.device_id, expected->device_id);
  }
  for (const auto& [key, del] : last_delete) {
    const RecordState& s = replica.records.at(key);
    const bool has_update = last_update.count(key) > 0;
    EXPECT_EQ(s.deleted, !has_update || last_update.at(key) < del);
    EXPECT_EQ(s.flagged, has_update && del < last_update.at(key));
  }
}

// QIAOMEN_MERGE_SEEDS raises the seed count for a longer stress run (the suite runs 200).
int SeedCount() {
  const char* env = std::getenv("QIAOMEN_MERGE_SEEDS");
  return env != nullptr && std::atoi(env) > 0 ? std::atoi(env) : 200;
}

TEST(MergeConvergenceTest, ReplicasAgreeWhateverTheOrder) {
  const int kSeeds = SeedCount();
  constexpr int kReplicas = 4;
  std::map<std::string, int> rules;
  int deleted = 0, flagged = 0;
  for (uint64_t seed = 1; seed <= static_cast<uint64_t>(kSeeds); ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const std::vector<v1::Change> pool = Generate(seed, 4, 40);
    const std::string expected_conflicts = OracleConflicts(pool, rules);
    SeededRandom rng(seed * 7919);
    std::string first_dump;
    for (int r = 0; r < kReplicas; ++r) {
      std::vector<size_t> order(pool.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = i;
      for (size_t i = 0; i < pool.size() / 3; ++i) order.push_back(rng.Uniform(pool.size()));
      for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.Uniform(i)]);
      Replica replica;
      for (size_t i : order) {
        replica.Apply(pool[i], /*through_storage=*/r == 0);
        if (::testing::Test::HasFatalFailure()) return;
      }
      const std::string dump = replica.Dump();
      if (r == 0) {
        first_dump = dump;
        CheckOracleState(pool, replica);
        for (const auto& [key, s] : replica.records) {
          deleted += s.deleted;
          flagged += s.flagged;
        }
      }
      EXPECT_EQ(dump, first_dump) << "replica " << r;
      // Each conflict pair reported exactly once, and the set is the oracle's.
      EXPECT_EQ(CanonicalConflictDump(replica.conflicts), expected_conflicts) << "replica " << r;
      std::set<std::string> keys;
      for (const ConflictEntry& e : replica.conflicts) keys.insert(ConflictKey(e));
      EXPECT_EQ(keys.size(), replica.conflicts.size()) << "replica " << r;
    }
    if (HasFailure()) return;
  }
  // The generator must exercise every rule, or this test proves nothing.
  EXPECT_GT(rules["lww"], kSeeds);
  EXPECT_GT(rules["severity_max"], kSeeds / 4);
  EXPECT_GT(rules["update_beats_delete"], kSeeds / 4);
  EXPECT_GT(deleted, kSeeds / 10);
  EXPECT_GT(flagged, kSeeds / 10);
}

TEST(MergeConvergenceTest, DevicesThatSyncEverythingConverge) {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const std::vector<v1::Change> pool = Generate(seed, 3, 30);
    // Three devices each made part of the pool and saw part of it; now each receives the rest in
    // its own order, as it would from the server.
    SeededRandom rng(seed);
    std::string first;
    for (int d = 0; d < 3; ++d) {
      Replica device;
      for (size_t i = 0; i < pool.size(); ++i) {
        if (pool[i].device_id() == testing::Dev(d + 1)) device.Apply(pool[i], false);
      }
      std::vector<size_t> rest(pool.size());
      for (size_t i = 0; i < rest.size(); ++i) rest[i] = i;
      for (size_t i = rest.size(); i > 1; --i) std::swap(rest[i - 1], rest[rng.Uniform(i)]);
      for (size_t i : rest) device.Apply(pool[i], d == 1);
      if (d == 0) first = device.Dump();
      EXPECT_EQ(device.Dump(), first) << "device " << d;
    }
  }
}

}  // namespace
}  // namespace qiaomen::core::merge
