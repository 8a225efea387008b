#include "qiaomen/cli/messages.h"

#include <array>

#include "messages_catalogue.h"
#include "qiaomen/base/message_format.h"

namespace qiaomen::cli {
namespace {

using Table = std::array<std::string_view, static_cast<size_t>(Msg::kCount)>;

Table Index(std::span<const MessageEntry> entries) {
  Table table{};
  for (const auto& entry : entries) table[static_cast<size_t>(entry.id)] = entry.text;
  return table;
}

}  // namespace

std::string_view MessageText(Msg id, core::domain::Language language) {
  static const Table kZh = Index(ZhMessages());
  static const Table kEn = Index(EnMessages());
  const auto at = static_cast<size_t>(id);
  if (at >= kZh.size()) return {};
  return language == core::domain::Language::kEn ? kEn[at] : kZh[at];
}

std::string Say(core::domain::Language language, Msg id,
                std::initializer_list<std::string_view> args) {
  return base::FormatMessage(MessageText(id, language), args);
}

}  // namespace qiaomen::cli
