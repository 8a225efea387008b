// The four shipped checklists: each loads and checks clean, and every golden case in
// tests/core/forms/golden/ (answers -> visible items, errors and hazards) holds.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>

#include "forms_test_util.h"
#include "qiaomen/core/domain/major_hazard_criteria.h"
#include "qiaomen/core/forms/compiled_template.h"
#include "qiaomen/core/forms/evaluation.h"
#include "qiaomen/core/forms/template_registry.h"

namespace qiaomen::core::forms {
namespace {

using testing::ChecklistPath;
using testing::ReadFile;

const char* const kChecklists[] = {"household_winter.json", "nine_small_premises_fire.json",
                                   "ebike_charging_site.json", "village_emergency_shelter.json"};

CompiledTemplate LoadChecklist(const std::string& name) {
  auto r = LoadTemplateJson(ReadFile(ChecklistPath(name)));
  EXPECT_TRUE(r.ok()) << name << ": " << r.status().ToString();
  return *r;
}

TEST(FormsChecklists, AllShippedChecklistsLoadAndCheckClean) {
  for (const char* name : kChecklists) {
    auto r = LoadTemplateJson(ReadFile(ChecklistPath(name)));
    ASSERT_TRUE(r.ok()) << name << ": " << r.status().ToString();
    // household_winter 5: each gas cylinder and each e-bike is checked as an instance of a repeat
    // group (issue 23). 4: education and the signature only in the visit, not as answers (issue
    // 16). Version 3 (issue 16): urgencies, suspected-major rules, the gas leak as an emergency.
    // Version 2: re-graded severities and citations, merged duplicate hazards.
    EXPECT_EQ(r->version(), std::string(name) == "household_winter.json" ? 5u : 3u) << name;
    EXPECT_FALSE(r->proto().title().zh().empty());
    EXPECT_FALSE(r->proto().title().en().empty());
  }
}

// True when `zh` holds 第N条 (N in digits or Chinese numerals) or a notice's item, 〕N号（N）.
// (No std::regex: GCC 12 warns inside it at -O1, and numerals are several bytes.)
bool NamesAnArticle(const std::string& zh) {
  const auto numerals_from = [&zh](size_t p) {
    static const char* const kNumerals[] = {"零", "一", "二", "三", "四", "五",
                                            "六", "七", "八", "九", "十", "百"};
    for (bool more = true; more;) {
      more = false;
      if (p < zh.size() && zh[p] >= '0' && zh[p] <= '9') {
        ++p;
        more = true;
        continue;
      }
      for (const char* n : kNumerals) {
        if (zh.compare(p, std::strlen(n), n) == 0) {
          p += std::strlen(n);
          more = true;
          break;
        }
      }
    }
    return p;
  };
  for (size_t at = zh.find("第"); at != std::string::npos; at = zh.find("第", at + 1)) {
    const size_t start = at + std::strlen("第"), end = numerals_from(start);
    if (end > start && zh.compare(end, std::strlen("条"), "条") == 0) return true;
  }
  for (size_t at = zh.find("号（"); at != std::string::npos; at = zh.find("号（", at + 1)) {
    const size_t start = at + std::strlen("号（"), end = numerals_from(start);
    if (end > start && zh.compare(end, std::strlen("）"), "）") == 0) return true;
  }
  return false;
}

// A legal basis is a document with its article (第N条, a notice's item （N）) or empty; a MAJOR
// rule's names a registered criterion and its clause (the checker refuses others).
TEST(FormsChecklists, EveryLegalBasisNamesItsArticleOrIsEmpty) {
  EXPECT_TRUE(NamesAnArticle("《中华人民共和国消防法》第二十八条：……"));
  EXPECT_TRUE(NamesAnArticle("安政发〔2025〕1号（四）：……"));
  EXPECT_FALSE(NamesAnArticle("《城镇燃气管理条例》；安政发〔2025〕1号：着力解决……"));
  for (const char* name : kChecklists) {
    const CompiledTemplate t = LoadChecklist(name);
    for (const auto& rule : t.proto().hazard_rules()) {
      SCOPED_TRACE(std::string(name) + " rule " + rule.id());
      const std::string& zh = rule.legal_basis().zh();
      EXPECT_EQ(zh.empty(), rule.legal_basis().en().empty());
      if (!zh.empty()) {
        EXPECT_TRUE(NamesAnArticle(zh)) << zh;
      }
      EXPECT_EQ(zh.find("GB 35181 "), std::string::npos) << "undated GB 35181";
      if (rule.severity() == v1::MAJOR) {
        EXPECT_TRUE(domain::CheckMajorHazardBasis(zh).ok());
      }
    }
  }
}

// A 否 answer must read one way: a yes/no item states the safe condition positively, so its label
// does not open with a negation ("无…", "未…", "No …").
TEST(FormsChecklists, YesNoLabelsAreNotDoubleNegatives) {
  for (const char* name : kChecklists) {
    const CompiledTemplate t = LoadChecklist(name);
    for (const auto& section : t.proto().sections()) {
      for (const auto& item : section.items()) {
        if (item.kind() != v1::YES_NO_NA) continue;
        std::string zh = item.label().zh();
        const size_t colon = zh.find("：");  // "气：…" names the point first
        if (colon != std::string::npos) zh = zh.substr(colon + std::string("：").size());
        for (const char* negation : {"无", "未", "没", "不", "非"}) {
          EXPECT_NE(zh.rfind(negation, 0), 0u) << name << " item " << item.id() << ": " << zh;
        }
        const std::string& en = item.label().en();
        EXPECT_NE(en.rfind("No ", 0), 0u) << name << " item " << item.id() << ": " << en;
        EXPECT_NE(en.rfind("Not ", 0), 0u) << name << " item " << item.id() << ": " << en;
      }
    }
  }
}

const v1::HazardRule* FindRule(const CompiledTemplate& t, const std::string& id) {
  for (const auto& rule : t.proto().hazard_rules()) {
    if (rule.id() == id) return &rule;
  }
  return nullptr;
}

// A blocked or broken flue poisons as surely as a missing one: both are to be dealt with at once
// (version 3: urgency IMMEDIATE, due on the visit's day).
TEST(FormsChecklists, HouseholdFlueDefectIsAsUrgentAsAMissingFlue) {
  const CompiledTemplate t = LoadChecklist("household_winter.json");
  const v1::HazardRule* missing = FindRule(t, "coal_stove_no_flue");
  const v1::HazardRule* defective = FindRule(t, "flue_defective");
  ASSERT_NE(missing, nullptr);
  ASSERT_NE(defective, nullptr);
  EXPECT_EQ(defective->urgency(), missing->urgency());
  EXPECT_EQ(defective->urgency(), v1::IMMEDIATE);
  EXPECT_EQ(FindRule(t, "coal_stove_bedroom_no_alarm")->urgency(), v1::SAME_DAY);
  // A gas leak is no hazard to rectify by a date: it is an emergency with what to do now.
  EXPECT_TRUE(FindRule(t, "gas_leak")->emergency());
  EXPECT_GE(FindRule(t, "gas_leak")->actions_size(), 4);
  // Merged into ebike_indoors (parked or charged indoors is one defect).
  EXPECT_EQ(FindRule(t, "ebike_charged_indoors"), nullptr);
}

TEST(FormsChecklists, HouseholdWinterCoversTheNoticeTopics) {
  const CompiledTemplate t = LoadChecklist("household_winter.json");
  EXPECT_GE(t.item_count(), 25);
  for (const char* id : {"flue_installed", "co_alarm", "ventilation", "gas_no_leak", "cylinder_ok",
                         "valve_ok", "hose_ok", "stove_flameout", "ebike_parking", "ebike_charging",
                         "wiring_ok", "extinguisher", "escape_clear", "elderly_alone"}) {
    EXPECT_NE(t.FindItem(id), nullptr) << id;
  }
  // Version 4: education and the resident's signature are recorded once, in the visit
  // (Visit.education, Visit.signature_photo_id), not again as answers.
  EXPECT_EQ(t.FindItem("education_given"), nullptr);
  EXPECT_EQ(t.FindItem("resident_signature"), nullptr);
  const v1::Item* charging = t.FindItem("ebike_charging");
  ASSERT_NE(charging, nullptr);
  bool flying_lead = false;
  for (const auto& c : charging->choices()) flying_lead |= c.code() == "flying_lead";
  EXPECT_TRUE(flying_lead);
}

struct GoldenCase {
  std::string name;
  std::vector<std::pair<std::string, std::string>> answers;
  std::map<std::string, std::vector<std::string>> expect;  // directive -> words
  std::vector<std::pair<std::string, std::string>> computed;
};

struct GoldenFile {
  std::string checklist;
  std::string today;
  std::vector<GoldenCase> cases;
};

GoldenFile ParseGolden(const std::string& path) {
  GoldenFile g;
  std::istringstream in(ReadFile(path));
  std::string line;
  GoldenCase* current = nullptr;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string directive;
    words >> directive;
    std::vector<std::string> rest;
    for (std::string w; words >> w;) rest.push_back(w);
    if (directive == "checklist") {
      g.checklist = rest.at(0);
    } else if (directive == "today") {
      g.today = rest.at(0);
    } else if (directive == "case") {
      g.cases.push_back(GoldenCase{rest.at(0), {}, {}, {}});
      current = &g.cases.back();
    } else if (directive == "end") {
      current = nullptr;
    } else if (current == nullptr) {
      ADD_FAILURE() << path << ": '" << directive << "' outside a case";
    } else if (directive == "answer") {  // answer ITEM[INSTANCE] VALUE
      current->answers.emplace_back(rest.at(0), rest.at(1));
    } else if (directive == "computed") {
      current->computed.emplace_back(rest.at(0), rest.at(1));
    } else {
      current->expect[directive] = rest;
    }
  }
  return g;
}

std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

void RunGolden(const std::string& path) {
  const GoldenFile g = ParseGolden(path);
  ASSERT_FALSE(g.checklist.empty()) << path;
  ASSERT_FALSE(g.cases.empty()) << path;
  const CompiledTemplate t = LoadChecklist(g.checklist);
  for (const GoldenCase& c : g.cases) {
    SCOPED_TRACE(g.checklist + " case " + c.name);
    for (const char* d : {"hidden", "missing", "failures", "hazards", "immediate", "same_day",
                          "suspected", "emergencies", "major", "photo_missing"}) {
      ASSERT_TRUE(c.expect.count(d)) << "golden case lacks '" << d << "'";
    }
    // An answer names an item, or an item of a repeat with its instance: "cylinder_ok[2]".
    std::vector<v1::Answer> answers;
    for (const auto& [key, value] : c.answers) {
      std::string item;
      uint32_t instance = 0;
      ASSERT_TRUE(ParseItemKey(key, &item, &instance)) << key;
      answers.push_back(testing::MakeAnswer(t, item, value));
      answers.back().set_instance(instance);
    }
    auto e = Evaluate(t, answers, EvalContext{g.today});
    ASSERT_TRUE(e.ok()) << e.status().ToString();

    // "instances cylinders 2 ebikes 1": each repeat's count (0 when not listed).
    std::map<std::string, int> instances;
    if (c.expect.count("instances")) {
      const auto& words = c.expect.at("instances");
      for (size_t w = 0; w + 1 < words.size(); w += 2)
        instances[words[w]] = std::stoi(words[w + 1]);
    }
    // Hidden: an item, or one instance of a repeat item; every other item (each instance of a
    // repeat, instance by instance) is visible.
    const auto& hidden = c.expect.at("hidden");
    for (const std::string& key : hidden) {
      std::string item;
      uint32_t instance = 0;
      ASSERT_TRUE(ParseItemKey(key, &item, &instance) && t.FindItem(item) != nullptr) << key;
    }
    auto shown = [&hidden](const std::string& key) {
      return std::find(hidden.begin(), hidden.end(), key) == hidden.end();
    };
    std::vector<std::string> visible;
    for (const auto& s : t.proto().sections()) {
      if (s.has_repeat()) {
        EXPECT_EQ(e->instances.at(s.id()), instances[s.id()]) << s.id();
        for (int k = 1; k <= instances[s.id()]; ++k) {
          for (const auto& item : s.items()) {
            const std::string key = ItemKey(item.id(), static_cast<uint32_t>(k));
            if (item.kind() != v1::NOTE && shown(key)) visible.push_back(key);
          }
        }
        continue;
      }
      for (const auto& item : s.items()) {
        if (item.kind() != v1::NOTE && shown(item.id())) visible.push_back(item.id());
      }
    }
    EXPECT_EQ(e->visible_items, visible);
    EXPECT_EQ(Sorted(e->missing_required), Sorted(c.expect.at("missing")));
    std::vector<std::string> failures;
    for (const auto& f : e->constraint_failures) {
      failures.push_back(f.item_id);
      EXPECT_FALSE(f.message.zh().empty());
      EXPECT_FALSE(f.message.en().empty());
    }
    EXPECT_EQ(Sorted(failures), Sorted(c.expect.at("failures")));
    std::vector<std::string> hazards, immediate, same_day, suspected, emergencies, major,
        photo_missing;
    for (const auto& h : e->hazards) {
      // A hazard of a repeat instance reads as "gas_cylinder_defect[2]".
      const std::string id = ItemKey(h.rule_id, h.instance);
      hazards.push_back(id);
      if (h.urgency == v1::IMMEDIATE) immediate.push_back(id);
      if (h.urgency == v1::SAME_DAY) same_day.push_back(id);
      if (h.suspected_major) suspected.push_back(id);
      // Version 3 grades every rule: none is left to the unspecified default.
      EXPECT_NE(h.urgency, v1::URGENCY_UNSPECIFIED) << h.rule_id;
      if (h.severity == v1::MAJOR) major.push_back(id);
      if (h.photo_missing) photo_missing.push_back(id);
      EXPECT_FALSE(h.category.empty());
      if (h.severity == v1::MAJOR) {
        EXPECT_FALSE(h.legal_basis.zh().empty());
      }
    }
    for (const auto& emergency : e->emergencies) {
      emergencies.push_back(emergency.rule_id);
      EXPECT_FALSE(emergency.actions.empty()) << emergency.rule_id;
    }
    EXPECT_EQ(hazards, c.expect.at("hazards"));
    EXPECT_EQ(immediate, c.expect.at("immediate"));
    EXPECT_EQ(same_day, c.expect.at("same_day"));
    EXPECT_EQ(suspected, c.expect.at("suspected"));
    EXPECT_EQ(emergencies, c.expect.at("emergencies"));
    EXPECT_EQ(major, c.expect.at("major"));
    EXPECT_EQ(photo_missing, c.expect.at("photo_missing"));
    for (const auto& [id, value] : c.computed) {
      ASSERT_TRUE(e->computed.count(id)) << id;
      EXPECT_EQ(ToString(e->computed.at(id).get()), value) << id;
    }
    const bool expect_complete = c.expect.at("missing").empty() &&
                                 c.expect.at("failures").empty() &&
                                 c.expect.at("photo_missing").empty();
    EXPECT_EQ(e->complete(), expect_complete);
  }
}

TEST(FormsChecklists, GoldenHouseholdWinter) {
  RunGolden(std::string(QIAOMEN_SOURCE_DIR) + "/tests/core/forms/golden/household_winter.golden");
}
TEST(FormsChecklists, GoldenNineSmallPremises) {
  RunGolden(std::string(QIAOMEN_SOURCE_DIR) +
            "/tests/core/forms/golden/nine_small_premises_fire.golden");
}
TEST(FormsChecklists, GoldenEbikeChargingSite) {
  RunGolden(std::string(QIAOMEN_SOURCE_DIR) +
            "/tests/core/forms/golden/ebike_charging_site.golden");
}
TEST(FormsChecklists, GoldenVillageEmergencyShelter) {
  RunGolden(std::string(QIAOMEN_SOURCE_DIR) +
            "/tests/core/forms/golden/village_emergency_shelter.golden");
}

// Every shipped checklist has a golden file, so a new checklist cannot ship untested.
TEST(FormsChecklists, EveryChecklistHasGoldenCases) {
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(QIAOMEN_SOURCE_DIR) + "/checklists")) {
    if (entry.path().extension() != ".json") continue;
    const auto golden = std::filesystem::path(QIAOMEN_SOURCE_DIR) / "tests/core/forms/golden" /
                        (entry.path().stem().string() + ".golden");
    EXPECT_TRUE(std::filesystem::exists(golden)) << golden;
  }
}

// household_winter 4 dropped the education and signature answers (the visit records them once).
// A visit made with version 3 (kept in tests/core/forms/golden/household_winter.v3.json as it was
// shipped) stays valid beside version 4; the same answers made with version 4 are refused.
TEST(FormsChecklists, HouseholdWinterV3VisitsStayValidAfterV4) {
  TemplateRegistry registry;
  auto v3 = registry.AddJson(ReadFile(std::string(QIAOMEN_SOURCE_DIR) +
                                      "/tests/core/forms/golden/household_winter.v3.json"));
  ASSERT_TRUE(v3.ok()) << v3.status().ToString();
  auto v4 = registry.AddJson(ReadFile(ChecklistPath("household_winter.json")));
  ASSERT_TRUE(v4.ok()) << v4.status().ToString();
  ASSERT_EQ(v3->version(), 3u);
  ASSERT_EQ(v4->version(), 5u);  // 4 dropped the answers; 5 added repeat groups
  auto visit_with = [](const CompiledTemplate& t, bool education_answer) {
    v1::Visit visit;
    visit.set_template_id("household_winter");
    visit.set_template_version(t.version());
    visit.set_outcome(v1::CHECKED);
    visit.set_started_at_ms(1768003200000);  // 2026-01-10T00:00:00Z
    visit.set_finished_at_ms(1768006800000);
    const std::pair<const char*, const char*> answers[] = {
        {"heating_type", "electric"}, {"gas_type", "none"},   {"ebike_count", "0"},
        {"elderly_alone", "no"},      {"wiring_ok", "yes"},   {"sockets_ok", "yes"},
        {"rcd_installed", "yes"},     {"extinguisher", "no"}, {"escape_clear", "yes"},
        {"combustibles_away", "yes"}, {"window_exit", "yes"}};
    for (const auto& [item, value] : answers)
      *visit.add_answers() = testing::MakeAnswer(t, item, value);
    if (education_answer) {
      v1::Answer* education = visit.add_answers();
      education->set_item_id("education_given");
      education->mutable_value()->mutable_choices()->add_codes("leaflet");
    }
    visit.add_education("leaflet");
    return visit;
  };
  Status old_visit = registry.ValidateVisit(visit_with(*v3, true));
  EXPECT_TRUE(old_visit.ok()) << old_visit.ToString();
  EXPECT_TRUE(registry.ValidateVisit(visit_with(*v4, false)).ok());
  Status duplicate = registry.ValidateVisit(visit_with(*v4, true));
  EXPECT_EQ(duplicate.code(), Code::kInvalidArgument);
  EXPECT_NE(duplicate.message().find("education_given"), std::string::npos) << duplicate.ToString();
}

}  // namespace
}  // namespace qiaomen::core::forms
