// Item 4 of issue 19: the at-rest scan of a real field day (the scan of issue 3,
// tests/core/profile/at_rest_test.cc, checks a made-up table). A county imports households whose
// names, addresses and phones are marker strings; a device enrols through FieldDevice (as the CLI
// and the app do), pulls them, edits a phone, records a signed visit with a text answer, a note, a
// photo and a derived hazard, rectifies the hazard with a note and an after-photo, exports an
// offline bundle and syncs; a photo write is then killed half way. Then no marker appears in any
// file of the profile (database, WAL, key and info files, photos, client settings), of its keystore
// folder, of the bundle or of TMPDIR. The control: the county's own (plain) data directory does
// hold them, so the markers really went through the day.

#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "qiaomen/core/keys/file_key_store.h"
#include "qiaomen/core/random.h"
#include "qiaomen/core/uuid.h"
#include "qiaomen/sync/field_device.h"
#include "qiaomen/testing/county_env.h"
#include "qiaomen/testing/fast_kdf.h"
#include "qiaomen/testing/manual_clock.h"
#include "qiaomen/testing/temp_dir.h"

namespace qiaomen::sync {
namespace {

namespace fs = std::filesystem;

// Each marker is one field of the day; all are long enough never to turn up by chance.
const std::vector<std::string> kMarkers = {
    "MKNAME张桂兰",       "MKADDR幸福路十七号",  "13912345601",
    "MKPHONE13700009999", "MKANSWER独居煤炉旁",  "MKNOTE王秀英家",
    "MKHAZARD未装报警器", "MKRECTIFY已装报警器", "MKEXIF李建国家门口",
};

constexpr char kMarkerCsv[] =
    "external_id,kind,town,village,grid,name,address,phone,members,tags\n"
    "H-901,household,T01:Qingshi,V01:Shangcun,G01,MKNAME张桂兰,MKADDR幸福路十七号,13912345601,2,"
    "elderly_alone\n";

// Every marker found in a file under `root` (or `root` itself), as "file: marker".
std::vector<std::string> Scan(const std::string& root, int& files) {
  std::vector<std::string> found;
  auto scan_file = [&](const fs::path& path) {
    ++files;
    std::ifstream in(path, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), {}};
    for (const std::string& marker : kMarkers) {
      if (bytes.find(marker) != std::string::npos) found.push_back(path.string() + ": " + marker);
    }
  };
  if (fs::is_regular_file(root)) {
    scan_file(root);
    return found;
  }
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) scan_file(entry.path());
  }
  return found;
}

// A photo whose bytes carry a marker (as an EXIF comment would), so a photo written in clear is
// found too.
std::string Jpeg(uint64_t seed, size_t size = 120'000) {
  std::string bytes(size, '\0');
  core::SeededRandom(seed).Fill(reinterpret_cast<uint8_t*>(bytes.data()), bytes.size());
  bytes[0] = '\xFF';
  bytes[1] = '\xD8';
  bytes[2] = '\xFF';
  bytes.replace(20, kMarkers.back().size(), kMarkers.back());
  bytes[bytes.size() - 2] = '\xFF';
  bytes[bytes.size() - 1] = '\xD9';
  return bytes;
}

TEST(AtRestDayTest, NoMarkerOfARealDayIsReadableOnTheDevice) {
  auto env = qiaomen::testing::CountyEnv::Create(qiaomen::testing::Backend::kSqlite);
  ASSERT_TRUE(env.ok()) << env.status().ToString();
  auto imported = (*env)->ImportCsv(kMarkerCsv);
  ASSERT_EQ(imported.exit_code, 0) << imported.out << imported.err;
  const std::string checklist = (*env)->dir().Join("household_day.json");
  std::ofstream(checklist)
      << R"({"id":"household_day","version":1,)"
      << R"("title":{"zh":"入户检查","en":"Household check"},)"
      << R"("subjectKind":"HOUSEHOLD","sections":[{"id":"main",)"
      << R"("title":{"zh":"检查","en":"Check"},"items":[)"
      << R"({"id":"stove","kind":"YES_NO_NA","label":{"zh":"煤炉","en":"Stove"}},)"
      << R"({"id":"remark","kind":"TEXT","label":{"zh":"情况","en":"Remark"}}]}]})";
  auto published = (*env)->Run({"publish-template", checklist});
  ASSERT_EQ(published.exit_code, 0) << published.out << published.err;
  auto code = (*env)->AddWorkerWithCode("w1", "grid_worker", "grids:T01-V01-G01");
  ASSERT_TRUE(code.ok()) << code.status().ToString();
  auto server = (*env)->StartServer();
  ASSERT_TRUE(server.ok()) << server.status().ToString();

  // From here on, temporary files of this process go where the scan looks.
  qiaomen::testing::TempDir root;
  const std::string tmp = root.Join("tmp");
  fs::create_directories(tmp);
  const char* old_tmpdir = ::getenv("TMPDIR");
  const std::string saved_tmpdir = old_tmpdir ? old_tmpdir : "";
  ASSERT_EQ(::setenv("TMPDIR", tmp.c_str(), 1), 0);
  const std::string profile_dir = root.Join("profile");
  const std::string keystore_dir = root.Join("keystore");
  const std::string bundle = root.Join("card/day.qmbundle");
  fs::create_directories(root.Join("card"));
  const std::string camera = root.Join("camera");
  fs::create_directories(camera);
  { std::ofstream(camera + "/after.jpg", std::ios::binary) << Jpeg(2); }

  {
    core::keys::FileKeyStore key_store(keystore_dir, core::SecureRandom());
    qiaomen::testing::ManualClock clock(core::SystemClock().NowMillis());
    FieldDeviceDeps deps{clock, core::SecureRandom(), key_store};
    EnrollOptions options;
    options.server_url = (*server)->base_url();
    options.code = *code;
    options.device_name = "phone of w1";
    options.keys.kdf = qiaomen::testing::FastKdf();
    auto device = FieldDevice::Enroll(profile_dir, "246810", options, deps);
    ASSERT_TRUE(device.ok()) << device.status().ToString();
    DeviceSyncResult pulled = (*device)->Sync({});
    ASSERT_TRUE(pulled.status.ok()) << pulled.status.ToString();

    core::profile::Profile& profile = (*device)->profile();
    auto subject = profile.store().GetSubjectByExternalId("H-901");
    ASSERT_TRUE(subject.ok()) << subject.status().ToString();
    v1::Subject edited = *subject;
    edited.set_phone("MKPHONE13700009999");
    ASSERT_TRUE(profile.store().UpdateSubject(edited).ok());

    core::store::VisitInput input;
    v1::Visit& visit = input.visit;
    visit.set_id(core::Uuid::NewV7(clock, core::SecureRandom()).ToBytes());
    visit.set_subject_id(subject->id());
    visit.set_template_id("household_day");
    visit.set_template_version(1);
    visit.set_outcome(v1::CHECKED);
    visit.set_started_at_ms(clock.NowMillis() - 600'000);
    visit.set_finished_at_ms(clock.NowMillis());
    visit.set_note("MKNOTE王秀英家");
    v1::Answer* stove = visit.add_answers();
    stove->set_item_id("stove");
    stove->mutable_value()->set_yes_no(v1::NO);
    v1::Answer* remark = visit.add_answers();
    remark->set_item_id("remark");
    remark->mutable_value()->set_text("MKANSWER独居煤炉旁");
    const std::string jpeg = Jpeg(1);
    v1::Photo meta;
    meta.set_visit_id(visit.id());
    meta.set_subject_id(subject->id());
    meta.set_mime_type("image/jpeg");
    meta.set_taken_at_ms(clock.NowMillis() - 60'000);
    auto sealed = profile.photos().SealBytes(
        std::span(reinterpret_cast<const uint8_t*>(jpeg.data()), jpeg.size()), meta);
    ASSERT_TRUE(sealed.ok()) << sealed.status().ToString();
    visit.add_photos()->set_photo_id(sealed->id());
    visit.mutable_photos(0)->set_sha256(sealed->sha256());
    input.photos.push_back(*sealed);
    v1::Hazard hazard;
    hazard.set_rule_id("co_alarm_missing");
    hazard.set_category("coal_stove");
    hazard.set_severity(v1::GENERAL);
    hazard.set_deadline("2099-01-31");
    hazard.set_description("MKHAZARD未装报警器");
    input.derived_hazards.push_back(hazard);
    input.order_rectification = true;
    auto recorded = profile.RecordSignedVisit(std::move(input));
    ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
    ASSERT_EQ(recorded->hazards.size(), 1u);

    v1::HazardEvent rectified;
    rectified.set_hazard_id(recorded->hazards[0].id());
    rectified.set_kind(v1::RECTIFIED);
    rectified.set_at_ms(clock.NowMillis());
    rectified.set_note("MKRECTIFY已装报警器");
    auto step = profile.RecordHazardStep(rectified, {camera + "/after.jpg"});
    ASSERT_TRUE(step.ok()) << step.status().ToString();

    auto exported = (*device)->ExportBundle(bundle);
    ASSERT_TRUE(exported.ok()) << exported.status().ToString();
    EXPECT_GE(exported->changes, 5);
    DeviceSyncResult pushed = (*device)->Sync({});
    ASSERT_TRUE(pushed.status.ok()) << pushed.status.ToString();
    EXPECT_GE(pushed.report.changes_pushed, 5);
    EXPECT_EQ(pushed.report.changes_quarantined, 0);
    for (const auto& refused : pushed.refused) ADD_FAILURE() << "refused: " << refused.reason;

    // While the profile is open (its WAL holds the newest pages), and after it closed.
    int files = 0;
    for (const std::string& dir : {profile_dir, keystore_dir, tmp, bundle}) {
      const auto found = Scan(dir, files);
      EXPECT_TRUE(found.empty()) << "open: " << found.front();
    }
    EXPECT_TRUE(fs::exists(profile_dir + "/client.conf"));
  }

  // A photo write killed half way: a child opens the device and seals 4 MB photos until it is
  // SIGKILLed, leaving a temporary file or a sealed file without its row.
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(ready[0]);
    core::keys::FileKeyStore key_store(keystore_dir, core::SecureRandom());
    qiaomen::testing::ManualClock clock(core::SystemClock().NowMillis());
    auto device =
        FieldDevice::Open(profile_dir, "246810", {clock, core::SecureRandom(), key_store});
    if (!device.ok()) _exit(2);
    const std::string big = Jpeg(3, 4'000'000);
    const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(big.data()), big.size());
    if (::write(ready[1], "r", 1) != 1) _exit(3);
    while (true) (*device)->profile().photos().SealBytes(bytes, {}).status().IgnoreError();
  }
  ::close(ready[1]);
  char signal = 0;
  ASSERT_EQ(::read(ready[0], &signal, 1), 1) << "the child could not open the device";
  ::close(ready[0]);
  ::usleep(500'000);
  ::kill(child, SIGKILL);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFSIGNALED(status));
  int photo_files = 0;
  for (const auto& entry : fs::directory_iterator(profile_dir + "/photos")) {
    ++photo_files;
    if (entry.path().extension() == ".tmp") std::cout << "[ info ] killed mid-write\n";
  }
  EXPECT_GE(photo_files, 3) << "the child wrote no photo before it was killed";

  int files = 0;
  for (const std::string& dir : {profile_dir, keystore_dir, tmp, bundle}) {
    const auto found = Scan(dir, files);
    EXPECT_TRUE(found.empty()) << "closed: " << found.front();
  }
  // db, key, info, client settings, 2 photos and the killed child's, keystore key, bundle
  EXPECT_GE(files, 9);

  // The control: the county keeps what it received in clear, so the scan does find it there.
  int county_files = 0;
  const auto at_county = Scan((*env)->data_dir(), county_files);
  for (const std::string marker :
       {"MKNAME张桂兰", "MKNOTE王秀英家", "MKANSWER独居煤炉旁", "MKPHONE13700009999"}) {
    bool seen = false;
    for (const std::string& hit : at_county) seen = seen || hit.ends_with(marker);
    EXPECT_TRUE(seen) << marker << " never reached the county";
  }
  if (saved_tmpdir.empty()) {
    ::unsetenv("TMPDIR");
  } else {
    ::setenv("TMPDIR", saved_tmpdir.c_str(), 1);
  }
}

}  // namespace
}  // namespace qiaomen::sync
