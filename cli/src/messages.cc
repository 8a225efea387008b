#include "qiaomen/cli/messages.h"

#include "messages_catalogue.h"
#include "qiaomen/base/message_format.h"

namespace qiaomen::cli {

std::string_view MessageText(Msg id, core::domain::Language language) {
  static const base::MessageTable<Msg> kZh(ZhMessages());
  static const base::MessageTable<Msg> kEn(EnMessages());
  return (language == core::domain::Language::kEn ? kEn : kZh).Text(id);
}

std::string Say(core::domain::Language language, Msg id,
                std::initializer_list<std::string_view> args) {
  return base::FormatMessage(MessageText(id, language), args);
}

}  // namespace qiaomen::cli
