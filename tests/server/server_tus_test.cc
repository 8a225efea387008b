// tus 1.0 photo upload against a real server process, on SQLite and on PostgreSQL.
#include <gtest/gtest.h>
#include <openssl/sha.h>
#include <sodium.h>

#include <filesystem>

#include "server_test_support.h"

namespace qiaomen::server {
namespace {

using testing::Backend;
using testing::HttpHeaders;
using testing::HttpRequest;

std::string Sha256Of(const std::string& data) {
  std::string out(32, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(out.data()),
                     reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return out;
}

std::string Base64(const std::string& raw) {
  std::string out(sodium_base64_encoded_len(raw.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(strlen(out.c_str()));
  return out;
}

std::string Sha1Base64(const std::string& data) {
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return Base64(std::string(reinterpret_cast<char*>(digest), sizeof digest));
}

class TusTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    StartServer();
    device_ = EnrolledDevice("w1", std::string("grids:") + kGridA);
    photo_ = std::string(300000, '\0');
    for (size_t i = 0; i < photo_.size(); ++i) photo_[i] = static_cast<char>((i * 7919) % 251);
    sha_ = Sha256Of(photo_);
  }

  HttpHeaders Auth() const {
    return {{"Authorization", device_->Authorization()}, {"Tus-Resumable", "1.0.0"}};
  }

  testing::HttpReply Create(const std::string& sha_raw, size_t length) {
    HttpHeaders h = Auth();
    h.push_back({"Upload-Length", std::to_string(length)});
    h.push_back({"Upload-Metadata",
                 "filename " + Base64("a.jpg") + ",sha256 " + Base64(testing::HexOf(sha_raw))});
    auto r = HttpRequest(server_->port(), "POST", "/v1/photos/", h);
    EXPECT_TRUE(r.ok());
    return r.value_or(testing::HttpReply{});
  }

  testing::HttpReply Patch(const std::string& location, size_t offset, const std::string& chunk,
                           const std::string& checksum = "") {
    HttpHeaders h = Auth();
    h.push_back({"Content-Type", "application/offset+octet-stream"});
    h.push_back({"Upload-Offset", std::to_string(offset)});
    h.push_back({"Upload-Checksum", "sha1 " + (checksum.empty() ? Sha1Base64(chunk) : checksum)});
    auto r = HttpRequest(server_->port(), "PATCH", location, h, chunk);
    EXPECT_TRUE(r.ok());
    return r.value_or(testing::HttpReply{});
  }

  testing::HttpReply Head(const std::string& location) {
    auto r = HttpRequest(server_->port(), "HEAD", location, Auth());
    EXPECT_TRUE(r.ok());
    return r.value_or(testing::HttpReply{});
  }

  std::unique_ptr<testing::TestDevice> device_;
  std::string photo_;
  std::string sha_;
};

TEST_P(TusTest, OptionsAdvertisesTheExtensions) {
  auto r = HttpRequest(server_->port(), "OPTIONS", "/v1/photos/");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 204);
  EXPECT_EQ(r->Header("tus-version"), "1.0.0");
  EXPECT_EQ(r->Header("tus-resumable"), "1.0.0");
  EXPECT_EQ(r->Header("tus-extension"), "creation,checksum,expiration");
  EXPECT_NE(r->Header("tus-checksum-algorithm").find("sha1"), std::string::npos);
}

TEST_P(TusTest, UploadInChunksWithOffsetAndChecksumErrorsAndResumeAfterRestart) {
  auto created = Create(sha_, photo_.size());
  ASSERT_EQ(created.status, 201) << created.body;
  std::string location = created.Header("location");
  EXPECT_EQ(location, "/v1/photos/" + testing::HexOf(sha_));
  EXPECT_EQ(created.Header("upload-offset"), "0");
  EXPECT_FALSE(created.Header("upload-expires").empty());
  EXPECT_EQ(Create(sha_, photo_.size()).Header("location"), location) << "create is idempotent";

  std::string first = photo_.substr(0, 100000);
  EXPECT_EQ(Patch(location, 0, first).status, 204);
  EXPECT_EQ(Head(location).Header("upload-offset"), "100000");
  auto conflict = Patch(location, 0, first);
  EXPECT_EQ(conflict.status, 409) << "offset mismatch";
  auto mismatch = Patch(location, 100000, photo_.substr(100000, 100000), Sha1Base64("other"));
  EXPECT_EQ(mismatch.status, 460);
  EXPECT_EQ(Head(location).Header("upload-offset"), "100000") << "nothing of a bad chunk is kept";
  auto wrong_type = HttpRequest(server_->port(), "PATCH", location, Auth(), "x");
  ASSERT_TRUE(wrong_type.ok());
  EXPECT_EQ(wrong_type->status, 415);

  // What was received survives a restart.
  EXPECT_EQ(server_->Stop(), 0);
  StartServer();
  EXPECT_EQ(Head(location).Header("upload-offset"), "100000");
  auto last = Patch(location, 100000, photo_.substr(100000));
  EXPECT_EQ(last.status, 204) << last.body;
  EXPECT_EQ(last.Header("upload-offset"), std::to_string(photo_.size()));

  std::string hex = testing::HexOf(sha_);
  std::string blob = env_->data_dir() + "/data/blobs/" + hex.substr(0, 2) + "/" + hex.substr(2);
  ASSERT_TRUE(std::filesystem::exists(blob));
  EXPECT_EQ(std::filesystem::file_size(blob), photo_.size());

  // A blob the server has answers complete at once.
  auto again = Create(sha_, photo_.size());
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.Header("upload-offset"), std::to_string(photo_.size()));
  EXPECT_EQ(Head(location).Header("upload-offset"), std::to_string(photo_.size()));
}

TEST_P(TusTest, WholeUploadWithAnotherHashIsNotCommitted) {
  std::string claimed = Sha256Of("something else");
  auto created = Create(claimed, photo_.size());
  ASSERT_EQ(created.status, 201);
  std::string location = created.Header("location");
  auto done = Patch(location, 0, photo_);
  EXPECT_EQ(done.status, 460) << done.body;
  EXPECT_EQ(Head(location).Header("upload-offset"), "0") << "reset so it can be sent again";
  std::string hex = testing::HexOf(claimed);
  EXPECT_FALSE(std::filesystem::exists(env_->data_dir() + "/data/blobs/" + hex.substr(0, 2) + "/" +
                                       hex.substr(2)));
}

TEST_P(TusTest, RequestsNeedTokenAndVersionAndSha256Metadata) {
  auto no_auth = HttpRequest(server_->port(), "POST", "/v1/photos/",
                             {{"Tus-Resumable", "1.0.0"}, {"Upload-Length", "10"}});
  ASSERT_TRUE(no_auth.ok());
  EXPECT_EQ(no_auth->status, 401);
  HttpHeaders no_version = {{"Authorization", device_->Authorization()}, {"Upload-Length", "10"}};
  auto r = HttpRequest(server_->port(), "POST", "/v1/photos/", no_version);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 412);
  HttpHeaders no_sha = Auth();
  no_sha.push_back({"Upload-Length", "10"});
  auto r2 = HttpRequest(server_->port(), "POST", "/v1/photos/", no_sha);
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(r2->status, 400);
  EXPECT_EQ(Head("/v1/photos/" + std::string(64, 'a')).status, 404);
}

TEST_P(TusTest, VisitEvidenceIsPendingUntilItsPhotoIsUploaded) {
  ASSERT_TRUE(env_->PublishTemplate("household_winter").ok());
  std::string h001 = testing::FindSubjectId(PullAll(*device_), "H-001");
  ASSERT_FALSE(h001.empty());
  auto pushed =
      device_->Sync(server_->port(), {device_->NewVisit(h001, "household_winter", {sha_})});
  ASSERT_TRUE(pushed.ok());
  ASSERT_EQ(pushed->results(0).outcome(), v1::ChangeResult::APPLIED) << pushed->results(0).reason();
  ASSERT_EQ(pushed->missing_photo_sha256_size(), 1);
  EXPECT_EQ(pushed->missing_photo_sha256(0), testing::HexOf(sha_));
  auto before = env_->Run({"report", "--format", "json"});
  EXPECT_NE(before.out.find("\"photos_pending\":1"), std::string::npos) << before.out;
  EXPECT_NE(before.out.find("\"evidence_pending\":1"), std::string::npos) << before.out;

  auto created = Create(sha_, photo_.size());
  ASSERT_EQ(Patch(created.Header("location"), 0, photo_).status, 204);
  auto after = env_->Run({"report", "--format", "json"});
  EXPECT_NE(after.out.find("\"photos_pending\":0"), std::string::npos) << after.out;
  EXPECT_NE(after.out.find("\"evidence_verified\":1"), std::string::npos) << after.out;
}

INSTANTIATE_TEST_SUITE_P(Backends, TusTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         ParamName);

}  // namespace
}  // namespace qiaomen::server
