// The console in Chinese first, English when chosen (issue 17): ?lang=en on any console address
// sets a cookie that every later page reads, without script; each page then speaks English only
// (its own words: data such as a staff member's name stays as typed). On SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <cstdint>

#include "console_test_support.h"

namespace qiaomen::server {
namespace {

using testing::Backend;

// The first Chinese character of `html` with some text around it, "" when it has none. The
// fixture's staff names ("county1同志") and the switch back to Chinese ("中文") are left out:
// they are data and the other language's own name.
std::string ChineseIn(std::string html) {
  for (const std::string& allowed : {std::string("同志"), std::string("中文")}) {
    for (size_t at = html.find(allowed); at != std::string::npos; at = html.find(allowed)) {
      html.erase(at, allowed.size());
    }
  }
  for (size_t i = 0; i + 2 < html.size(); ++i) {
    const auto c = static_cast<unsigned char>(html[i]);
    if ((c & 0xF0) != 0xE0) continue;
    const uint32_t cp = ((c & 0x0F) << 12) |
                        ((static_cast<unsigned char>(html[i + 1]) & 0x3F) << 6) |
                        (static_cast<unsigned char>(html[i + 2]) & 0x3F);
    // CJK ideographs and the full-width punctuation Chinese text uses.
    if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3000 && cp <= 0x303F) ||
        (cp >= 0xFF00 && cp <= 0xFFEF)) {
      const size_t from = i > 80 ? i - 80 : 0;
      return html.substr(from, 160);
    }
  }
  return "";
}

class ConsoleLanguageTest : public ConsoleTest {
 protected:
  testing::HttpReply GetWith(const std::string& target, const std::string& cookie) {
    testing::HttpHeaders headers;
    if (!cookie.empty()) headers.push_back({"Cookie", cookie});
    auto r = testing::HttpRequest(server_->port(), "GET", target, headers);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.value_or(testing::HttpReply{});
  }
};

TEST_P(ConsoleLanguageTest, ChineseByDefaultAndEnglishOnceChosenOnEveryPage) {
  testing::HttpReply zh = GetWith("/console/login", "");
  ASSERT_EQ(zh.status, 200);
  EXPECT_NE(zh.body.find("<html lang=\"zh-CN\">"), std::string::npos);
  EXPECT_NE(zh.body.find("工作人员登录"), std::string::npos);
  EXPECT_NE(zh.body.find("href=\"?lang=en\""), std::string::npos) << "a link, no script";
  EXPECT_EQ(SetCookieValue(zh, "qm_lang"), "");

  testing::HttpReply en = GetWith("/console/login?lang=en", "");
  ASSERT_EQ(en.status, 200);
  std::string line;
  EXPECT_EQ(SetCookieValue(en, "qm_lang", &line), "en");
  EXPECT_NE(line.find("Path=/console/"), std::string::npos) << line;
  EXPECT_NE(en.body.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(en.body.find("Staff sign-in"), std::string::npos);
  EXPECT_EQ(ChineseIn(en.body), "") << en.body;

  const std::string session = SessionOf("county1");
  const std::string english = "qm_session=" + session + "; qm_lang=en";
  for (const char* page : {"/console/", "/console/hazards", "/console/visits", "/console/conflicts",
                           "/console/refusals", "/console/people", "/console/import"}) {
    testing::HttpReply r = GetWith(page, english);
    ASSERT_EQ(r.status, 200) << page << "\n" << r.body;
    EXPECT_NE(r.body.find("<html lang=\"en\">"), std::string::npos) << page;
    EXPECT_EQ(ChineseIn(r.body), "") << page;
    EXPECT_NE(r.body.find(">Hazards</a>"), std::string::npos) << page;
    EXPECT_NE(r.body.find("href=\"?lang=zh\""), std::string::npos) << page << ": the way back";
    // The cookie alone decides: without it the same page is Chinese.
    testing::HttpReply chinese = GetWith(page, "qm_session=" + session);
    EXPECT_NE(chinese.body.find(">隐患台账</a>"), std::string::npos) << page;
  }
  // The CSV exports' headers follow the page's language.
  testing::HttpReply csv = GetWith("/console/hazards.csv", english);
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBFHousehold / premises,", 0), 0u) << csv.body;
  // ?lang=zh switches back, remembered the same way.
  testing::HttpReply back = GetWith("/console/hazards?lang=zh", english);
  EXPECT_EQ(SetCookieValue(back, "qm_lang"), "zh");
  EXPECT_NE(back.body.find("<html lang=\"zh-CN\">"), std::string::npos);
}

TEST_P(ConsoleLanguageTest, AHazardsPageAndItsStepsInEnglish) {
  auto device = EnrolledDevice("insp", std::string("grids:") + kGridA, "inspector");
  const std::string hazard = AddHazard(*device, "H-001", "gas", v1::MAJOR, "2020-01-01",
                                       {{v1::FOUND, "old hose"}, {v1::ORDERED, "replace it"}});
  if (HasFatalFailure()) return;
  const std::string english = "qm_session=" + SessionOf("county1") + "; qm_lang=en";
  testing::HttpReply page = GetWith("/console/hazards/" + hazard, english);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(ChineseIn(page.body), "") << page.body;
  EXPECT_NE(page.body.find("Major"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("old hose"), std::string::npos);
  // A refused step says why in English.
  const std::string csrf = CsrfOf(page.body);
  testing::HttpReply refused =
      Post("/console/hazards/" + hazard + "/steps", english, "csrf=" + csrf + "&step=close");
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.body.find("reinspect it first"), std::string::npos) << refused.body;
  EXPECT_EQ(ChineseIn(refused.body), "") << refused.body;
  // The switch on a page a form answered (no page of its own) leads to its section's list.
  testing::HttpReply people = GetWith("/console/people/add?lang=en", "");
  EXPECT_EQ(people.status, 303);
  EXPECT_EQ(people.Header("location"), "/console/people");
  EXPECT_EQ(SetCookieValue(people, "qm_lang"), "en");
}

INSTANTIATE_TEST_SUITE_P(Backends, ConsoleLanguageTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), ParamName);

}  // namespace
}  // namespace qiaomen::server
