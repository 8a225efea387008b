// The forms checker names what it refuses by the template's parts ("item 'x', field
// 'relevant'"); here each finding is placed at the workbook cell that part came from.
#include <cstring>
#include <optional>

#include "workbook/template_sheets_internal.h"

namespace qiaomen::server::workbook::internal {
namespace {

// The checker's field names (the JSON mapping's) -> the workbook's columns.
std::string SurveyColumn(const std::string& field) {
  static const std::map<std::string, std::string> kColumns = {{"id", "name"},
                                                              {"kind", "type"},
                                                              {"relevant", "relevant"},
                                                              {"required", "required"},
                                                              {"constraint", "constraint"},
                                                              {"choices", "type"},
                                                              {"min", "min"},
                                                              {"max", "max"},
                                                              {"minPhotos", "min_photos"},
                                                              {"maxPhotos", "max_photos"},
                                                              {"maxLength", "max_length"},
                                                              {"pattern", "pattern"},
                                                              {"expression", "calculation"},
                                                              {"unit", "unit"}};
  auto it = kColumns.find(field);
  return it == kColumns.end() ? "name" : it->second;
}

std::string HazardColumn(const std::string& field) {
  static const std::map<std::string, std::string> kColumns = {{"id", "id"},
                                                              {"when", "when"},
                                                              {"category", "category"},
                                                              {"severity", "severity"},
                                                              {"urgency", "urgency"},
                                                              {"deadlineDays", "deadline_days"},
                                                              {"legalBasis", "legal_basis::zh"},
                                                              {"photoRequired", "photo_required"},
                                                              {"photoItem", "photo_item"},
                                                              {"suspectedMajor", "suspected_major"},
                                                              {"emergency", "emergency"},
                                                              {"actions", "actions::zh"}};
  auto it = kColumns.find(field);
  return it == kColumns.end() ? "id" : it->second;
}

// The column of a two-language text: the language that is missing.
std::string LangColumn(const std::string& base, const v1::LocalizedText& text) {
  return base + (text.zh().empty() || !text.en().empty() ? "::zh" : "::en");
}

const v1::Item* FindItem(const v1::ChecklistTemplate& tpl, const std::string& id) {
  for (const auto& s : tpl.sections()) {
    for (const auto& item : s.items()) {
      if (item.id() == id) return &item;
    }
  }
  return nullptr;
}

template <typename T>
const T* FindById(const google::protobuf::RepeatedPtrField<T>& list, const std::string& id) {
  for (const auto& x : list) {
    if (x.id() == id) return &x;
  }
  return nullptr;
}

int RowOf(const std::map<std::string, int>& rows, const std::string& id) {
  auto it = rows.find(id);
  return it == rows.end() ? 0 : it->second;
}

// A finding as the checker words it: "<part> '<id>'[, field '<f>'][, choice '<c>'][, action N]:
// <detail>" or "template[, field '<f>']: <detail>".
struct Finding {
  std::string part, id, field, choice, action, detail;
};

// Reads `quoted` ("'x'") at the start of `s`, past it.
bool TakeQuoted(std::string_view& s, std::string* out) {
  if (s.empty() || s[0] != '\'') return false;
  const size_t close = s.find('\'', 1);
  if (close == std::string_view::npos) return false;
  *out = std::string(s.substr(1, close - 1));
  s.remove_prefix(close + 1);
  return true;
}

bool TakePrefix(std::string_view& s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix) return false;
  s.remove_prefix(prefix.size());
  return true;
}

std::optional<Finding> ParseFinding(std::string_view s) {
  Finding f;
  for (const char* part : {"template", "item ", "section ", "computed ", "hazard rule "}) {
    if (!TakePrefix(s, part)) continue;
    f.part = part;
    while (!f.part.empty() && f.part.back() == ' ') f.part.pop_back();
    if (f.part != "template" && !TakeQuoted(s, &f.id)) return std::nullopt;
    break;
  }
  if (f.part.empty()) return std::nullopt;
  for (;;) {
    if (TakePrefix(s, ", field ")) {
      if (!TakeQuoted(s, &f.field)) return std::nullopt;
    } else if (TakePrefix(s, ", choice ")) {
      if (!TakeQuoted(s, &f.choice)) return std::nullopt;
    } else if (TakePrefix(s, ", action ")) {
      while (!s.empty() && s[0] >= '0' && s[0] <= '9') {
        f.action.push_back(s[0]);
        s.remove_prefix(1);
      }
    } else {
      break;
    }
  }
  if (!TakePrefix(s, ": ")) return std::nullopt;
  f.detail = std::string(s);
  return f;
}

// "column 7: rest" -> 7 and "rest"; 0 when `detail` does not start so.
size_t TakeColumn(std::string& detail) {
  std::string_view s = detail;
  if (!TakePrefix(s, "column ")) return 0;
  size_t column = 0;
  while (!s.empty() && s[0] >= '0' && s[0] <= '9' && column < 100000) {
    column = column * 10 + static_cast<size_t>(s[0] - '0');
    s.remove_prefix(1);
  }
  if (column == 0 || !TakePrefix(s, ": ")) return 0;
  detail = std::string(s);
  return column;
}

}  // namespace

std::vector<std::string> SplitCheckerMessage(const std::string& message) {
  static const std::string kIntro = "publish again: ";
  size_t start = message.find(kIntro);
  std::string body = start == std::string::npos ? message : message.substr(start + kIntro.size());
  if (!body.empty() && body.back() == '.') body.pop_back();
  std::vector<std::string> findings;
  static const char* kStarts[] = {"item '",        "section '", "computed '",
                                  "hazard rule '", "template",  "..."};
  size_t from = 0;
  for (size_t at = body.find("; "); at != std::string::npos; at = body.find("; ", at + 2)) {
    bool next_is_finding = false;
    for (const char* s : kStarts) next_is_finding |= body.compare(at + 2, strlen(s), s) == 0;
    if (!next_is_finding) continue;
    findings.push_back(body.substr(from, at - from));
    from = at + 2;
  }
  findings.push_back(body.substr(from));
  return findings;
}

SheetProblem PlaceCheckerFinding(const std::string& finding, const v1::ChecklistTemplate& tpl,
                                 const SourceMap& map) {
  SheetProblem p;
  p.message = CountyMsg::kCheckerProblem;
  std::string detail = finding;
  const std::optional<Finding> f = ParseFinding(finding);
  if (f && f->part == "template") {
    const std::string& field = f->field;
    detail = f->detail;
    if (field == "sections") {
      p.sheet = "survey";
    } else {
      p.sheet = "settings";
      p.row = 2;
      p.column = field == "id"        ? "form_id"
                 : field == "title"   ? LangColumn("form_title", tpl.title())
                 : field == "version" ? "version"
                                      : "";
    }
  } else if (f) {
    const std::string &part = f->part, &id = f->id, &field = f->field, &choice = f->choice,
                      &action = f->action;
    detail = f->detail;
    if (part == "item") {
      const v1::Item* item = FindItem(tpl, id);
      p.sheet = "survey";
      p.row = RowOf(map.item_rows, id);
      p.column = SurveyColumn(field);
      if (item && field == "label") p.column = LangColumn("label", item->label());
      if (item && field == "help") p.column = LangColumn("hint", item->help());
      if (item && field == "constraintMessage") {
        p.column = LangColumn("constraint_message", item->constraint_message());
      }
      auto list = map.item_list.find(id);
      if (field == "choices" && !choice.empty() && list != map.item_list.end()) {
        auto row = map.choice_rows.find({list->second, choice});
        if (row != map.choice_rows.end()) {
          p.sheet = "choices";
          p.row = row->second;
          p.column = "name";
          for (int i = 0; item != nullptr && i < item->choices_size(); ++i) {
            const v1::Choice& c = item->choices(i);
            if (c.code() == choice && detail.find("both Chinese") != std::string::npos) {
              p.column = LangColumn("label", c.label());
            }
          }
        }
      }
    } else if (part == "section") {
      p.sheet = "survey";
      p.row = RowOf(map.section_rows, id);
      p.column = field == "relevant" ? "relevant" : field == "title" ? "label::zh" : "name";
      if (const auto* s = FindById(tpl.sections(), id); s && field == "title") {
        p.column = LangColumn("label", s->title());
      }
    } else if (part == "computed") {
      p.sheet = "survey";
      p.row = RowOf(map.computed_rows, id);
      p.column = field == "expression" ? "calculation" : "name";
    } else {
      p.sheet = "hazards";
      p.row = RowOf(map.hazard_rows, id);
      p.column = action.empty() ? HazardColumn(field) : "actions::zh";
      if (const auto* h = FindById(tpl.hazard_rules(), id); h && field == "title") {
        p.column = LangColumn("title", h->title());
      }
      if (!action.empty()) detail = "action " + action + ": " + detail;
    }
  }
  // An expression's column is the translated text's; say the one in the cell as typed.
  auto expr = map.expressions.find({p.sheet, p.row, p.column});
  if (expr != map.expressions.end()) {
    if (const size_t column = TakeColumn(detail); column > 0) {
      detail = "column " + std::to_string(expr->second.SourceColumn(column)) + ": " + detail;
    }
  }
  if (auto h = map.headers.find(p.sheet); h != map.headers.end() && !p.column.empty()) {
    p.col = h->second.Col(p.column);
  }
  if (p.row == 0 && p.sheet != "settings") p.column.clear();
  p.args = {detail};
  return p;
}

}  // namespace qiaomen::server::workbook::internal
