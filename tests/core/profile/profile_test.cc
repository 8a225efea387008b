#include "qiaomen/core/profile/profile.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "qiaomen/core/keys/file_key_store.h"
#include "qiaomen/testing/fast_kdf.h"
#include "qiaomen/testing/manual_clock.h"
#include "qiaomen/testing/temp_dir.h"

namespace qiaomen::core::profile {
namespace {

class ProfileTest : public ::testing::Test {
 protected:
  ProfileOptions Options() {
    ProfileOptions options;
    options.keys.kdf = testing::FastKdf();
    options.worker_id = "w-017";
    return options;
  }
  std::vector<uint8_t> Jpeg(size_t size) {
    std::vector<uint8_t> bytes(size);
    SeededRandom(size).Fill(bytes.data(), size);
    bytes[0] = 0xFF;
    bytes[1] = 0xD8;
    return bytes;
  }

  testing::TempDir tmp_;
  std::string dir_ = tmp_.Join("profile");
  qiaomen::testing::ManualClock clock_{1'733'000'000'000};
  keys::FileKeyStore key_store_{tmp_.Join("keystore"), SecureRandom()};
  ProfileDeps deps_{clock_, SecureRandom(), key_store_};
};

TEST_F(ProfileTest, ASignedVisitWithPhotosSurvivesReopeningAndVerifies) {
  std::string visit_id;
  std::array<uint8_t, 32> public_key{};
  {
    auto profile = Profile::Create(dir_, "246810", Options(), deps_);
    ASSERT_TRUE(profile.ok()) << profile.status().ToString();
    public_key = (*profile)->device_key().public_key();
    v1::Subject subject;
    subject.set_kind(v1::HOUSEHOLD);
    subject.set_grid_id("T01-V01-G01");
    subject.set_name("李建国");
    subject.set_phone("13812345678");
    auto created = (*profile)->store().CreateSubject(subject);
    ASSERT_TRUE(created.ok()) << created.status().ToString();

    store::VisitInput input;
    input.visit.set_id(Uuid::NewV7(clock_, SecureRandom()).ToBytes());
    input.visit.set_subject_id(created->id());
    input.visit.set_outcome(v1::CHECKED);
    input.visit.set_template_id("household-winter");
    input.visit.set_template_version(2);
    input.visit.set_started_at_ms(clock_.NowMillis() - 60'000);
    input.visit.set_finished_at_ms(clock_.NowMillis());
    for (size_t size : {size_t{70'000}, size_t{5'000}}) {
      v1::Photo meta;
      meta.set_visit_id(input.visit.id());
      auto stored = (*profile)->photos().StoreBytes(Jpeg(size), meta);
      ASSERT_TRUE(stored.ok()) << stored.status().ToString();
      v1::PhotoRef* ref = input.visit.add_photos();
      ref->set_photo_id(stored->id());
      ref->set_sha256(stored->sha256());
    }
    auto recorded = (*profile)->RecordSignedVisit(input);
    ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
    visit_id = recorded->visit.id();
    EXPECT_EQ("w-017", recorded->visit.worker_id());
    EXPECT_EQ((*profile)->info().device_id, recorded->visit.device_id());
    EXPECT_TRUE(evidence::VerifyVisit(recorded->visit, public_key).ok());
  }
  auto profile = Profile::Open(dir_, "246810", deps_);
  ASSERT_TRUE(profile.ok()) << profile.status().ToString();
  EXPECT_EQ(public_key, (*profile)->device_key().public_key());
  auto visit = (*profile)->store().GetVisit(*Uuid::FromBytes(visit_id));
  ASSERT_TRUE(visit.ok()) << visit.status().ToString();
  EXPECT_TRUE(evidence::VerifyVisit(*visit, public_key).ok());
  for (const v1::PhotoRef& ref : visit->photos()) {
    auto photo = (*profile)->store().GetPhoto(*Uuid::FromBytes(ref.photo_id()));
    ASSERT_TRUE(photo.ok());
    EXPECT_EQ(ref.sha256(), photo->sha256());
    EXPECT_TRUE((*profile)->photos().Read(*Uuid::FromBytes(ref.photo_id()), ref.sha256()).ok());
  }
  v1::Visit altered = *visit;
  altered.mutable_photos(0)->mutable_sha256()->at(0) ^= 1;
  EXPECT_EQ(Code::kUnauthenticated, evidence::VerifyVisit(altered, public_key).code());
}

TEST_F(ProfileTest, OpeningCollectsAPhotoFileWhoseRowNeverCommitted) {
  {
    auto profile = Profile::Create(dir_, "246810", Options(), deps_);
    ASSERT_TRUE(profile.ok());
  }
  // A crash between the file and the row: a well-formed photo file with no photo row.
  const std::string orphan = PhotosDir(dir_) + "/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.photo";
  std::ofstream(orphan) << "QMPHOTO1 ...";
  auto profile = Profile::Open(dir_, "246810", deps_);
  ASSERT_TRUE(profile.ok()) << profile.status().ToString();
  EXPECT_EQ(1, (*profile)->photos().collected_at_open().orphan_files);
  EXPECT_FALSE(std::filesystem::exists(orphan));
}

TEST_F(ProfileTest, ChangePinKeepsTheDataAndWrongPinsCount) {
  {
    auto profile = Profile::Create(dir_, "246810", Options(), deps_);
    ASSERT_TRUE(profile.ok());
    v1::Subject subject;
    subject.set_kind(v1::PREMISES);
    subject.set_grid_id("T01-V01-G01");
    subject.set_name("王记饭店");
    ASSERT_TRUE((*profile)->store().CreateSubject(subject).ok());
    ASSERT_TRUE((*profile)->ChangePin("246810", "135799").ok());
  }
  auto wrong = Profile::Open(dir_, "246810", deps_);
  EXPECT_EQ(Code::kUnauthenticated, wrong.status().code());
  EXPECT_NE(wrong.status().message().find("9 attempts remain"), std::string::npos);
  auto profile = Profile::Open(dir_, "135799", deps_);
  ASSERT_TRUE(profile.ok()) << profile.status().ToString();
  EXPECT_EQ(1, *(*profile)->database().QueryInt("SELECT count(*) FROM subjects;"));
}

}  // namespace
}  // namespace qiaomen::core::profile
