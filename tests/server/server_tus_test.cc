// tus 1.0 photo upload against a real server process, on SQLite and on PostgreSQL.
#include <gtest/gtest.h>
#include <sodium.h>

#include <filesystem>

#include "qiaomen/base/base64.h"
#include "qiaomen/base/gzip.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/base/sha1.h"
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

std::string Sha1Base64(const std::string& data) { return base::Base64Encode(base::Sha1(data)); }

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
    h.push_back({"Upload-Metadata", "filename " + base::Base64Encode("a.jpg") + ",sha256 " +
                                        base::Base64Encode(base::HexEncode(sha_raw))});
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

  // creation-with-upload: the creation request carries the upload's first bytes.
  testing::HttpReply CreateWith(const std::string& sha_raw, size_t length, const std::string& body,
                                const std::string& checksum = "") {
    HttpHeaders h = Auth();
    h.push_back({"Upload-Length", std::to_string(length)});
    h.push_back({"Upload-Metadata", "sha256 " + base::Base64Encode(base::HexEncode(sha_raw))});
    h.push_back({"Content-Type", "application/offset+octet-stream"});
    h.push_back({"Upload-Checksum", "sha1 " + (checksum.empty() ? Sha1Base64(body) : checksum)});
    auto r = HttpRequest(server_->port(), "POST", "/v1/photos/", h, body);
    EXPECT_TRUE(r.ok());
    return r.value_or(testing::HttpReply{});
  }

  testing::HttpReply Status(const std::string& body) {
    auto r = HttpRequest(server_->port(), "POST", "/v1/photo-status", Auth(), body);
    EXPECT_TRUE(r.ok());
    return r.value_or(testing::HttpReply{});
  }

  std::string BlobPath(const std::string& sha_raw) const {
    std::string hex = base::HexEncode(sha_raw);
    return env_->data_dir() + "/data/blobs/" + hex.substr(0, 2) + "/" + hex.substr(2);
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
  EXPECT_EQ(r->Header("tus-extension"), "creation,creation-with-upload,checksum,expiration");
  EXPECT_NE(r->Header("tus-checksum-algorithm").find("sha1"), std::string::npos);
}

TEST_P(TusTest, UploadInChunksWithOffsetAndChecksumErrorsAndResumeAfterRestart) {
  auto created = Create(sha_, photo_.size());
  ASSERT_EQ(created.status, 201) << created.body;
  std::string location = created.Header("location");
  EXPECT_EQ(location, "/v1/photos/" + base::HexEncode(sha_));
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

  std::string hex = base::HexEncode(sha_);
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
  std::string hex = base::HexEncode(claimed);
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
  const v1::Change visit = device_->NewVisit(h001, "household_winter", {sha_});
  auto pushed = device_->Sync(server_->port(), {visit});
  ASSERT_TRUE(pushed.ok());
  ASSERT_EQ(pushed->results(0).outcome(), v1::ChangeResult::APPLIED) << pushed->results(0).reason();
  // Unasked, the answer does not list the photo (the device knows it has not uploaded it) ...
  EXPECT_EQ(pushed->missing_photo_sha256_size(), 0);
  // ... asked (a device re-sending after a restore), it does.
  pushed = device_->Sync(server_->port(), {visit}, "", 0, /*want_missing_photos=*/true);
  ASSERT_TRUE(pushed.ok());
  ASSERT_EQ(pushed->results(0).outcome(), v1::ChangeResult::DUPLICATE);
  ASSERT_EQ(pushed->missing_photo_sha256_size(), 1);
  EXPECT_EQ(pushed->missing_photo_sha256(0), base::HexEncode(sha_));
  auto before = env_->Run({"report", "--format", "json"});
  EXPECT_NE(before.out.find("\"photos_pending\":1"), std::string::npos) << before.out;
  EXPECT_NE(before.out.find("\"evidence_pending\":1"), std::string::npos) << before.out;

  auto created = Create(sha_, photo_.size());
  ASSERT_EQ(Patch(created.Header("location"), 0, photo_).status, 204);
  auto after = env_->Run({"report", "--format", "json"});
  EXPECT_NE(after.out.find("\"photos_pending\":0"), std::string::npos) << after.out;
  EXPECT_NE(after.out.find("\"evidence_verified\":1"), std::string::npos) << after.out;
}

TEST_P(TusTest, CreationWithUploadKeepsTheFirstChunkInOneRoundTrip) {
  auto created = CreateWith(sha_, photo_.size(), photo_.substr(0, 120000));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string location = created.Header("location");
  EXPECT_EQ(location, "/v1/photos/" + base::HexEncode(sha_));
  EXPECT_EQ(created.Header("upload-offset"), "120000");
  EXPECT_EQ(Head(location).Header("upload-offset"), "120000");
  EXPECT_FALSE(std::filesystem::exists(BlobPath(sha_)));
  auto rest = Patch(location, 120000, photo_.substr(120000));
  ASSERT_EQ(rest.status, 204) << rest.body;
  EXPECT_EQ(rest.Header("upload-offset"), std::to_string(photo_.size()));
  ASSERT_TRUE(std::filesystem::exists(BlobPath(sha_)));
  EXPECT_EQ(std::filesystem::file_size(BlobPath(sha_)), photo_.size());

  // A small photo goes whole with its creation, and is verified and stored at once.
  std::string small = photo_.substr(7, 5000);
  auto whole = CreateWith(Sha256Of(small), small.size(), small);
  ASSERT_EQ(whole.status, 201) << whole.body;
  EXPECT_EQ(whole.Header("upload-offset"), "5000");
  EXPECT_TRUE(std::filesystem::exists(BlobPath(Sha256Of(small))));
}

TEST_P(TusTest, CreationWithUploadAndABadChecksumCreatesTheUploadButKeepsNoByte) {
  auto created = CreateWith(sha_, photo_.size(), photo_.substr(0, 100000), Sha1Base64("other"));
  EXPECT_EQ(created.status, 460) << created.body;
  std::string location = created.Header("location");
  EXPECT_EQ(location, "/v1/photos/" + base::HexEncode(sha_)) << "the device knows where to resend";
  EXPECT_EQ(created.Header("upload-offset"), "0");
  EXPECT_EQ(Head(location).Header("upload-offset"), "0") << "nothing of the bad chunk is kept";
  ASSERT_EQ(Patch(location, 0, photo_).status, 204);
  EXPECT_EQ(std::filesystem::file_size(BlobPath(sha_)), photo_.size());
}

TEST_P(TusTest, CreationWithUploadRefusesABodyOfAnotherKindOrBeyondTheLength) {
  HttpHeaders h = Auth();
  h.push_back({"Upload-Length", std::to_string(photo_.size())});
  h.push_back({"Upload-Metadata", "sha256 " + base::Base64Encode(base::HexEncode(sha_))});
  auto untyped = HttpRequest(server_->port(), "POST", "/v1/photos/", h, photo_.substr(0, 1000));
  ASSERT_TRUE(untyped.ok());
  EXPECT_EQ(untyped->status, 415) << "a body that is not upload bytes is not silently dropped";

  std::string small = photo_.substr(0, 1000);
  auto beyond = CreateWith(Sha256Of(small), 500, small);
  EXPECT_EQ(beyond.status, 400) << beyond.body;
  EXPECT_EQ(Head("/v1/photos/" + base::HexEncode(Sha256Of(small))).Header("upload-offset"), "0");
}

TEST_P(TusTest, ACreationBodyCutShortKeepsNothing) {
  // The link drops after half the announced body: the server never sees a whole request.
  std::string half = photo_.substr(0, 50000);
  std::string raw =
      "POST /v1/photos/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + device_->Authorization() +
      "\r\nTus-Resumable: 1.0.0\r\nUpload-Length: " + std::to_string(photo_.size()) +
      "\r\nUpload-Metadata: sha256 " + base::Base64Encode(base::HexEncode(sha_)) +
      "\r\nContent-Type: application/offset+octet-stream\r\nUpload-Checksum: sha1 " +
      Sha1Base64(photo_.substr(0, 100000)) + "\r\nContent-Length: 100000\r\n\r\n" + half;
  auto answer = testing::RawExchange(server_->port(), raw);
  ASSERT_TRUE(answer.ok());
  EXPECT_EQ(answer->find("201"), std::string::npos) << *answer;
  auto status = Status(base::HexEncode(sha_) + "\n");
  ASSERT_EQ(status.status, 200) << status.body;
  EXPECT_EQ(status.body, base::HexEncode(sha_) + " none\n") << "no upload and no byte kept";
  auto created = CreateWith(sha_, photo_.size(), photo_.substr(0, 100000));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Header("upload-offset"), "100000");
}

TEST_P(TusTest, CreationWithUploadOfAPhotoTheServerHasKeepsWhatItHas) {
  // Whole: the stored blob is not touched and the answer says it is complete.
  auto first = CreateWith(sha_, photo_.size(), photo_);
  ASSERT_EQ(first.status, 201) << first.body;
  auto again = CreateWith(sha_, photo_.size(), std::string(1000, 'x'));
  EXPECT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.Header("upload-offset"), std::to_string(photo_.size()));
  EXPECT_EQ(std::filesystem::file_size(BlobPath(sha_)), photo_.size());

  // In part (another device got there first): its bytes stay and the answer says where it is.
  std::string other = photo_.substr(3, 200000);
  ASSERT_EQ(CreateWith(Sha256Of(other), other.size(), other.substr(0, 80000)).status, 201);
  auto second = CreateWith(Sha256Of(other), other.size(), other.substr(0, 50000));
  EXPECT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second.Header("upload-offset"), "80000");
  ASSERT_EQ(Patch(second.Header("location"), 80000, other.substr(80000)).status, 204);
  EXPECT_EQ(std::filesystem::file_size(BlobPath(Sha256Of(other))), other.size());
}

TEST_P(TusTest, PhotoStatusSaysWhatTheServerHoldsOfManyPhotosAtOnce) {
  std::string part = photo_.substr(1, 100000);
  std::string none = photo_.substr(2, 100000);
  ASSERT_EQ(CreateWith(sha_, photo_.size(), photo_).status, 201);
  ASSERT_EQ(CreateWith(Sha256Of(part), part.size(), part.substr(0, 30000)).status, 201);
  std::string asked = base::HexEncode(Sha256Of(none)) + "\n" + base::HexEncode(sha_) + "\r\n" +
                      base::HexEncode(Sha256Of(part));
  auto status = Status(asked);
  ASSERT_EQ(status.status, 200) << status.body;
  EXPECT_EQ(status.body, base::HexEncode(Sha256Of(none)) + " none\n" + base::HexEncode(sha_) +
                             " stored\n" + base::HexEncode(Sha256Of(part)) + " partial 30000\n");
  EXPECT_NE(status.Header("tus-extension").find("creation-with-upload"), std::string::npos);

  EXPECT_EQ(Status("not-a-hash\n").status, 400);
  std::string too_many;
  for (int i = 0; i < 1001; ++i) too_many += base::HexEncode(sha_) + "\n";
  EXPECT_EQ(Status(too_many).status, 413);
  auto no_auth = HttpRequest(server_->port(), "POST", "/v1/photo-status",
                             {{"Tus-Resumable", "1.0.0"}}, base::HexEncode(sha_));
  ASSERT_TRUE(no_auth.ok());
  EXPECT_EQ(no_auth->status, 401);
}

TEST_P(TusTest, AnswersAreGzippedOnlyForAClientThatAcceptsIt) {
  std::string asked;
  for (int i = 0; i < 100; ++i) asked += base::HexEncode(Sha256Of(std::to_string(i))) + "\n";
  auto plain = Status(asked);
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.Header("content-encoding"), "");
  HttpHeaders h = Auth();
  h.push_back({"Accept-Encoding", "deflate, gzip;q=0.8"});
  auto zipped = HttpRequest(server_->port(), "POST", "/v1/photo-status", h, asked);
  ASSERT_TRUE(zipped.ok());
  ASSERT_EQ(zipped->status, 200);
  EXPECT_EQ(zipped->Header("content-encoding"), "gzip");
  EXPECT_LT(zipped->body.size(), plain.body.size() * 3 / 4);
  EXPECT_EQ(base::GzipDecompress(zipped->body, 64 << 20).value_or("?"), plain.body);
  h.back().second = "gzip;q=0, identity";
  auto refused = HttpRequest(server_->port(), "POST", "/v1/photo-status", h, asked);
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->Header("content-encoding"), "");
  EXPECT_EQ(refused->body, plain.body);
}

INSTANTIATE_TEST_SUITE_P(Backends, TusTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         ParamName);

}  // namespace
}  // namespace qiaomen::server
