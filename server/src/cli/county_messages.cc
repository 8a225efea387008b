#include "cli/county_messages.h"

#include <map>

#include "cli/county_messages_catalogue.h"
#include "qiaomen/base/message_format.h"
#include "qiaomen/core/domain/language.h"

namespace qiaomen::server {

std::string_view CountyMessageText(CountyMsg id, core::domain::Language language) {
  static const base::MessageTable<CountyMsg> kZh(CountyZhMessages());
  static const base::MessageTable<CountyMsg> kEn(CountyEnMessages());
  return (language == core::domain::Language::kEn ? kEn : kZh).Text(id);
}

std::string CountySay(core::domain::Language language, CountyMsg id,
                      std::initializer_list<std::string_view> args) {
  return base::FormatMessage(CountyMessageText(id, language), args);
}

std::string RoleText(const std::string& role, core::domain::Language language) {
  static const std::map<std::string, CountyMsg> kLabels = {
      {"grid_worker", CountyMsg::kRoleGridWorker},
      {"inspector", CountyMsg::kRoleInspector},
      {"township", CountyMsg::kRoleTownship},
      {"county", CountyMsg::kRoleCounty}};
  auto it = kLabels.find(role);
  return it == kLabels.end() ? role : CountySay(language, it->second) + " " + role;
}

std::string EntityText(const std::string& entity, core::domain::Language language) {
  static const std::map<std::string, CountyMsg> kLabels = {
      {"subject", CountyMsg::kEntitySubject},   {"task", CountyMsg::kEntityTask},
      {"visit", CountyMsg::kEntityVisit},       {"photo", CountyMsg::kEntityPhoto},
      {"hazard", CountyMsg::kEntityHazard},     {"hazard_event", CountyMsg::kEntityHazardEvent},
      {"campaign", CountyMsg::kEntityCampaign}, {"admin_unit", CountyMsg::kEntityAdminUnit}};
  auto it = kLabels.find(entity);
  return it == kLabels.end() ? entity : CountySay(language, it->second);
}

core::domain::Language LanguageOf(const core::Args& args) {
  auto language = core::domain::ParseLanguageOption(args.Get("lang").value_or("zh"));
  return language.ok() ? *language : core::domain::Language::kZh;
}

}  // namespace qiaomen::server
