// Issue 18, item 3 (ways out): a refused change is listed on the device and sent again once its
// cause is put right, with what was refused with it; the county sees whose it is and that it was
// accepted since; a revoked device re-enrols onto its profile and sends the work it kept.
#include <gtest/gtest.h>

#include "cli_fixture.h"

namespace qiaomen::cli::testing {
namespace {

class WaysOutTest : public CliFixture {
 protected:
  std::string DeviceId() {
    std::string id = Between(Run({"status", "--json"}).out, "device_id");
    return id.size() > 2 ? id.substr(1, id.size() - 2) : "";
  }
};

// The seq of the first refused record of `entity` ("visit") in `qiaomen quarantine --json`.
std::string RefusedSeq(const std::string& json, const std::string& entity) {
  const auto at = json.find("\"entity\":\"" + entity + "\"");
  if (at == std::string::npos) return "";
  const auto seq = json.rfind("\"seq\":", at);
  return seq == std::string::npos ? "" : Between(json.substr(seq), "seq");
}

std::string Line(std::string text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

size_t Count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

TEST_F(WaysOutTest, ARefusedVisitIsListedAndSentAgainWithItsPhotoAndHazard) {
  const std::string both = "grids:T01-V01-G01,T01-V01-G02";
  Enroll("w-resend", both);
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  WritePhoto("p1.jpg");
  ASSERT_EQ(Run({"visit", "record", WriteFile("v.json", CheckedVisitJson("H004", true))}).exit_code,
            0);
  // Township staff take grid 2 from the worker before the visit arrives: it is refused, and its
  // photo and hazard with it.
  ASSERT_EQ(County({"add-worker", "--id", "w-resend", "--name", "Worker w-resend", "--role",
                    "grid_worker", "--scope", "grids:T01-V01-G01"})
                .exit_code,
            0);
  CliRun refused = Run({"sync"});
  ASSERT_EQ(refused.exit_code, 0) << refused.err;

  CliRun status = Run({"status"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_TRUE(Contains(status.out, "`qiaomen quarantine` 列出被拒收的更改")) << status.out;
  CliRun list = Run({"quarantine"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_TRUE(Contains(list.out, "走访：H004 刘明")) << list.out;
  EXPECT_TRUE(Contains(list.out, "照片：H004 刘明")) << list.out;
  EXPECT_TRUE(Contains(list.out, "outside the scope")) << list.out;
  EXPECT_TRUE(Contains(list.out, "Asia/Shanghai")) << list.out;
  // Issue 18, item 3: the refusal's kind from the catalogue, in the chosen language.
  EXPECT_TRUE(Contains(list.out, "超出你的工作范围，请乡镇管理员核实：")) << list.out;
  CliRun list_en = Run({"quarantine", "--lang", "en"});
  EXPECT_TRUE(Contains(list_en.out, "outside your scope; ask township staff: ")) << list_en.out;
  // The county's list: what it was and whose, in Chinese by default.
  auto county_text = County({"quarantine", "--lang", "zh"});
  ASSERT_EQ(county_text.exit_code, 0) << county_text.err;
  EXPECT_TRUE(Contains(county_text.out, "H004 刘明 的照片")) << county_text.out;
  CliRun json = Run({"quarantine", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const std::string first = RefusedSeq(json.out, "visit");
  ASSERT_FALSE(first.empty()) << json.out;
  EXPECT_TRUE(Contains(json.out, "\"subject\":\"H004\",\"subject_name\":\"刘明\"")) << json.out;

  // The county: household, worker, device and time for the photo too, not only the visit.
  auto county = County({"quarantine", "--format", "json"});
  ASSERT_EQ(county.exit_code, 0) << county.err;
  EXPECT_TRUE(Contains(county.out,
                       "\"entity\":\"photo\",\"subject\":\"H004 刘明\",\"worker\":"
                       "\"w-resend Worker w-resend\""))
      << county.out;

  // Sent again before the cause is fixed: refused again, listed again with the new reason.
  CliRun again = Run({"quarantine", "resend", first});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(Contains(again.out, "与之一同被拒收的也一并排队")) << again.out;
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  CliRun still = Run({"quarantine", "--json"});
  const std::string second = RefusedSeq(still.out, "visit");
  ASSERT_FALSE(second.empty()) << still.out;
  EXPECT_NE(second, first);
  EXPECT_EQ(Count(still.out, "\"entity\":\"visit\""), 1u) << still.out;

  // The cause fixed, the visit goes again with its photo and hazard, parent first: all accepted.
  ASSERT_EQ(County({"add-worker", "--id", "w-resend", "--name", "Worker w-resend", "--role",
                    "grid_worker", "--scope", both})
                .exit_code,
            0);
  ASSERT_EQ(Run({"quarantine", "resend", second}).exit_code, 0);
  CliRun sent = Run({"sync"});
  ASSERT_EQ(sent.exit_code, 0) << sent.err;
  EXPECT_FALSE(Contains(sent.out, "拒收")) << sent.out;
  CliRun empty = Run({"quarantine"});
  EXPECT_TRUE(Contains(empty.out, "没有拒收")) << empty.out;
  EXPECT_EQ(Between(Run({"status", "--json"}).out, "pending_changes"), "0");
  auto after = County({"quarantine", "--format", "json"});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_FALSE(Contains(after.out, "\"accepted_since\":false")) << after.out;
  EXPECT_GE(Count(after.out, "\"accepted_since\":true"), 4u) << after.out;

  CliRun unknown = Run({"quarantine", "resend", "999"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_TRUE(Contains(unknown.err, "qiaomen quarantine")) << unknown.err;
  EXPECT_EQ(Run({"quarantine", "resend", "twelve"}).exit_code, 2);
}

TEST_F(WaysOutTest, ARevokedDeviceReenrolsOntoItsProfileAndSendsItsWork) {
  Enroll("w-revoked", "grids:T01-V01-G01");
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  WritePhoto("p1.jpg");
  ASSERT_EQ(
      Run({"visit", "record", WriteFile("v.json", CheckedVisitJson("H002", false))}).exit_code, 0);
  const std::string device = DeviceId();
  ASSERT_FALSE(device.empty());
  ASSERT_EQ(County({"revoke-device", device}).exit_code, 0);
  // Work made while the device is revoked is kept too, and the county reviews it apart.
  ASSERT_EQ(
      Run({"visit", "record", WriteFile("v3.json", CheckedVisitJson("H003", false))}).exit_code, 0);
  CliRun revoked = Run({"sync", "--retries", "0"});
  EXPECT_EQ(revoked.exit_code, 5);
  // Issue 18, item 3: said from the catalogue, with the way out.
  EXPECT_TRUE(Contains(revoked.err, "县服务器不再接受本设备（" + device + "）")) << revoked.err;
  EXPECT_TRUE(Contains(revoked.err, "--device " + device)) << revoked.err;

  // A plain code does not bring a revoked device back: refused by the server, exit 5, and the
  // message says what township staff can do.
  auto plain = County({"enroll-code", "--worker", "w-revoked"});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  CliRun refused = Run({"enroll", "--server", url(), "--code", Line(plain.out)});
  EXPECT_EQ(refused.exit_code, 5) << refused.err;
  EXPECT_TRUE(Contains(refused.err, "--device")) << refused.err;

  auto code = County({"enroll-code", "--worker", "w-revoked", "--device", device});
  ASSERT_EQ(code.exit_code, 0) << code.err;
  CliRun again = Run({"enroll", "--server", url(), "--code", Line(code.out)});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(Contains(again.out, "设备 " + device + " 已重新注册")) << again.out;
  EXPECT_EQ(DeviceId(), device);
  CliRun sync = Run({"sync"});
  ASSERT_EQ(sync.exit_code, 0) << sync.err;
  EXPECT_EQ(Between(Run({"status", "--json"}).out, "pending_changes"), "0");

  // The county sees that this device's work came after a revocation.
  auto devices = County({"devices", "--format", "json"});
  ASSERT_EQ(devices.exit_code, 0) << devices.err;
  const auto at = devices.out.find(device);
  ASSERT_NE(at, std::string::npos) << devices.out;
  EXPECT_EQ(Between(devices.out.substr(at), "status"), "\"reinstated\"") << devices.out;
  EXPECT_NE(Between(devices.out.substr(at), "reenrolled_after_revocation_at"), "\"\"")
      << devices.out;

  // Issue 18, item 3: the county reviews the work from the revoked period: the H002 visit made
  // before the revocation and kept unsent, the H003 visit made while revoked.
  auto work = County({"revoked-work", "--format", "json"});
  ASSERT_EQ(work.exit_code, 0) << work.err;
  auto entry = [&](const std::string& subject) {
    const auto start = work.out.find("\"entity\":\"visit\",\"subject\":\"" + subject);
    if (start == std::string::npos) return std::string();
    return work.out.substr(start, work.out.find('}', start) - start);
  };
  EXPECT_EQ(Between(entry("H002"), "made_while_revoked"), "false") << work.out;
  EXPECT_EQ(Between(entry("H003"), "made_while_revoked"), "true") << work.out;
  EXPECT_TRUE(Contains(work.out, "\"device\":\"" + device)) << work.out;
  auto text = County({"revoked-work"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_TRUE(Contains(text.out, "重新注册")) << text.out;
  EXPECT_TRUE(Contains(text.out, "H003 张芳")) << text.out;
  EXPECT_TRUE(Contains(text.out, "吊销期间记录的，请核实")) << text.out;
  EXPECT_TRUE(Contains(text.out, "吊销前记录、当时未发送的")) << text.out;
  // Work made after the re-enrolment is ordinary work again.
  ASSERT_EQ(
      Run({"visit", "record", WriteFile("v1.json", CheckedVisitJson("H001", false))}).exit_code, 0);
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  auto later = County({"revoked-work", "--format", "json"});
  EXPECT_FALSE(Contains(later.out, "\"subject\":\"H001")) << later.out;
}

// Issue 18, item 4: a device stays its worker's. The county records every change as the
// authenticated worker's, so work captured by one worker and sent after the phone was re-enrolled
// under another would be filed as the other's: a code for another worker is refused, when staff
// issue it for the device and when the device presents it, and the unsent work stays as it was.
TEST_F(WaysOutTest, ADeviceIsNotReenrolledUnderAnotherWorker) {
  Enroll("w-owner", "grids:T01-V01-G01");
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  WritePhoto("p1.jpg");
  ASSERT_EQ(
      Run({"visit", "record", WriteFile("v.json", CheckedVisitJson("H001", false))}).exit_code, 0);
  const std::string pending = Between(Run({"status", "--json"}).out, "pending_changes");
  ASSERT_NE(pending, "0");
  const std::string device = DeviceId();
  ASSERT_TRUE(county().AddWorkerWithCode("w-newcomer", "grid_worker", "grids:T01-V01-G01").ok());

  auto for_device = County({"enroll-code", "--worker", "w-newcomer", "--device", device});
  EXPECT_EQ(for_device.exit_code, 1) << for_device.out;
  EXPECT_TRUE(Contains(for_device.err, "belongs to worker w-owner")) << for_device.err;
  EXPECT_TRUE(Contains(for_device.err, "--worker w-owner --device " + device)) << for_device.err;

  auto plain = County({"enroll-code", "--worker", "w-newcomer"});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  CliRun refused = Run({"enroll", "--server", url(), "--code", Line(plain.out)});
  EXPECT_EQ(refused.exit_code, 5) << refused.err;
  EXPECT_TRUE(Contains(refused.err, "belongs to worker w-owner")) << refused.err;
  EXPECT_TRUE(Contains(refused.err, "reset")) << refused.err;
  CliRun status = Run({"status", "--json"});
  EXPECT_EQ(Between(status.out, "worker_id"), "\"w-owner\"") << status.out;
  EXPECT_EQ(Between(status.out, "pending_changes"), pending) << status.out;
  ASSERT_EQ(Run({"sync"}).exit_code, 0) << "the device still syncs as w-owner";
}

}  // namespace
}  // namespace qiaomen::cli::testing
