#pragma once
// Shared setup for the server tests: a county with two towns, three grids and six subjects, on the
// backend the test is parametrised with.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "qiaomen/testing/county_env.h"

namespace qiaomen::server {

// external_id, kind, town, village, grid, name, address, phone, members, tags
inline constexpr const char* kCountyCsv =
    "external_id,kind,town,village,grid,name,address,phone,members,tags\n"
    "H-001,household,T01:Qingshi,V01:Shangcun,G01,Wang Fang,1 Hill Rd,13800000001,3,coal_heating\n"
    "H-002,household,T01:Qingshi,V01:Shangcun,G01,Li Wei,2 Hill Rd,,1,elderly_alone;coal_heating\n"
    "H-003,household,T01:Qingshi,V01:Shangcun,G02,Zhao Min,3 Hill Rd,,4,\n"
    "P-001,premises,T01:Qingshi,V02:Xiacun,G01,Corner Shop,5 Main St,,0,bottled_gas\n"
    "H-101,household,T02:Baishui,V01:Hecun,G01,Chen Jie,8 River Rd,,2,ebike\n"
    "H-102,household,T02:Baishui,V01:Hecun,G01,Sun Li,9 River Rd,,5,\n";

inline constexpr const char* kGridA = "T01-V01-G01";  // H-001, H-002
inline constexpr const char* kGridB = "T01-V01-G02";  // H-003

class ServerTest : public ::testing::TestWithParam<testing::Backend> {
 protected:
  void SetUp() override {
    auto env = testing::CountyEnv::Create(GetParam());
    ASSERT_TRUE(env.ok()) << env.status().ToString();
    env_ = std::move(env).value();
    auto imported = env_->ImportCsv(kCountyCsv);
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
  }

  void StartServer(std::vector<std::string> extra = {}) {
    auto server = env_->StartServer(std::move(extra));
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
  }

  // A device enrolled for a new worker with `scope`.
  std::unique_ptr<testing::TestDevice> EnrolledDevice(const std::string& worker,
                                                      const std::string& scope,
                                                      const std::string& role = "grid_worker") {
    auto code = env_->AddWorkerWithCode(worker, role, scope);
    EXPECT_TRUE(code.ok()) << code.status().ToString();
    auto device = std::make_unique<testing::TestDevice>();
    auto enrolled = device->Enroll(server_->port(), code.value_or(""));
    EXPECT_TRUE(enrolled.ok()) << enrolled.status().ToString();
    return device;
  }

  // Pulls everything in the device's scope from scratch and returns the changes.
  std::vector<v1::Change> PullAll(testing::TestDevice& device, v1::SyncResponse* last = nullptr) {
    std::vector<v1::Change> all;
    std::string cursor;
    for (int page = 0; page < 100; ++page) {
      auto r = device.Sync(server_->port(), {}, cursor, 3);
      EXPECT_TRUE(r.ok()) << r.status().ToString();
      if (!r.ok()) break;
      all.insert(all.end(), r->changes().begin(), r->changes().end());
      cursor = r->next_cursor();
      if (last) *last = *r;
      if (!r->more()) break;
    }
    return all;
  }

  std::unique_ptr<testing::CountyEnv> env_;
  std::unique_ptr<testing::ServerProcess> server_;
};

inline std::string ParamName(const ::testing::TestParamInfo<testing::Backend>& info) {
  return testing::BackendName(info.param);
}

}  // namespace qiaomen::server
