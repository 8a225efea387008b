#pragma once
// Which language a command line speaks: Chinese unless asked for English. Both command lines choose
// once, at start, from --lang and else from the locale environment, and print every line in it
// (their message catalogues: cli/messages.h, server's county_messages.h). Pure functions.

#include <functional>
#include <optional>
#include <string_view>

#include "qiaomen/core/domain/labels.h"
#include "qiaomen/core/status.h"

namespace qiaomen::core::domain {

// The language of a --lang value: "zh", "zh_CN", "zh-CN.UTF-8"... -> kZh; "en", "en_US.UTF-8"...
// -> kEn. InvalidArgument with a sentence naming the two accepted values otherwise.
Result<Language> ParseLanguageOption(std::string_view value);

// The language the locale environment asks for, looked up by `getenv` (the process's getenv
// outside tests): the first set and non-empty of LANGUAGE (its first entry), LC_ALL, LC_MESSAGES,
// LANG decides; English when it starts with "en", otherwise (zh_CN, C, POSIX, unset) Chinese,
// the programs' default.
Language LanguageFromEnvironment(const std::function<const char*(const char*)>& getenv);

}  // namespace qiaomen::core::domain
