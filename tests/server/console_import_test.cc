// 导入 over real HTTP: a subjects CSV posted as a file (multipart/form-data, as a browser sends it)
// is checked by a dry run that writes nothing and lists every problem with its line; the confirm
// step imports it. A township imports its own town's rows only; a GBK file is converted as the
// CLI converts it. On SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "console_test_support.h"

namespace qiaomen::server {
namespace {

using testing::Backend;

constexpr const char* kHeader =
    "external_id,kind,town,village,grid,name,address,phone,members,tags\n";
constexpr const char* kBoundary = "----qiaomenTestBoundary7MA4YWxk";

class ConsoleImportTest : public ConsoleTest {
 protected:
  void SetUp() override {
    ConsoleTest::SetUp();
    if (HasFatalFailure()) return;
    township_ = SessionOf("qingshi1");
    county_ = SessionOf("county1");
  }

  // Posts `csv` as the file of the import form to /console/import/ACTION, with the session's
  // CSRF token unless `csrf` says otherwise.
  testing::HttpReply PostFile(const std::string& session, const std::string& action,
                              const std::string& csv, std::string csrf = "",
                              const std::string& query = "") {
    if (csrf.empty()) csrf = CsrfOf(Get("/console/import", session).body);
    const std::string b = kBoundary;
    std::string body = "--" + b + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" +
                       csrf + "\r\n--" + b +
                       "\r\nContent-Disposition: form-data; name=\"file\"; "
                       "filename=\"subjects.csv\"\r\nContent-Type: text/csv\r\n\r\n" +
                       csv + "\r\n--" + b +
                       "\r\nContent-Disposition: form-data; name=\"csv\"\r\n\r\n\r\n--" + b +
                       "--\r\n";
    auto r = testing::HttpRequest(server_->port(), "POST", "/console/import/" + action + query,
                                  {{"Content-Type", "multipart/form-data; boundary=" + b},
                                   {"Cookie", "qm_session=" + session}},
                                  body);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.value_or(testing::HttpReply{});
  }

  // Posts the confirm form with `csv`.
  testing::HttpReply Commit(const std::string& session, const std::string& csv) {
    const std::string csrf = CsrfOf(Get("/console/import", session).body);
    return Post("/console/import/commit", "qm_session=" + session,
                "csrf=" + csrf + "&csv=" + Encode(csv));
  }

  // Subjects and change log rows: what an import writes.
  std::string Written() {
    auto db = Database();
    if (!db) return "";
    auto subjects = db->QueryOne("SELECT count(*) FROM subject_ids");
    auto changes = db->QueryOne("SELECT count(*) FROM changes");
    auto units = db->QueryOne("SELECT count(*) FROM admin_units");
    if (!subjects.ok() || !changes.ok() || !units.ok()) return "";
    return std::to_string(subjects->Int(0)) + " subjects, " + std::to_string(changes->Int(0)) +
           " changes, " + std::to_string(units->Int(0)) + " units";
  }

  std::string township_, county_;
};

TEST_P(ConsoleImportTest, ThePreviewCountsAndWritesNothingAndTheConfirmImports) {
  const std::string csv = std::string(kHeader) +
                          "H-010,household,T01:Qingshi,V01:Shangcun,G01,Zhou Yi,10 Hill Rd,,2,\n"
                          "H-011,household,T01:Qingshi,V03:Xincun,G01,Wu Er,11 Hill Rd,,1,\n"
                          "H-001,household,T01:Qingshi,V01:Shangcun,G01,Wang Fang,1 Hill Rd,"
                          "13900000009,3,coal_heating\n";
  const std::string before = Written();
  ASSERT_FALSE(before.empty());

  testing::HttpReply preview = PostFile(township_, "preview", csv);
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_NE(preview.body.find("检查通过，还没有写入"), std::string::npos);
  EXPECT_NE(preview.body.find("新增 <b>2</b>"), std::string::npos) << preview.body;
  EXPECT_NE(preview.body.find("修改 <b>1</b>"), std::string::npos);
  EXPECT_NE(preview.body.find("新的镇、村、网格 <b>2</b>"), std::string::npos);
  EXPECT_NE(preview.body.find("action=\"/console/import/commit\""), std::string::npos);
  EXPECT_EQ(Written(), before) << "a preview writes nothing";

  testing::HttpReply done = Commit(township_, csv);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_NE(done.body.find("已导入"), std::string::npos);
  EXPECT_NE(done.body.find("新增 <b>2</b>"), std::string::npos);
  EXPECT_NE(Written(), before);
  // Again: nothing changes.
  const std::string after = Written();
  testing::HttpReply again = Commit(township_, csv);
  EXPECT_EQ(again.status, 200);
  EXPECT_NE(again.body.find("不变 <b>3</b>"), std::string::npos) << again.body;
  EXPECT_EQ(Written(), after);
}

TEST_P(ConsoleImportTest, EveryProblemIsListedWithItsLineAndNothingIsWritten) {
  // Line 3 is another town's row (a township imports its own town only), line 4 has no name and
  // line 5 a bad member count.
  const std::string csv = std::string(kHeader) +
                          "H-020,household,T01:Qingshi,V01:Shangcun,G01,Qian San,,,1,\n"
                          "H-120,household,T02:Baishui,V01:Hecun,G01,Ma Liu,,,1,\n"
                          "H-021,household,T01:Qingshi,V01:Shangcun,G01,,,,1,\n"
                          "H-022,household,T01:Qingshi,V01:Shangcun,G01,Lu Qi,,,many,\n";
  const std::string before = Written();

  testing::HttpReply preview = PostFile(township_, "preview", csv);
  EXPECT_EQ(preview.status, 400);
  EXPECT_NE(preview.body.find("没有写入任何内容"), std::string::npos);
  // Each problem with its line and column, in the page's language (issue 17).
  EXPECT_NE(preview.body.find("第 3 行</b> <small>（town 列）</small>：镇 T02 不是这个账号的镇"),
            std::string::npos)
      << preview.body;
  EXPECT_NE(preview.body.find("第 4 行</b> <small>（name 列）</small>：“name”是空的"),
            std::string::npos);
  EXPECT_NE(preview.body.find("第 5 行</b> <small>（members 列）</small>：members “many”"),
            std::string::npos);
  EXPECT_EQ(preview.body.find("line "), std::string::npos) << "no English: " << preview.body;
  testing::HttpReply english = PostFile(township_, "preview", csv, "", "?lang=en");
  EXPECT_EQ(english.status, 400);
  EXPECT_NE(english.body.find("Line 3</b> <small>(column town)</small>: town T02 is not this "
                              "account&apos;s town (T01)"),
            std::string::npos)
      << english.body;
  EXPECT_NE(
      english.body.find("Line 5</b> <small>(column members)</small>: members &apos;many&apos;"),
      std::string::npos)
      << english.body;
  EXPECT_EQ(preview.body.find("第 2 行"), std::string::npos);
  EXPECT_EQ(preview.body.find("确认导入"), std::string::npos);
  EXPECT_EQ(Written(), before);

  // Posting the confirm form with it anyway (no preview) is refused the same way.
  testing::HttpReply commit = Commit(township_, csv);
  EXPECT_EQ(commit.status, 400);
  EXPECT_NE(commit.body.find("第 3 行"), std::string::npos);
  EXPECT_EQ(Written(), before);

  // Another town's rows alone: refused for the township, imported by the county.
  const std::string baishui =
      std::string(kHeader) + "H-120,household,T02:Baishui,V01:Hecun,G01,Ma Liu,,,1,\n";
  EXPECT_EQ(Commit(township_, baishui).status, 400);
  EXPECT_EQ(Written(), before);
  EXPECT_EQ(Commit(county_, baishui).status, 200);
  EXPECT_NE(Written(), before);
}

TEST_P(ConsoleImportTest, AGbkFileIsConvertedAndAFormWithoutTheTokenIsRefused) {
  // 王芳 in GBK, as Chinese Excel saves a plain CSV.
  const std::string gbk_name = "\xCD\xF5\xB7\xBC";
  const std::string csv =
      std::string(kHeader) + "H-030,household,T01:Qingshi,V01:Shangcun,G01," + gbk_name + ",,,2,\n";
  const std::string before = Written();

  EXPECT_EQ(PostFile(township_, "preview", csv, std::string(64, 'f')).status, 403);
  EXPECT_EQ(PostFile(township_, "commit", csv, std::string(64, 'f')).status, 403);
  EXPECT_EQ(Written(), before);

  testing::HttpReply preview = PostFile(township_, "preview", csv);
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_NE(preview.body.find("已转换为 UTF-8"), std::string::npos);
  EXPECT_NE(preview.body.find("G01,王芳,,,2,"), std::string::npos) << "the confirm form's text";
  EXPECT_EQ(Written(), before);

  // The file itself through the commit step: imported, with the name in UTF-8.
  testing::HttpReply done = PostFile(township_, "commit", csv);
  ASSERT_EQ(done.status, 200) << done.body;
  auto db = Database();
  ASSERT_NE(db, nullptr);
  auto subjects = db->QueryOne("SELECT count(*) FROM subject_ids WHERE external_id = 'H-030'");
  ASSERT_TRUE(subjects.ok());
  EXPECT_EQ(subjects->Int(0), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, ConsoleImportTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), ParamName);

}  // namespace
}  // namespace qiaomen::server
