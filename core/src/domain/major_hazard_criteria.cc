#include "qiaomen/core/domain/major_hazard_criteria.h"

#include <array>
#include <string>
#include <vector>

namespace qiaomen::core::domain {
namespace {

// Only criteria whose code and title are certain. Households are none of these criteria's subjects
// (the gas criterion judges gas operators, not their customers), so a household finding is a
// general hazard however urgent.
constexpr std::array<MajorHazardCriterion, 3> kCriteria{{
    {"GB 35181-2025", "《重大火灾隐患判定规则》",
     "major fire hazards in buildings, premises and facilities (replaces GB 35181-2017 from "
     "2025-11-01)"},
    {"建城规〔2023〕4号", "《城镇燃气经营安全重大隐患判定标准》",
     "major hazards of town gas operators (not of their customers)"},
    {"应急管理部令第10号", "《工贸企业重大事故隐患判定标准》",
     "major accident hazards of industry and trade enterprises"},
}};

constexpr std::string_view kChineseNumerals[] = {"零", "〇", "一", "二", "三", "四", "五",
                                                 "六", "七", "八", "九", "十", "百"};

// The length of the numeral (ASCII digit or Chinese numeral) at `s`, 0 when there is none.
size_t NumeralAt(std::string_view s) {
  if (!s.empty() && s[0] >= '0' && s[0] <= '9') return 1;
  for (std::string_view n : kChineseNumerals) {
    if (s.substr(0, n.size()) == n) return n.size();
  }
  return 0;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// True when `s` holds 第N条 or a dotted clause number (5.1, 6.2.3).
bool HasClause(std::string_view s) {
  constexpr std::string_view kDi = "第", kTiao = "条";
  for (size_t at = s.find(kDi); at != std::string_view::npos; at = s.find(kDi, at + 1)) {
    size_t p = at + kDi.size(), n = 0, count = 0;
    while ((n = NumeralAt(s.substr(p))) > 0) {
      p += n;
      ++count;
    }
    if (count > 0 && s.substr(p, kTiao.size()) == kTiao) return true;
  }
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    if (IsDigit(s[i]) && s[i + 1] == '.' && IsDigit(s[i + 2])) return true;
  }
  return false;
}

// The citations in a basis: the text between '；', ';' and '。'.
std::vector<std::string_view> Citations(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= text.size();) {
    size_t sep = 0;
    if (i == text.size()) {
      sep = 1;
    } else if (text[i] == ';') {
      sep = 1;
    } else if (text.substr(i, 3) == "；" || text.substr(i, 3) == "。") {
      sep = 3;
    }
    if (sep == 0) {
      ++i;
      continue;
    }
    out.push_back(text.substr(start, i - start));
    i += sep;
    start = i;
  }
  return out;
}

std::string Registered() {
  std::string s;
  for (const auto& c : kCriteria) {
    s += (s.empty() ? "" : ", ") + std::string(c.code) + std::string(c.title_zh);
  }
  return s;
}

// True when `text` names GB 35181 without its 2025 edition (undated, or the superseded 2017 one).
bool CitesUndatedGb35181(std::string_view text) {
  for (std::string_view name : {std::string_view("GB 35181"), std::string_view("GB35181")}) {
    for (size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
      if (text.substr(at + name.size(), 5) != "-2025") return true;
    }
  }
  return false;
}

}  // namespace

std::span<const MajorHazardCriterion> MajorHazardCriteria() { return kCriteria; }

Status CheckMajorHazardBasis(std::string_view basis) {
  const std::string what_to_write =
      "a MAJOR rule must cite a published major-hazard criterion and the clause of it that covers "
      "this hazard, e.g. 'GB 35181-2025《重大火灾隐患判定规则》' followed by the clause number, "
      "or '建城规〔2023〕4号《城镇燃气经营安全重大隐患判定标准》第N条'; cite it, or make the rule "
      "GENERAL";
  if (basis.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return InvalidArgument("is MAJOR but its legal basis (zh) is empty; " + what_to_write);
  }
  if (CitesUndatedGb35181(basis)) {
    return InvalidArgument(
        "cites GB 35181 without the 2025 edition (GB 35181-2017 was replaced on 2025-11-01); "
        "write 'GB 35181-2025《重大火灾隐患判定规则》' and the clause number");
  }
  bool named = false;
  std::string named_code;
  for (std::string_view citation : Citations(basis)) {
    for (const auto& c : kCriteria) {
      size_t at = citation.find(c.code);
      size_t len = c.code.size();
      if (at == std::string_view::npos) {
        at = citation.find(c.title_zh);
        len = c.title_zh.size();
      }
      if (at == std::string_view::npos) continue;
      named = true;
      named_code = std::string(c.code) + std::string(c.title_zh);
      if (HasClause(citation.substr(at + len))) return Status::Ok();
    }
  }
  if (named) {
    return InvalidArgument("is MAJOR and names " + named_code +
                           " but no clause of it; write the article (第N条) or clause number "
                           "(e.g. 5.1) that covers this hazard after the criterion's name, or "
                           "make the rule GENERAL");
  }
  return InvalidArgument(
      "is MAJOR but names no published major-hazard criterion (registered: " + Registered() +
      "); a law or a county notice does not make a hazard major; " + what_to_write);
}

}  // namespace qiaomen::core::domain
