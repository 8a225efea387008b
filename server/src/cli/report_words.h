#pragma once
// The report's codes as people read them, in `lang`; an unknown code comes back as itself. Pure
// functions.

#include <string>

#include "cli/county_messages.h"
#include "qiaomen/core/domain/labels.h"

namespace qiaomen::server {

// A visit outcome ("nobody_home" as 无人在家).
std::string OutcomeWords(const std::string& code, core::domain::Language lang);
// "gas/major" as "燃气/重大隐患".
std::string CategorySeverityWords(const std::string& key, core::domain::Language lang);
// A hazard category ("gas" as 燃气) and a severity ("major" as 重大隐患).
std::string CategoryWords(const std::string& category, core::domain::Language lang);
std::string SeverityWords(const std::string& severity, core::domain::Language lang);
// A hazard status code ("ordered" as 已下达整改).
std::string StatusWords(const std::string& code, core::domain::Language lang);
// The catalogue entry naming a ReportTotals key ("visits" as 走访).
CountyMsg TotalMessage(const std::string& key);
// "87.5%", or "-" when `whole` is 0.
std::string Percent(int64_t part, int64_t whole);
// A premises type ("restaurant" as 餐饮场所) and an urgency ("immediate" as 立即整改).
std::string PremisesTypeWords(const std::string& code, core::domain::Language lang);
std::string UrgencyWords(const std::string& code, core::domain::Language lang);
// A refusal reason's label ("refused_entry" as 拒绝入户); an unknown code as "unspecified".
std::string RefusalWords(const std::string& code, core::domain::Language lang);

}  // namespace qiaomen::server
