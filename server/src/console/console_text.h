#pragma once
// What the console says to people, one catalogue per language (console_text_zh.cc,
// console_text_en.cc): Chinese first, English when the browser chose it (the qm_lang cookie, set
// by any console address with ?lang=en or ?lang=zh). Templates name their texts as [[key]], which
// Localize replaces before the template is parsed, so a text may hold the template's own
// {{values}}; the pages' code asks for texts with Tr and TrFill ("{0}" is the first argument).
// A test checks that both catalogues have the same keys with the same values, and that every key
// the templates and the console's code name is in them. Immutable tables: thread-safe.

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "qiaomen/core/domain/labels.h"
#include "qiaomen/core/status.h"

namespace qiaomen::server::console {

using core::domain::Language;

// One text of a catalogue.
struct ConsoleTextEntry {
  std::string_view key;   // "hazards.title"
  std::string_view text;  // "隐患台账"
};

// The two catalogues' entries, for the catalogue test.
std::span<const ConsoleTextEntry> ConsoleZhTexts();
std::span<const ConsoleTextEntry> ConsoleEnTexts();

// The text of `key` in `language`; the key itself when the catalogue lacks it (the test fails).
std::string_view Tr(Language language, std::string_view key);

// The text of `key` filled with `args` ("{0}" is args[0]).
std::string TrFill(Language language, std::string_view key,
                   std::initializer_list<std::string_view> args);

// `template_text` with each [[key]] replaced by its text in `language`. InvalidArgument naming the
// first key the catalogue lacks, or a "[[" without its "]]".
core::Result<std::string> Localize(std::string_view template_text, Language language);

// The language code a page declares (<html lang>): "zh-CN" or "en".
std::string_view HtmlLang(Language language);

}  // namespace qiaomen::server::console
