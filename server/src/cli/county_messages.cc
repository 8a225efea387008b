#include "cli/county_messages.h"

#include <array>

#include "cli/county_messages_catalogue.h"
#include "qiaomen/base/message_format.h"
#include "qiaomen/core/domain/language.h"

namespace qiaomen::server {
namespace {

using Table = std::array<std::string_view, static_cast<size_t>(CountyMsg::kCount)>;

Table Index(std::span<const CountyMessageEntry> entries) {
  Table table{};
  for (const auto& entry : entries) table[static_cast<size_t>(entry.id)] = entry.text;
  return table;
}

}  // namespace

std::string_view CountyMessageText(CountyMsg id, core::domain::Language language) {
  static const Table kZh = Index(CountyZhMessages());
  static const Table kEn = Index(CountyEnMessages());
  const auto at = static_cast<size_t>(id);
  if (at >= kZh.size()) return {};
  return language == core::domain::Language::kEn ? kEn[at] : kZh[at];
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
