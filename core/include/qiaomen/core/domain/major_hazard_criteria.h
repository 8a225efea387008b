#pragma once
// The published criteria that legally define a major hazard 重大隐患, and the check that a MAJOR
// hazard rule cites one of them with a clause. A county may only call a finding 重大隐患 (with its
// 双报告, 挂牌督办 and 一案双罚) when a criterion's clause covers it; a checklist cannot make a
// finding major by saying so. Pure tables: thread-safe, the views point at static strings.

#include <span>
#include <string_view>

#include "qiaomen/core/status.h"

namespace qiaomen::core::domain {

// One published criterion 重大隐患判定标准.
struct MajorHazardCriterion {
  std::string_view code;      // how a citation names it: "GB 35181-2025", "建城规〔2023〕4号"
  std::string_view title_zh;  // "《重大火灾隐患判定规则》"
  std::string_view scope_en;  // what it judges, for people reading a refusal
};

// The registered criteria, in a stable order. Add one only with its exact code and title as
// published.
std::span<const MajorHazardCriterion> MajorHazardCriteria();

// Ok when `legal_basis_zh` (a hazard rule's legal_basis.zh) names a registered criterion, by its
// code or its title, and a clause of it after the name in the same citation (citations are
// separated by '；' or ';'): 第N条 (N in digits or Chinese numerals) or a clause number such as
// 5.1 or 6.2.3. Otherwise InvalidArgument whose message says why and what to write, as a phrase
// to follow "hazard rule 'x', field 'legalBasis': " (no leading capital, no final full stop).
// An undated "GB 35181" is refused with the dated code to use instead.
Status CheckMajorHazardBasis(std::string_view legal_basis_zh);

}  // namespace qiaomen::core::domain
