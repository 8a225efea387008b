#pragma once
// A real county for the app's tests: a data directory (SQLite, or a fresh database of the shared
// test PostgreSQL) with one household and one grid worker (w1), through the qiaomen-county program
// (qiaomen::testing::CountyEnv).

#include <QtGlobal>
#include <memory>
#include <string>

#include "qiaomen/testing/county_env.h"

namespace qiaomen::mobile {

inline std::unique_ptr<qiaomen::testing::CountyEnv> CountyWithWorker(
    qiaomen::testing::Backend backend = qiaomen::testing::Backend::kSqlite) {
  auto env = qiaomen::testing::CountyEnv::Create(backend);
  if (!env.ok()) {
    qWarning("%s", env.status().ToString().c_str());
    return nullptr;
  }
  auto imported = (*env)->ImportCsv(
      "external_id,kind,town,village,grid,name,address,phone,members,tags\n"
      "H-001,household,T01:Qingshi,V01:Shangcun,G01,Wang Fang,1 Hill Rd,13800000001,3,\n");
  auto added = (*env)->Run({"add-worker", "--id", "w1", "--name", "Wang", "--role", "grid_worker",
                            "--scope", "grids:T01-V01-G01"});
  if (imported.exit_code != 0 || added.exit_code != 0) {
    qWarning("%s%s", imported.err.c_str(), added.err.c_str());
    return nullptr;
  }
  return std::move(*env);
}

// Publishes the checklist household_winter (the shipped one when `shipped`, with its hazard rules;
// otherwise a minimal one) and a county-wide campaign c1 on it, so that w1 gets a task. False with
// a warning when the county refuses.
inline bool AddWinterCampaign(const qiaomen::testing::CountyEnv& env, bool shipped = false) {
  if (shipped) {
    auto published = env.Run({"publish-template", std::string(QIAOMEN_SOURCE_DIR) +
                                                      "/checklists/household_winter.json"});
    if (published.exit_code != 0) {
      qWarning("%s%s", published.out.c_str(), published.err.c_str());
      return false;
    }
  } else if (auto published = env.PublishTemplate("household_winter"); !published.ok()) {
    qWarning("%s", published.ToString().c_str());
    return false;
  }
  auto campaign = env.Run({"campaign", "create", "--id", "c1", "--title", "冬季", "--template",
                           "household_winter", "--scope", "county", "--due", "+7"});
  if (campaign.exit_code != 0) qWarning("%s", campaign.err.c_str());
  return campaign.exit_code == 0;
}

// A one-time enrolment code for `worker` from `qiaomen-county enroll-code` ("" with a warning when
// the county refuses).
inline std::string EnrolmentCode(const qiaomen::testing::CountyEnv& env,
                                 const std::string& worker = "w1") {
  auto code = env.Run({"enroll-code", "--worker", worker});
  if (code.exit_code != 0) {
    qWarning("%s", code.err.c_str());
    return "";
  }
  while (!code.out.empty() && code.out.back() == '\n') code.out.pop_back();
  return code.out;
}

}  // namespace qiaomen::mobile
