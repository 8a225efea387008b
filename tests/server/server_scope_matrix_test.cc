// Issue 15: the scope-and-role matrix against a real server, on SQLite and on PostgreSQL. Every
// role (grid worker, inspector, township, county) pushes every kind of record a device sends
// (subject, task, visit, photo, hazard, hazard event) on a subject inside its scope and on one
// outside it, and then pulls from scratch: what the role table (docs/server-api.md) and the scope
// allow is applied, the rest is rejected with permission_denied, and a pull holds nothing from
// outside the scope. Moving a record to another grid and a change naming another device are
// rows of the matrix too.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "qiaomen/core/uuid.h"
#include "server_test_support.h"

namespace qiaomen::server {
namespace {

using testing::Backend;
using testing::TestDevice;

constexpr const char* kTemplate = "household_winter";

struct Role {
  const char* name;
  const char* scope;
  bool staff;     // township or county: creates subjects and tasks, moves subjects
  bool sees_t02;  // the scope contains town T02
};

// grids:T01-V01-G01 holds H-001 and H-002; town:T01 also H-003 and P-001; T02 holds H-101.
const Role kRoles[] = {
    {"grid_worker", "grids:T01-V01-G01", false, false},
    {"inspector", "grids:T01-V01-G01", false, false},
    {"township", "town:T01", true, false},
    {"county", "county", true, true},
};

enum class Kind { kSubject, kTask, kVisit, kPhoto, kHazard, kHazardEvent };
const Kind kKinds[] = {Kind::kSubject, Kind::kTask,   Kind::kVisit,
                       Kind::kPhoto,   Kind::kHazard, Kind::kHazardEvent};

const char* KindName(Kind k) {
  switch (k) {
    case Kind::kSubject:
      return "subject";
    case Kind::kTask:
      return "task";
    case Kind::kVisit:
      return "visit";
    case Kind::kPhoto:
      return "photo";
    case Kind::kHazard:
      return "hazard";
    case Kind::kHazardEvent:
      return "hazard event";
  }
  return "";
}

std::string UuidText(const std::string& id) {
  auto uuid = core::Uuid::FromBytes(id);
  return uuid.ok() ? uuid->ToString() : "";
}

void SetField(v1::Change& change, const std::string& name, const std::string& value) {
  auto* set = change.mutable_fields()->add_fields();
  set->set_field(name);
  set->mutable_value()->set_text(value);
}

class ScopeMatrixTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    ASSERT_TRUE(env_->PublishTemplate(kTemplate).ok());
    StartServer();
    admin_ = EnrolledDevice("admin", "county", "county");
    auto all = PullAll(*admin_);
    for (const char* ext : {"H-001", "H-003", "P-001", "H-101"}) {
      subjects_[ext] = testing::FindSubjectId(all, ext);
      ASSERT_FALSE(subjects_[ext].empty()) << ext;
    }
    // A hazard on the inside and on the outside subject, for the hazard steps.
    for (const char* ext : {"H-001", "H-101"}) {
      v1::Change hazard = NewHazard(*admin_, subjects_[ext]);
      hazards_[ext] = hazard.record_id();
      auto r = admin_->Sync(server_->port(), {hazard});
      ASSERT_TRUE(r.ok() && r->results(0).outcome() == v1::ChangeResult::APPLIED);
      Place(hazard.record_id(), ext);
    }
  }

  v1::Change NewHazard(TestDevice& device, const std::string& subject) {
    std::string id = testing::RandomId();
    v1::Change c = device.NewChange(v1::ENTITY_HAZARD, id);
    c.mutable_hazard()->set_id(id);
    c.mutable_hazard()->set_subject_id(subject);
    c.mutable_hazard()->set_category("heating");
    c.mutable_hazard()->set_severity(v1::GENERAL);
    c.mutable_hazard()->set_deadline("2099-12-31");
    return c;
  }

  // A new record of `kind` on subject `ext` made by `device`.
  v1::Change Make(TestDevice& device, Kind kind, const std::string& ext) {
    const std::string& subject = subjects_[ext];
    switch (kind) {
      case Kind::kSubject: {
        v1::Change c = device.NewChange(v1::ENTITY_SUBJECT, testing::RandomId());
        c.mutable_fields()->set_create(true);
        SetField(c, "grid_id", ext == std::string("H-101") ? "T02-V01-G01" : kGridA);
        SetField(c, "name", "New household");
        return c;
      }
      case Kind::kTask: {
        v1::Change c = device.NewChange(v1::ENTITY_TASK, testing::RandomId());
        c.mutable_fields()->set_create(true);
        SetField(c, "subject_id", UuidText(subject));
        SetField(c, "assignee", device.worker_id());
        SetField(c, "due_date", "2099-12-31");
        return c;
      }
      case Kind::kVisit:
        return device.NewVisit(subject, kTemplate);
      case Kind::kPhoto: {
        std::string id = testing::RandomId();
        v1::Change c = device.NewChange(v1::ENTITY_PHOTO, id);
        c.mutable_photo()->set_id(id);
        c.mutable_photo()->set_sha256(testing::RandomId() + testing::RandomId());
        c.mutable_photo()->set_size(1000);
        c.mutable_photo()->set_visit_id(testing::RandomId());  // its visit is still a draft
        c.mutable_photo()->set_subject_id(subject);
        return c;
      }
      case Kind::kHazard:
        return NewHazard(device, subject);
      case Kind::kHazardEvent: {
        std::string id = testing::RandomId();
        v1::Change c = device.NewChange(v1::ENTITY_HAZARD_EVENT, id);
        c.mutable_hazard_event()->set_id(id);
        c.mutable_hazard_event()->set_hazard_id(hazards_[ext]);
        c.mutable_hazard_event()->set_kind(v1::RECTIFIED);
        c.mutable_hazard_event()->set_actor(device.worker_id());
        return c;
      }
    }
    return {};
  }

  void Place(const std::string& record_id, const std::string& ext) { placed_[record_id] = ext; }

  // Whether `role` may see a record on subject `ext`.
  static bool InScope(const Role& role, const std::string& ext) {
    if (ext == "H-101") return role.sees_t02;
    if (ext == "H-001") return true;
    return role.staff;  // H-003 (grid B) and P-001 (village V02): town T01 only
  }

  std::unique_ptr<TestDevice> admin_;
  std::map<std::string, std::string> subjects_;  // external id -> subject id
  std::map<std::string, std::string> hazards_;   // external id -> hazard id
  std::map<std::string, std::string> placed_;    // record id -> the subject (external id) it is on
};

TEST_P(ScopeMatrixTest, EveryRoleTimesEveryEntityPushAndPull) {
  int n = 0;
  for (const Role& role : kRoles) {
    auto device = EnrolledDevice(std::string("m-") + role.name, role.scope, role.name);
    for (Kind kind : kKinds) {
      for (const char* ext : {"H-001", "H-101"}) {
        SCOPED_TRACE(std::string(role.name) + " pushes a " + KindName(kind) + " on " + ext);
        v1::Change change = Make(*device, kind, ext);
        auto r = device->Sync(server_->port(), {change});
        ASSERT_TRUE(r.ok()) << r.status().ToString();
        ASSERT_EQ(r->results_size(), 1);
        const bool role_allows = role.staff || (kind != Kind::kSubject && kind != Kind::kTask);
        const bool allowed = role_allows && InScope(role, ext);
        if (allowed) {
          EXPECT_EQ(r->results(0).outcome(), v1::ChangeResult::APPLIED) << r->results(0).reason();
          Place(change.record_id(), ext);
        } else {
          EXPECT_EQ(r->results(0).outcome(), v1::ChangeResult::REJECTED);
          EXPECT_EQ(r->results(0).code(), "permission_denied") << r->results(0).reason();
        }
        ++n;
      }
    }
    // A change naming another device is never applied.
    v1::Change forged = Make(*device, Kind::kHazard, "H-001");
    forged.set_device_id(admin_->device_id());
    auto r = device->Sync(server_->port(), {forged});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->results(0).code(), "permission_denied") << role.name;
  }
  EXPECT_EQ(n, 4 * 6 * 2);

  // Every role pulls from scratch: nothing from outside its scope, not even as a removed id.
  for (const Role& role : kRoles) {
    SCOPED_TRACE(std::string(role.name) + " pulls");
    auto device = EnrolledDevice(std::string("p-") + role.name, role.scope, role.name);
    v1::SyncResponse last;
    auto pulled = PullAll(*device, &last);
    std::set<std::string> seen;
    for (const auto& c : pulled) seen.insert(c.record_id());
    for (const auto& [record, ext] : placed_) {
      EXPECT_EQ(seen.count(record) == 1, InScope(role, ext))
          << "a record on " << ext << (InScope(role, ext) ? " is missing" : " leaked");
    }
    for (const auto& [ext, subject] : subjects_) {
      EXPECT_EQ(seen.count(subject) == 1, InScope(role, ext)) << "subject " << ext;
    }
    EXPECT_EQ(last.removed_record_ids_size(), 0);
  }
}

// Moving a subject to another grid: a grid worker may not, township staff may not move it out of
// their town, county staff may; its records move with it, for scope and for pulls.
TEST_P(ScopeMatrixTest, MovingASubjectToAnotherGridTakesItsRecordsAlong) {
  auto worker = EnrolledDevice("wa", std::string("grids:") + kGridA);
  auto township = EnrolledDevice("ta", "town:T01", "township");
  auto t02 = EnrolledDevice("t2", "grids:T02-V01-G01");
  v1::Change visit = worker->NewVisit(subjects_["H-001"], kTemplate);
  ASSERT_EQ(worker->Sync(server_->port(), {visit})->results(0).outcome(),
            v1::ChangeResult::APPLIED);
  auto move = [&](TestDevice& device, const std::string& grid) {
    v1::Change c = device.NewChange(v1::ENTITY_SUBJECT, subjects_["H-001"]);
    SetField(c, "grid_id", grid);
    auto r = device.Sync(server_->port(), {c});
    return r.ok() ? r->results(0) : v1::ChangeResult{};
  };
  EXPECT_EQ(move(*worker, kGridB).code(), "permission_denied") << "a grid worker";
  EXPECT_EQ(move(*township, "T02-V01-G01").code(), "permission_denied") << "out of the town";
  EXPECT_EQ(move(*admin_, "T02-V01-G01").outcome(), v1::ChangeResult::APPLIED);

  // The visit went with its subject: T02's worker sees both, grid A's worker neither.
  std::set<std::string> t02_sees, a_sees;
  for (const auto& c : PullAll(*t02)) t02_sees.insert(c.record_id());
  for (const auto& c : PullAll(*worker)) a_sees.insert(c.record_id());
  EXPECT_TRUE(t02_sees.count(subjects_["H-001"]));
  EXPECT_TRUE(t02_sees.count(visit.record_id())) << "the visit stayed in the old grid";
  EXPECT_FALSE(a_sees.count(visit.record_id()));
  EXPECT_FALSE(a_sees.count(hazards_["H-001"]));
  // And the old grid's worker can no longer add to its hazard.
  v1::Change step = Make(*worker, Kind::kHazardEvent, "H-001");
  EXPECT_EQ(worker->Sync(server_->port(), {step})->results(0).code(), "permission_denied");
}

INSTANTIATE_TEST_SUITE_P(Backends, ScopeMatrixTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), ParamName);

}  // namespace
}  // namespace qiaomen::server
