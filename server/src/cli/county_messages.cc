#include "cli/county_messages.h"

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

core::domain::Language LanguageOf(const core::Args& args) {
  auto language = core::domain::ParseLanguageOption(args.Get("lang").value_or("zh"));
  return language.ok() ? *language : core::domain::Language::kZh;
}

}  // namespace qiaomen::server
