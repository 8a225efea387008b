#include "console/console_text.h"

#include <unordered_map>

#include "qiaomen/base/message_format.h"

namespace qiaomen::server::console {
namespace {

using Table = std::unordered_map<std::string_view, std::string_view>;

Table Index(std::span<const ConsoleTextEntry> entries) {
  Table table;
  for (const auto& entry : entries) table[entry.key] = entry.text;
  return table;
}

const Table& TableOf(Language language) {
  static const Table kZh = Index(ConsoleZhTexts());
  static const Table kEn = Index(ConsoleEnTexts());
  return language == Language::kEn ? kEn : kZh;
}

}  // namespace

std::string_view Tr(Language language, std::string_view key) {
  const Table& table = TableOf(language);
  auto it = table.find(key);
  return it == table.end() ? key : it->second;
}

std::string TrFill(Language language, std::string_view key,
                   std::initializer_list<std::string_view> args) {
  return base::FormatMessage(Tr(language, key), args);
}

core::Result<std::string> Localize(std::string_view template_text, Language language) {
  const Table& table = TableOf(language);
  std::string out;
  out.reserve(template_text.size() + template_text.size() / 4);
  size_t at = 0;
  while (true) {
    const size_t open = template_text.find("[[", at);
    if (open == std::string_view::npos) break;
    const size_t close = template_text.find("]]", open + 2);
    if (close == std::string_view::npos) {
      return core::InvalidArgument("A console template has '[[' without ']]'.");
    }
    const std::string_view key = template_text.substr(open + 2, close - open - 2);
    auto it = table.find(key);
    if (it == table.end()) {
      return core::InvalidArgument("The console's catalogue has no text '" + std::string(key) +
                                   "'.");
    }
    out.append(template_text.substr(at, open - at));
    out.append(it->second);
    at = close + 2;
  }
  out.append(template_text.substr(at));
  return out;
}

std::string_view HtmlLang(Language language) { return language == Language::kEn ? "en" : "zh-CN"; }

}  // namespace qiaomen::server::console
