#include "qiaomen/core/domain/language.h"

#include <string>

namespace qiaomen::core::domain {

Result<Language> ParseLanguageOption(std::string_view value) {
  if (value.rfind("zh", 0) == 0) return Language::kZh;
  if (value.rfind("en", 0) == 0) return Language::kEn;
  return InvalidArgument("--lang must be zh (中文, the default) or en (English), not '" +
                         std::string(value) + "'.");
}

Language LanguageFromEnvironment(const std::function<const char*(const char*)>& getenv) {
  for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = getenv(name);
    if (value == nullptr || *value == '\0') continue;
    // LANGUAGE is a priority list ("en_GB:en"); its first entry is the wish.
    const std::string_view wish(value);
    return wish.rfind("en", 0) == 0 ? Language::kEn : Language::kZh;
  }
  return Language::kZh;
}

}  // namespace qiaomen::core::domain
