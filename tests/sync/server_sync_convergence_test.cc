// Randomized end-to-end convergence (issue 19 item 3, issue 22): real profiles and the real county
// server on both backends, through the link simulator. Per seed, a fresh county and a random run of
// offline edits of the same households (every register kind of subjects, tasks and hazards,
// deletes, hazard steps, visits with photos and hazards), syncs in random order with cut links,
// lost answers and doubled requests, a device joining mid-run, a worker's scope changed and back,
// a household moved to another grid by a re-imported list and back, and a county restored from a
// backup. Then every device syncs until nothing moves, and each device's view of its scope must
// equal the county's (and so every other's): every register with its stamps and write history,
// tombstones, deleted and flagged, tasks, visits, photos, hazards and their events with stamps, and
// the logged conflict pairs; tasks are closed by the same visit on every device; every photo's
// bytes are at the county; nothing is left pending and each change is at the county once; and the
// county's state of every subject, task and hazard, and its conflict log, equal what the pure merge
// (the oracle) makes of the changes the county logged, applied in a random order. Devices
// edit and sync whenever the seed says, whatever the county changed meanwhile (so some edits are
// refused: a refused edit must leave the device too).
//
// Every choice comes from core::SeededRandom(seed): a failing seed replays the same steps with
//   QIAOMEN_CONVERGENCE_SEED=N build/ci/tests/qiaomen_sync_tests --gtest_filter='*Convergence*'
// QIAOMEN_CONVERGENCE_SEEDS=N runs seeds 1..N (default kDefaultSeeds). Ids, stamps and the moment
// a cut lands come from the clock and the network, so a replay is the same scenario, not the same
// bytes.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "qiaomen/base/hex.h"
#include "qiaomen/core/random.h"
#include "tests/sync/replica_view.h"
#include "tests/sync/server_sync_fixture.h"

namespace qiaomen::sync::testing {
namespace {

// About 2 to 4 s a seed on the ASan build (two shared cores): 30 seeds by default, as the issue
// asks; QIAOMEN_CONVERGENCE_SEEDS=N runs more.
constexpr int kDefaultSeeds = 30;
constexpr int kSteps = 24;
constexpr char kCountyCsv[] =
    "external_id,kind,town,village,grid,name,address,phone,members,tags\n"
    "H-001,household,T01:Qingshi,V01:Shangcun,G01,Wang Fang,1 Hill Rd,13800000001,3,coal_heating\n"
    "H-002,household,T01:Qingshi,V01:Shangcun,G01,Li Wei,2 Hill Rd,,1,elderly_alone\n"
    "H-003,household,T01:Qingshi,V01:Shangcun,G02,Zhao Lei,3 Hill Rd,,2,\n";
constexpr char kMoveRow[] = "H-002,household,T01:Qingshi,V01:Shangcun,";
constexpr char kMoveTail[] = ",Li Wei,2 Hill Rd,,1,elderly_alone\n";
constexpr const char* kHouseholds[] = {"H-001", "H-002", "H-003"};
constexpr const char* kTags[] = {"coal_heating", "elderly_alone", "bottled_gas", "ebike"};
constexpr char kOtherGrid[] = "grids:T01-V01-G02";
constexpr char kTown[] = "town:T01";

std::vector<uint64_t> Seeds() {
  if (const char* one = std::getenv("QIAOMEN_CONVERGENCE_SEED")) return {std::stoull(one)};
  int n = kDefaultSeeds;
  if (const char* many = std::getenv("QIAOMEN_CONVERGENCE_SEEDS")) n = std::stoi(many);
  std::vector<uint64_t> seeds;
  for (int i = 1; i <= n; ++i) seeds.push_back(static_cast<uint64_t>(i));
  return seeds;
}

// The grid pattern (SQL LIKE) of the county records a scope holds.
std::string GridLike(const std::string& scope) {
  if (scope == kTown) return "T01-%";
  return scope.substr(std::string("grids:").size());
}

// A device with its worker. Township staff (scope town:T01) may also change tasks, delete
// households and escalate, re-inspect and close hazards; grid workers may not (the county refuses).
struct Replica {
  std::string worker;
  std::string scope;
  std::unique_ptr<ProfileDevice> device;
  bool staff() const { return scope == kTown; }
};

class ServerConvergenceTest : public ServerSyncTest {
 protected:
  std::chrono::seconds Budget() const override {
    return std::chrono::seconds(60 + 20 * static_cast<int64_t>(Seeds().size()));
  }

  // A county of its own for one seed: three households in two grids, one campaign (a task per
  // household), the checklist, a server behind a new link.
  void NewCounty() {
    link_.reset();
    server_.reset();
    county_.reset();
    auto env = qiaomen::testing::CountyEnv::Create(GetParam());
    ASSERT_TRUE(env.ok()) << env.status().ToString();
    env_ = std::move(env).value();
    auto imported = env_->ImportCsv(kCountyCsv);
    ASSERT_EQ(imported.exit_code, 0) << imported.out << imported.err;
    ASSERT_TRUE(env_->PublishTemplate(kTemplate).ok());
    auto campaign = env_->Run({"campaign", "create", "--id", "c1", "--title", "Winter",
                               "--template", kTemplate, "--scope", "county", "--due", "+28"});
    ASSERT_EQ(campaign.exit_code, 0) << campaign.out << campaign.err;
    StartServer();
    link_ = std::make_unique<qiaomen::testing::LinkSimulator>("127.0.0.1", server_->port());
    ASSERT_TRUE(link_->Start());
  }

  void AddReplica(const std::string& worker, const std::string& scope) {
    auto device = std::make_unique<ProfileDevice>(
        devices_dir_.Join("s" + std::to_string(seed_) + "-" + worker), worker,
        static_cast<int64_t>(rng_->Uniform(6001)) - 3000);
    core::Status opened = device->Open();
    ASSERT_TRUE(opened.ok()) << opened.ToString();
    Enroll(*device, worker, scope, scope == kTown ? "township" : "grid_worker");
    replicas_.push_back({worker, scope, std::move(device)});
  }

  void SetScope(const std::string& worker, const std::string& scope) {
    auto done = env_->Run({"add-worker", "--id", worker, "--name", worker, "--role", "grid_worker",
                           "--scope", scope});
    ASSERT_EQ(done.exit_code, 0) << done.out << done.err;
  }

  void MoveHousehold(const std::string& grid) {
    auto moved = env_->ImportCsv(std::string("external_id,kind,town,village,grid,name,address,"
                                             "phone,members,tags\n") +
                                 kMoveRow + grid + kMoveTail);
    ASSERT_EQ(moved.exit_code, 0) << moved.out << moved.err;
  }

  uint64_t Pick(uint64_t n) { return rng_->Uniform(n); }
  void Log(const std::string& line) { log_ += "  " + line + "\n"; }

  // One sync of replica `r` over the link, plain or with a lost answer, a cut or every request
  // sent twice.
  void Sync(Replica& r) {
    HookTransport hook(curl_);
    const uint64_t mode = Pick(4);
    bool armed = false;
    if (mode == 1) {
      hook.before = [&](const HttpRequest& request, int) {
        if (!armed && request.url.find("/v1/sync") != std::string::npos) {
          armed = true;
          link_->DropNextResponses(1);
        }
      };
    } else if (mode == 2) {
      link_->CutAfterUpstreamBytes(500 + static_cast<int64_t>(Pick(40'000)));
    } else if (mode == 3) {
      hook.send_twice = true;
    }
    static constexpr const char* kModes[] = {"", " (answer lost)", " (cut)", " (doubled)"};
    Log("sync " + r.worker + kModes[mode]);
    SyncReport report = Run(*r.device, Config(*r.device), &hook);
    EXPECT_TRUE(report.status.ok()) << r.worker << ": " << report.status.ToString();
  }

  // The subject of `external_id` on the replica, or nullopt when it does not hold it.
  std::optional<v1::Subject> SubjectOn(Replica& r, const std::string& external_id) {
    auto subject = r.device->store().GetSubjectByExternalId(external_id);
    if (!subject.ok()) return std::nullopt;
    return *subject;
  }
  std::string TaskOf(Replica& r, const std::string& subject_id) {
    auto rows = DeviceRows(*r.device,
                           "SELECT id FROM tasks WHERE deleted = 0 AND subject_id = x'" +
                               base::HexEncode(subject_id) + "' LIMIT 1;",
                           1);
    return rows.empty() ? "" : rows[0][0];
  }

  void EditSubject(Replica& r, v1::Subject subject) {
    const std::string text = "s" + std::to_string(seed_) + "-" + std::to_string(step_);
    const char* field = "";
    switch (Pick(6)) {
      case 0:
        field = "name";
        subject.set_name("Name " + text);
        break;
      case 1:
        field = "address";
        subject.set_address(text + " Hill Rd");
        break;
      case 2:
        field = "phone";
        subject.set_phone("139" + std::to_string(10'000'000 + Pick(89'999'999)));
        break;
      case 3:
        field = "members";
        subject.set_members(static_cast<int32_t>(1 + Pick(9)));
        break;
      case 4:
        field = "tags";
        subject.clear_tags();
        for (const char* tag : kTags) {
          if (Pick(2) == 0) subject.add_tags(tag);
        }
        break;
      default:
        field = "note";
        subject.set_note("Note " + text);
    }
    Log(r.worker + " edits " + subject.external_id() + "." + field);
    auto changed = r.device->store().UpdateSubject(subject);
    EXPECT_TRUE(changed.ok()) << changed.status().ToString();
  }

  void EditTask(Replica& r, const std::string& task_id) {
    if (task_id.empty()) return;
    auto task = r.device->store().GetTask(*core::Uuid::FromBytes(task_id));
    ASSERT_TRUE(task.ok()) << task.status().ToString();
    if (task->assignee().empty() || Pick(2) == 0) {
      task->set_assignee("w" + std::to_string(1 + Pick(4)));
      Log(r.worker + " edits task.assignee");
    } else {
      task->set_due_date("2027-01-" + std::to_string(10 + Pick(18)));
      Log(r.worker + " edits task.due_date");
    }
    auto changed = r.device->store().UpdateTask(*task);
    EXPECT_TRUE(changed.ok()) << changed.status().ToString();
  }

  // A checked visit of the subject's task with 1-2 photos, half the time finding a hazard ordered
  // to be put right.
  void Visit(Replica& r, const v1::Subject& subject) {
    const int photos = 1 + static_cast<int>(Pick(2));
    std::vector<std::string> bytes;
    for (int i = 0; i < photos; ++i) {
      bytes.push_back(PhotoBytes(4'000 + Pick(30'000),
                                 seed_ * 1'000'000 + step_ * 10 + static_cast<uint64_t>(i)));
    }
    const bool hazard = Pick(2) == 0;
    Log(r.worker + " visits " + subject.external_id() + " with " + std::to_string(photos) +
        " photo(s)" + (hazard ? " and a hazard" : ""));
    ProfileDevice::VisitExtras extras;
    extras.task_id = TaskOf(r, subject.id());
    if (hazard) extras.hazards.push_back(NoCoAlarmHazard());
    auto recorded = r.device->RecordVisitWith(subject.id(), kTemplate, bytes, std::move(extras));
    ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
    for (const v1::PhotoRef& ref : recorded->visit.photos()) {
      photos_.push_back(base::HexEncode(ref.sha256()));
    }
    last_visit_ = recorded->visit.id();
    for (const v1::Hazard& h : recorded->hazards) hazards_.push_back(h.id());
  }

  void EditHazard(Replica& r, const std::string& hazard_id) {
    auto hazard = r.device->store().GetHazard(*core::Uuid::FromBytes(hazard_id));
    if (!hazard.ok()) return;
    const char* field = "";
    switch (Pick(4)) {
      case 0:
        field = "severity";
        hazard->set_severity(Pick(2) == 0 ? v1::MAJOR : v1::GENERAL);
        break;
      case 1:
        field = "deadline";
        hazard->set_deadline("2099-02-" + std::to_string(10 + Pick(18)));
        break;
      case 2:
        field = "responsible";
        hazard->set_responsible("Owner " + std::to_string(step_));
        break;
      default:
        field = "description";
        hazard->set_description("Seen again at step " + std::to_string(step_));
    }
    Log(r.worker + " edits hazard." + field);
    auto changed = r.device->store().UpdateHazard(*hazard);
    EXPECT_TRUE(changed.ok()) << changed.status().ToString();
  }

  // The next step of the hazard's life, if its state on this device allows one.
  void HazardStep(Replica& r, const std::string& hazard_id) {
    auto state = r.device->store().GetHazardState(*core::Uuid::FromBytes(hazard_id));
    if (!state.ok()) return;
    v1::HazardEvent step;
    step.set_hazard_id(hazard_id);
    switch (state->status) {
      case core::domain::HazardStatus::kFound:
        step.set_kind(v1::ORDERED);
        break;
      case core::domain::HazardStatus::kOrdered:
        step.set_kind(r.staff() && Pick(3) == 0 ? v1::ESCALATED : v1::RECTIFIED);
        break;
      case core::domain::HazardStatus::kRectified:
        if (!r.staff()) return;
        step.set_kind(v1::REINSPECTED);
        step.set_passed(Pick(3) != 0);
        break;
      case core::domain::HazardStatus::kReinspected:
        if (!r.staff()) return;
        step.set_kind(v1::CLOSED);
        break;
      case core::domain::HazardStatus::kClosed:
        return;
    }
    step.set_note("Step " + std::to_string(step_));
    Log(r.worker + " hazard step " + v1::HazardEventKind_Name(step.kind()));
    auto recorded = r.device->profile().RecordHazardStep(step, {});
    if (!recorded.ok()) Log("  (refused on the device: " + recorded.status().ToString() + ")");
  }

  // One random action of one replica on one household, or a sync.
  void RandomAction() {
    Replica& r = replicas_[Pick(replicas_.size())];
    const uint64_t what = Pick(10);
    if (what < 3) return Sync(r);
    auto subject = SubjectOn(r, kHouseholds[Pick(3)]);
    if (!subject) return;
    if (what == 3 && r.staff()) return EditTask(r, TaskOf(r, subject->id()));
    if (what == 4) return Visit(r, *subject);
    if (what == 5 && !hazards_.empty()) return EditHazard(r, hazards_[Pick(hazards_.size())]);
    if (what == 6 && !hazards_.empty()) return HazardStep(r, hazards_[Pick(hazards_.size())]);
    if (what == 7 && r.staff() && Pick(4) == 0) {
      Log(r.worker + " deletes " + subject->external_id());
      EXPECT_TRUE(r.device->store().DeleteSubject(*core::Uuid::FromBytes(subject->id())).ok());
      return;
    }
    EditSubject(r, *subject);
  }

  // The county restored from a backup holding a random prefix of each device's changes (and none
  // of the photo files those lost), with a new epoch or (a file-level restore) the old one.
  void RandomRestore() {
    std::vector<std::pair<ProfileDevice*, int64_t>> held;
    std::vector<std::string> lost_blobs;
    for (Replica& r : replicas_) {
      const std::vector<server::SqlValue> dev{server::Blob(r.device->device_id())};
      const int64_t applied =
          CountyInt("SELECT applied_seq FROM devices WHERE device_id = $1", dev);
      const int64_t through = applied <= 0 ? 0 : static_cast<int64_t>(Pick(applied + 1));
      held.emplace_back(r.device.get(), through);
      auto photos = County()->Query(
          "SELECT payload FROM changes WHERE device_id = $1 AND seq > $2 AND entity = 4",
          {server::Blob(r.device->device_id()), server::Int(through)});
      ASSERT_TRUE(photos.ok()) << photos.status().ToString();
      for (const server::SqlRow& row : *photos) {
        v1::Change change;
        ASSERT_TRUE(change.ParseFromString(row.Bytes(0)));
        lost_blobs.push_back(base::HexEncode(change.photo().sha256()));
      }
      Log("  " + r.worker + " kept through seq " + std::to_string(through) + " of " +
          std::to_string(applied));
    }
    const bool new_epoch = Pick(2) == 0;
    Log(std::string("county restored from a backup, ") + (new_epoch ? "new epoch" : "same epoch") +
        ", " + std::to_string(lost_blobs.size()) + " photo file(s) lost");
    Restore(held, lost_blobs, new_epoch);
  }

  // Every device syncs, in order, until a whole round moves nothing.
  void SyncUntilQuiet() {
    for (int round = 0; round < 8; ++round) {
      bool quiet = true;
      for (Replica& r : replicas_) {
        SyncReport report = Run(*r.device);
        EXPECT_TRUE(report.status.ok()) << r.worker << ": " << report.status.ToString();
        quiet = quiet && report.changes_pushed == 0 && report.changes_pulled == 0 &&
                report.photos_uploaded == 0 && report.photos_already_on_server == 0 &&
                !report.epoch_reset;
      }
      if (quiet) return;
    }
    ADD_FAILURE() << "the devices still exchange changes after 8 rounds of syncing";
  }

  // The merge oracle: every mutable record's state at the county equals what the pure merge
  // (core::merge) makes of every change the county logged for it, applied in a random order of
  // the seed's choosing. A record whose state came from elsewhere than its logged changes (a lost
  // write, a write applied twice with two stamps) differs here even when the replicas agree.
  void ExpectCountyEqualsTheMergeOracle() {
    auto rows = County()->Query(
        "SELECT entity, record_id, payload FROM changes WHERE entity IN ($1, $2, $3) ORDER BY id",
        {server::Int(v1::ENTITY_SUBJECT), server::Int(v1::ENTITY_TASK),
         server::Int(v1::ENTITY_HAZARD)});
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    std::map<std::string, std::vector<v1::Change>> logged;
    for (const server::SqlRow& row : *rows) {
      v1::Change change;
      ASSERT_TRUE(change.ParseFromString(row.Bytes(2)));
      logged[Key(static_cast<v1::Entity>(row.Int(0)), row.Bytes(1))].push_back(std::move(change));
    }
    auto records =
        County()->Query("SELECT entity, record_id, state FROM records WHERE entity IN ($1, $2, $3)",
                        {server::Int(v1::ENTITY_SUBJECT), server::Int(v1::ENTITY_TASK),
                         server::Int(v1::ENTITY_HAZARD)});
    ASSERT_TRUE(records.ok()) << records.status().ToString();
    ASSERT_EQ(records->size(), logged.size()) << "a record without logged changes, or the reverse";
    std::set<std::string> oracle_conflicts;
    for (const server::SqlRow& row : *records) {
      const std::string key = Key(static_cast<v1::Entity>(row.Int(0)), row.Bytes(1));
      std::vector<v1::Change>& changes = logged[key];
      for (size_t i = changes.size(); i > 1; --i) std::swap(changes[i - 1], changes[Pick(i)]);
      std::optional<core::merge::RecordState> state;
      for (const v1::Change& change : changes) {
        if (change.has_moved()) continue;  // a relocation mark: no write of its own
        auto merged = change.has_history() ? core::merge::ApplySnapshot(state, change)
                                           : core::merge::ApplyChange(state, change);
        ASSERT_TRUE(merged.ok()) << key << ": " << merged.status().ToString();
        state = std::move(merged->state);
        for (const core::merge::ConflictEntry& c : merged->conflicts) {
          oracle_conflicts.insert(Key(c.entity, c.record_id) + " " + c.field + " lost " +
                                  base::HexEncode(c.loser.device_id) + "@" +
                                  std::to_string(c.loser.hlc) + " " + c.rule);
        }
      }
      ASSERT_TRUE(state.has_value()) << key;
      EXPECT_EQ(core::merge::CanonicalDump({*state}), StateText(row.Bytes(2)))
          << key << ": the county's state is not what the merge makes of its " << changes.size()
          << " logged change(s)";
    }
    // The conflict pairs the merge reported along the way are the ones the county logged.
    auto logged_conflicts = County()->Query(
        "SELECT DISTINCT entity, record_id, field, lost_device, lost_hlc, rule FROM conflicts", {});
    ASSERT_TRUE(logged_conflicts.ok()) << logged_conflicts.status().ToString();
    std::set<std::string> at_county;
    for (const server::SqlRow& row : *logged_conflicts) {
      at_county.insert(Key(static_cast<v1::Entity>(row.Int(0)), row.Bytes(1)) + " " + row.Text(2) +
                       " lost " + base::HexEncode(row.Bytes(3)) + "@" + std::to_string(row.Int(4)) +
                       " " + row.Text(5));
    }
    std::string missing;
    for (const std::string& pair : oracle_conflicts) {
      if (at_county.erase(pair) == 0) missing += "  " + pair + "\n";
    }
    std::string extra;
    for (const std::string& pair : at_county) extra += "  " + pair + "\n";
    EXPECT_EQ(missing, "") << "conflicts the merge reports that the county did not log";
    EXPECT_EQ(extra, "") << "conflicts the county logged that the merge does not report";
    oracle_records_ = records->size();
    oracle_conflicts_ = oracle_conflicts.size();
    Log(std::to_string(records->size()) + " record(s) and " +
        std::to_string(oracle_conflicts.size()) + " conflict(s) equal the merge oracle's");
  }

  void ExpectConverged() {
    std::map<std::string, std::string> done;  // task -> done visit, across devices
    for (Replica& r : replicas_) {
      ProfileDevice& d = *r.device;
      EXPECT_EQ(*d.adapter().PendingChangeCount(), 0) << r.worker << " has changes pending";
      EXPECT_TRUE(d.adapter().PendingPhotos()->empty()) << r.worker << " has photos pending";
      const std::vector<server::SqlValue> dev{server::Blob(d.device_id())};
      EXPECT_EQ(CountyInt("SELECT applied_seq FROM devices WHERE device_id = $1", dev),
                static_cast<int64_t>(d.store().GetSyncState()->last_seq))
          << r.worker;
      auto quarantined = d.store().ListQuarantined();
      ASSERT_TRUE(quarantined.ok()) << quarantined.status().ToString();
      const auto refused = static_cast<int64_t>(quarantined->size());
      for (const auto& q : *quarantined) {
        Log(r.worker + " refused: " + Key(q.change.entity(), q.change.record_id()) + " " + q.code +
            ": " + q.reason);
      }
      EXPECT_EQ(CountyInt("SELECT count(*) FROM changes WHERE device_id = $1", dev),
                static_cast<int64_t>(d.store().GetSyncState()->last_seq) - refused)
          << r.worker << ": each change at the county once";
      const std::string diff = DiffViews(DeviceView(d), CountyView(*County(), GridLike(r.scope)));
      EXPECT_EQ(diff, "") << r.worker << " (" << r.scope << ", first) differs from the county:\n"
                          << diff;
      for (const auto& [task, visit] : DeviceTasksDone(d)) {
        auto [it, fresh] = done.emplace(task, visit);
        EXPECT_EQ(it->second, visit)
            << "task " << task << ": done by another visit on " << r.worker;
      }
    }
    // Every photo the county has a record of, its bytes too (taken photos are all there: each
    // device's photo records equal the county's).
    auto photos = County()->Query("SELECT snapshot FROM records WHERE entity = 4", {});
    ASSERT_TRUE(photos.ok()) << photos.status().ToString();
    for (const server::SqlRow& row : *photos) {
      v1::Change change;
      ASSERT_TRUE(change.ParseFromString(row.Bytes(0)));
      ExpectCountyHoldsPhoto(base::HexEncode(change.photo().sha256()));
    }
    Log(std::to_string(photos->size()) + " photo(s) at the county, " +
        std::to_string(photos_.size()) + " taken");
  }

  void RunSeed(uint64_t seed) {
    seed_ = seed;
    core::SeededRandom rng(seed);
    rng_ = &rng;
    replicas_.clear();
    photos_.clear();
    hazards_.clear();
    log_.clear();
    NewCounty();
    AddReplica("w1", kGridScope);
    AddReplica("w2", kGridScope);
    AddReplica("w3", kTown);
    for (Replica& r : replicas_) Sync(r);
    // The one-off events, each at its own step.
    const int join = 1 + static_cast<int>(Pick(kSteps - 2));
    const int scope_out = 1 + static_cast<int>(Pick(kSteps / 2));
    const int scope_back = scope_out + 1 + static_cast<int>(Pick(kSteps / 2 - 1));
    const int move_out = 1 + static_cast<int>(Pick(kSteps / 2));
    const int move_back = move_out + 1 + static_cast<int>(Pick(kSteps / 2 - 1));
    const int restore = 2 + static_cast<int>(Pick(kSteps - 3));
    const std::string late_scope = Pick(3) == 0 ? kTown : (Pick(2) == 0 ? kOtherGrid : kGridScope);
    for (step_ = 0; step_ < kSteps && !HasFatalFailure(); ++step_) {
      Log("step " + std::to_string(step_));
      if (step_ == join) {
        Log("w4 joins (" + late_scope + ")");
        AddReplica("w4", late_scope);
      }
      if (step_ == scope_out) {
        Log("w2 moves to " + std::string(kOtherGrid));
        SetScope("w2", kOtherGrid);
      }
      if (step_ == scope_back) {
        Log("w2 moves back");
        SetScope("w2", kGridScope);
      }
      if (step_ == move_out) {
        Log("H-002 moved to G02 by a re-import");
        MoveHousehold("G02");
      }
      if (step_ == move_back) {
        Log("H-002 moved back to G01");
        MoveHousehold("G01");
      }
      if (step_ == restore) RandomRestore();
      RandomAction();
    }
    Log("final syncs");
    SyncUntilQuiet();
    ExpectConverged();
    ExpectCountyEqualsTheMergeOracle();
    rng_ = nullptr;
  }

  uint64_t seed_ = 0;
  int step_ = 0;
  core::SeededRandom* rng_ = nullptr;
  std::vector<Replica> replicas_;
  std::vector<std::string> photos_;   // hex SHA-256 of every photo taken
  std::vector<std::string> hazards_;  // every hazard found, in order
  std::string log_;
  std::string last_visit_;     // the id of the last visit Visit() recorded
  size_t oracle_records_ = 0;  // records and conflict pairs the merge oracle checked
  size_t oracle_conflicts_ = 0;
};

TEST_P(ServerConvergenceTest, RandomOfflineWorkConvergesOnEveryDeviceAndTheCounty) {
  for (uint64_t seed : Seeds()) {
    const auto start = std::chrono::steady_clock::now();
    SCOPED_TRACE("seed " + std::to_string(seed) +
                 ": replay with QIAOMEN_CONVERGENCE_SEED=" + std::to_string(seed) +
                 " build/ci/tests/qiaomen_sync_tests --gtest_filter='*Convergence*/" +
                 qiaomen::testing::BackendName(GetParam()) + "'");
    RunSeed(seed);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start)
                        .count();
    if (HasFailure()) {
      ADD_FAILURE() << "seed " << seed << " diverged; its steps:\n" << log_;
      replicas_.clear();
      return;
    }
    std::printf(
        "[ seed %llu ] converged in %lld ms; %zu records and %zu conflict pairs as the "
        "merge oracle has them\n",
        static_cast<unsigned long long>(seed), static_cast<long long>(ms), oracle_records_,
        oracle_conflicts_);
  }
  replicas_.clear();
}

// Found by seed 3: two workers visit one task offline; the device whose own later visit had closed
// the task kept it as the closing visit when the earlier one arrived, while the other device (and
// every later one) named the earlier: "done by" differed between devices for good.
TEST_P(ServerConvergenceTest, ATaskIsClosedByItsFirstVisitOnEveryDeviceWhateverTheArrivalOrder) {
  core::SeededRandom rng(1);
  rng_ = &rng;
  NewCounty();
  AddReplica("w1", kGridScope);
  AddReplica("w2", kGridScope);
  Replica& first = replicas_[0];
  Replica& second = replicas_[1];
  for (Replica& r : replicas_) {
    r.device->clock().SetOffset(0);
    ASSERT_TRUE(Run(*r.device).status.ok());
  }
  auto subject = SubjectOn(first, "H-001");
  ASSERT_TRUE(subject.has_value());
  const std::string task = base::HexEncode(TaskOf(first, subject->id()));
  ASSERT_FALSE(task.empty());
  Visit(first, *subject);
  const std::string earlier = base::HexEncode(last_visit_);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  Visit(second, *SubjectOn(second, "H-001"));
  ASSERT_NE(base::HexEncode(last_visit_), earlier);
  // The later visit reaches the county first; then each device learns of the other's.
  for (Replica* r : {&second, &first, &second}) ASSERT_TRUE(Run(*r->device).status.ok());
  for (Replica& r : replicas_) {
    EXPECT_EQ(DeviceTasksDone(*r.device)[task], earlier) << r.worker;
  }
  replicas_.clear();
  rng_ = nullptr;
}

// Found by seed 3 (a longer run): snapshot pages left deleted records out, so a device enrolled
// after a delete never had the record's history. An edit made offline before the delete, arriving
// later, brings the record back everywhere (an update beats a delete it did not see), but on the
// new device only with that one field: no name, no address.
TEST_P(ServerConvergenceTest, ADeviceEnrolledAfterADeleteGetsTheRecordsHistory) {
  core::SeededRandom rng(1);
  rng_ = &rng;
  NewCounty();
  AddReplica("w1", kGridScope);
  AddReplica("w3", kTown);
  for (Replica& r : replicas_) ASSERT_TRUE(Run(*r.device).status.ok());
  {
    Replica& editor = replicas_[0];
    Replica& staff = replicas_[1];
    auto subject = SubjectOn(editor, "H-001");
    ASSERT_TRUE(subject.has_value());
    subject->set_phone("13912345678");
    ASSERT_TRUE(editor.device->store().UpdateSubject(*subject).ok());  // offline
    ASSERT_TRUE(staff.device->store().DeleteSubject(*core::Uuid::FromBytes(subject->id())).ok());
    ASSERT_TRUE(Run(*staff.device).status.ok());
  }

  AddReplica("w4", kGridScope);  // (replicas_ may move: references are taken again)
  Replica& late = replicas_[2];
  ASSERT_TRUE(Run(*late.device).status.ok());
  ASSERT_TRUE(Run(*replicas_[0].device).status.ok());
  for (Replica& r : replicas_) ASSERT_TRUE(Run(*r.device).status.ok());
  auto back = SubjectOn(late, "H-001");
  ASSERT_TRUE(back.has_value()) << "the update beat the delete it did not see";
  EXPECT_EQ(back->name(), "Wang Fang");
  EXPECT_EQ(back->phone(), "13912345678");
  for (Replica& r : replicas_) {
    const std::string diff =
        DiffViews(DeviceView(*r.device), CountyView(*County(), GridLike(r.scope)));
    EXPECT_EQ(diff, "") << r.worker << " (first) differs from the county:\n" << diff;
  }
  replicas_.clear();
  rng_ = nullptr;
}

// Found by seeds 1 and 3: a register edit the county refused stayed in the merge state of the
// device that made it. Here a worker edits a household's phone offline while the county moves the
// household to another grid; the county refuses the edit (outside the worker's scope) and the
// device kept the household, with its phone, although it left its scope; when the household came
// back, the device still showed its refused phone, the county and every other device the old one,
// with no conflict logged. Now Store::Quarantine takes the refused write out of its record.
TEST_P(ServerConvergenceTest, ARefusedRegisterEditLeavesTheDevice) {
  core::SeededRandom rng(1);
  rng_ = &rng;
  NewCounty();
  AddReplica("w1", kGridScope);
  AddReplica("w2", kGridScope);
  for (Replica& r : replicas_) ASSERT_TRUE(Run(*r.device).status.ok());
  Replica& editor = replicas_[0];
  auto subject = SubjectOn(editor, "H-002");
  ASSERT_TRUE(subject.has_value());
  subject->set_phone("13912345678");
  ASSERT_TRUE(editor.device->store().UpdateSubject(*subject).ok());

  MoveHousehold("G02");
  SyncReport refused = Run(*editor.device);
  ASSERT_TRUE(refused.status.ok()) << refused.status.ToString();
  ASSERT_EQ(editor.device->store().ListQuarantined()->size(), 1u) << "the edit was refused";
  EXPECT_FALSE(SubjectOn(editor, "H-002").has_value()) << "the household left the scope";

  MoveHousehold("G01");
  for (Replica& r : replicas_) ASSERT_TRUE(Run(*r.device).status.ok());
  for (Replica& r : replicas_) {
    EXPECT_EQ(SubjectOn(r, "H-002")->phone(), "") << r.worker;
    const std::string diff =
        DiffViews(DeviceView(*r.device), CountyView(*County(), GridLike(r.scope)));
    EXPECT_EQ(diff, "") << r.worker << " (first) differs from the county:\n" << diff;
  }
  replicas_.clear();
  rng_ = nullptr;
}

// Found by seed 9: a device whose scope changed (or whose household moved) while it was offline,
// and which is reset by a county restore before it syncs, pulled a fresh snapshot of its new scope
// with nothing removed (a reset forgets the cursor, and with it the scope the device had), and
// kept the records of its old scope for good. Now the first log page after a snapshot drops what
// no snapshot page named (Store::ApplyPulledPage).
TEST_P(ServerConvergenceTest, ARestoreBeforeADeviceLearntOfAScopeChangeDropsTheOldScope) {
  core::SeededRandom rng(1);
  rng_ = &rng;
  NewCounty();
  AddReplica("w1", kGridScope);
  Replica& r = replicas_[0];
  ASSERT_TRUE(Run(*r.device).status.ok());
  SetScope("w1", kOtherGrid);
  ASSERT_TRUE(Run(*r.device).status.ok());
  ASSERT_TRUE(SubjectOn(r, "H-003").has_value());
  ASSERT_FALSE(SubjectOn(r, "H-001").has_value());
  // Back to its grid while offline; then the county is restored (its epoch kept or not).
  SetScope("w1", kGridScope);
  Restore({{r.device.get(), 0}}, {}, /*new_epoch=*/true);
  SyncReport report = Run(*r.device);
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_TRUE(report.epoch_reset);
  EXPECT_TRUE(SubjectOn(r, "H-001").has_value());
  EXPECT_FALSE(SubjectOn(r, "H-003").has_value()) << "H-003 left the device's scope";
  const std::string diff =
      DiffViews(DeviceView(*r.device), CountyView(*County(), GridLike(r.scope)));
  EXPECT_EQ(diff, "") << "the device (first) differs from the county:\n" << diff;
  replicas_.clear();
  rng_ = nullptr;
}

INSTANTIATE_TEST_SUITE_P(Backends, ServerConvergenceTest, ::testing::ValuesIn(kBothBackends),
                         BackendParamName);

}  // namespace
}  // namespace qiaomen::sync::testing
