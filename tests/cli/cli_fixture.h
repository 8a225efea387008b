#pragma once
// A county server process with a small county, the shipped checklists and a campaign, shared by
// the tests of one suite; and the field client run in-process against it with real profiles in a
// TempDir (fast Argon2 so a test takes seconds, a fixed PIN unless the test sets another).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "qiaomen/cli/field_cli.h"
#include "qiaomen/testing/county_env.h"
#include "qiaomen/testing/county_server.h"
#include "qiaomen/testing/fast_kdf.h"
#include "qiaomen/testing/temp_dir.h"

namespace qiaomen::cli::testing {

class FixedPins final : public PinSource {
 public:
  core::Result<std::string> ReadPin(std::string_view purpose, std::string_view) override {
    if (purpose == "current") return current;
    return next.empty() ? current : next;
  }
  std::string current = "1357";
  std::string next;
};

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class CliFixture : public ::testing::Test {
 public:
  static qiaomen::testing::CountyEnv& county() { return *county_; }

 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();

  // Runs `qiaomen --data <profile> ARGS` in-process.
  CliRun Run(const std::vector<std::string>& args);
  // Issues a code for a worker (added once, in `scope`) and enrols this test's profile.
  void Enroll(const std::string& worker = "w1", const std::string& scope = "grids:T01-V01-G01");
  // Writes `text` to a file in the test's directory and returns its path.
  std::string WriteFile(const std::string& name, const std::string& text);
  // A small JPEG-like file, different in every test.
  std::string WritePhoto(const std::string& name, size_t size = 3000);
  // A minimal valid checked visit of household_winter for `subject` (answers built by the forms
  // engine in the test helper, see cli_fixture.cc).
  std::string CheckedVisitJson(const std::string& subject, bool with_hazard);

  static const std::string& url() { return url_; }
  // Stops the suite's server, runs `qiaomen-county ARGS` on its county and starts the server again
  // on the same port, so profiles enrolled before keep their server address.
  static void RestartServerAfter(const std::vector<std::string>& args);

  qiaomen::testing::TempDir dir_;
  FixedPins pins_;
  std::string profile_ = dir_.Join("profile");

 private:
  inline static std::unique_ptr<qiaomen::testing::CountyEnv> county_;
  inline static std::unique_ptr<qiaomen::testing::ServerProcess> server_;
  inline static std::string url_;
};

namespace detail {

inline constexpr const char* kCsv =
    "external_id,kind,town,village,grid,name,address,phone,members,tags\n"
    "H001,household,T01:青石镇,T01-V01:东岭村,T01-V01-G01,王秀英,东岭村1组1号,13100000001,3,"
    "elderly_alone;coal_heating\n"
    "H002,household,T01,T01-V01,T01-V01-G01,李建国,东岭村1组2号,13100000002,4,bottled_gas\n"
    "H003,household,T01,T01-V01,T01-V01-G01,张芳,东岭村1组3号,13100000003,2,\n"
    "H004,household,T01,T01-V01,T01-V01-G02,刘明,东岭村2组1号,13100000004,5,ebike\n";

}  // namespace detail

// Whether `text` contains `part`.
inline bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The raw JSON value of the first member `key` in `text` ("" when absent), e.g. "0", "\"H001\"".
inline std::string Between(const std::string& text, const std::string& key) {
  auto at = text.find("\"" + key + "\":");
  if (at == std::string::npos) return "";
  at += key.size() + 3;
  auto end = text.find_first_of(",}", at);
  return text.substr(at, end - at);
}

// The output of `qiaomen-county ARGS` on the suite's county (for checks against the server).
inline qiaomen::testing::CommandResult County(const std::vector<std::string>& args) {
  return CliFixture::county().Run(args);
}

inline void CliFixture::SetUpTestSuite() {
  auto env = qiaomen::testing::CountyEnv::Create(qiaomen::testing::Backend::kSqlite);
  ASSERT_TRUE(env.ok()) << env.status().message();
  county_ = std::move(env).value();
  auto imported = county_->ImportCsv(detail::kCsv);
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(QIAOMEN_SOURCE_DIR) + "/checklists")) {
    auto r = county_->Run({"publish-template", entry.path().string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  auto campaign = county_->Run({"campaign", "create", "--id", "winter", "--title", "Winter",
                                "--template", "household_winter", "--scope",
                                "grids:T01-V01-G01,T01-V01-G02", "--due", "2030-01-31"});
  ASSERT_EQ(campaign.exit_code, 0) << campaign.err;
  auto server = county_->StartServer();
  ASSERT_TRUE(server.ok()) << server.status().message();
  server_ = std::move(server).value();
  url_ = server_->base_url();
}

inline void CliFixture::RestartServerAfter(const std::vector<std::string>& args) {
  const std::string port = std::to_string(server_->port());
  server_.reset();
  auto r = county_->Run(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto server = county_->StartServer({"--listen", "127.0.0.1:" + port});
  ASSERT_TRUE(server.ok()) << server.status().message();
  server_ = std::move(server).value();
  ASSERT_EQ(server_->base_url(), url_);
}

inline void CliFixture::TearDownTestSuite() {
  server_.reset();
  county_.reset();
}

inline CliRun CliFixture::Run(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  CliContext ctx{out, err, pins_, core::SystemClock(), core::SecureRandom()};
  ctx.kdf = qiaomen::testing::FastKdf();
  std::vector<std::string> full{"--data", profile_};
  full.insert(full.end(), args.begin(), args.end());
  int code = RunFieldCli(full, ctx);
  return {code, out.str(), err.str()};
}

inline void CliFixture::Enroll(const std::string& worker, const std::string& scope) {
  auto code = county_->AddWorkerWithCode(worker, "grid_worker", scope);
  ASSERT_TRUE(code.ok()) << code.status().message();
  CliRun r = Run({"enroll", "--server", url_, "--code", *code});
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

inline std::string CliFixture::WriteFile(const std::string& name, const std::string& text) {
  std::string path = dir_.Join(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

inline std::string CliFixture::WritePhoto(const std::string& name, size_t size) {
  // The test's own folder is in the bytes: the suite shares one county, which stores a photo once
  // by its hash, so two tests' photos must differ for each to be sent and stored as its own.
  std::string bytes = "\xFF\xD8\xFF\xE0" + dir_.Join(name);
  for (size_t i = 0; i < size; ++i) bytes.push_back(static_cast<char>((i * 7 + name.size()) % 251));
  bytes += "\xFF\xD9";
  return WriteFile(name, bytes);
}

inline std::string CliFixture::CheckedVisitJson(const std::string& subject, bool with_hazard) {
  return R"({"subject": ")" + subject + R"(", "template": "household_winter",
  "outcome": "checked", "started_at": "2026-11-28T09:00:00+08:00",
  "finished_at": "2026-11-28T09:15:00+08:00",
  "location": {"latitude": 40.2, "longitude": 116.1, "accuracy_m": 6},
  "answers": {"heating_type": "electric", "gas_type": "none", "ebike_count": 0,
    "elderly_alone": "no", "wiring_ok": "yes", "sockets_ok": "yes",
    "rcd_installed": ")" +
         std::string(with_hazard ? "no" : "yes") + R"(",
    "extinguisher": "no", "escape_clear": "yes", "combustibles_away": "yes",
    "window_exit": "yes"},
  "photos": {"hazard_photos": ["p1.jpg"]},
  "education": ["leaflet", "reminder"]})";
}

}  // namespace qiaomen::cli::testing
