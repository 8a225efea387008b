// CompileTemplate: the publish-time checker. It collects every problem it can find, each named by
// the item (or section, computed value, hazard rule) and field, so an author fixes them in one go.

#include <algorithm>
#include <map>
#include <set>

#include "forms/answer_check.h"
#include "forms/constant_condition.h"
#include "forms/dependency_graph.h"
#include "forms/template_data.h"
#include "qiaomen/core/domain/major_hazard_criteria.h"
#include "qiaomen/core/forms/compiled_template.h"
#include "qiaomen/core/forms/type_checker.h"

namespace qiaomen::core::forms {
namespace {

using internal::TemplateData;

constexpr size_t kMaxReportedProblems = 40;

bool IsValidId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  const char c0 = id[0];
  if (!((c0 >= 'a' && c0 <= 'z') || c0 == '_')) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return id != "and" && id != "or" && id != "not" && id != "true" && id != "false";
}

// Keeps std::regex compilation small: its NFA copies a group once per {n,m} repetition, so the
// product of all repetition bounds is capped.
bool PatternIsBounded(const std::string& p) {
  if (p.size() > kMaxPatternLength) return false;
  int64_t product = 1;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] != '{') continue;
    int64_t largest = 0, number = 0;
    for (size_t j = i + 1; j < p.size() && p[j] != '}'; ++j) {
      if (p[j] >= '0' && p[j] <= '9') {
        number = std::min<int64_t>(number * 10 + (p[j] - '0'), 1000000);
        largest = std::max(largest, number);
      } else {
        number = 0;
      }
    }
    product *= std::max<int64_t>(largest, 1);
    if (product > 1000) return false;
  }
  return true;
}

std::string Q(const std::string& s) { return "'" + s + "'"; }

class TemplateChecker {
 public:
  explicit TemplateChecker(TemplateData& d) : d_(d) {}

  Status Run() {
    CheckHeader();
    if (!Structure()) return Finish();
    ParseAll();
    BuildSymbols();
    BuildGraph();
    TypeCheckAll();
    return Finish();
  }

 private:
  void Problem(const std::string& where, std::string what) {
    while (!what.empty() && what.back() == '.') what.pop_back();
    problems_.push_back(where + ": " + what);
  }
  static std::string ItemWhere(const std::string& id, const char* field) {
    return "item " + Q(id) + ", field " + Q(field);
  }

  Status Finish() {
    if (problems_.empty()) return Status::Ok();
    std::string msg = "Checklist template " + Q(d_.proto.id()) + " version " +
                      std::to_string(d_.proto.version()) + " has " +
                      std::to_string(problems_.size()) + " problem" +
                      (problems_.size() == 1 ? "" : "s") + "; fix them and publish again: ";
    for (size_t i = 0; i < problems_.size() && i < kMaxReportedProblems; ++i) {
      msg += (i ? "; " : "") + problems_[i];
    }
    if (problems_.size() > kMaxReportedProblems) msg += "; ...";
    msg += ".";
    return InvalidArgument(std::move(msg));
  }

  void CheckLabel(const v1::LocalizedText& t, const std::string& where) {
    if (t.zh().empty() || t.en().empty()) {
      Problem(where, "needs text in both Chinese (zh) and English (en)");
    }
  }

  void CheckHeader() {
    const auto& p = d_.proto;
    if (!IsValidId(p.id())) {
      Problem("template, field 'id'",
              "must be lowercase letters, digits and '_' (got " + Q(p.id()) + ")");
    }
    if (p.version() == 0) Problem("template, field 'version'", "must be 1 or more");
    CheckLabel(p.title(), "template, field 'title'");
  }

  // Ids, kinds, labels, choices and limits. False when the template is too large to go on.
  bool Structure() {
    auto& p = d_.proto;
    int item_count = 0;
    for (const auto& s : p.sections()) item_count += s.items_size();
    if (item_count > kMaxItems || p.computed_size() > kMaxComputed ||
        p.hazard_rules_size() > kMaxHazardRules) {
      Problem("template", "has more than " + std::to_string(kMaxItems) + " items, " +
                              std::to_string(kMaxComputed) + " computed values or " +
                              std::to_string(kMaxHazardRules) + " hazard rules");
      return false;
    }
    if (item_count == 0) Problem("template, field 'sections'", "has no items");
    std::set<std::string> section_ids, value_ids, rule_ids;
    for (int s = 0; s < p.sections_size(); ++s) {
      const v1::Section& sec = p.sections(s);
      const std::string where = "section " + Q(sec.id());
      if (!IsValidId(sec.id())) Problem(where + ", field 'id'", "is not a valid id");
      if (!section_ids.insert(sec.id()).second) Problem(where, "duplicate section id");
      CheckLabel(sec.title(), where + ", field 'title'");
      internal::CompiledSection cs;
      cs.proto = &sec;
      if (sec.has_repeat()) CheckRepeat(sec, cs);
      d_.sections.push_back(std::move(cs));
      for (const v1::Item& item : sec.items()) {
        const std::string& id = item.id();
        if (!IsValidId(id)) {
          Problem(ItemWhere(id, "id"),
                  "must start with a lowercase letter or '_' and hold only "
                  "lowercase letters, digits and '_'");
        }
        if (!value_ids.insert(id).second) Problem(ItemWhere(id, "id"), "duplicate item id");
        d_.item_index.emplace(id, static_cast<int>(d_.items.size()));
        internal::CompiledItem ci;
        ci.proto = &item;
        ci.section = s;
        if (d_.sections.back().repeats()) {
          ci.repeat = s;
          ci.cells = d_.sections.back().max_instances;
        }
        ci.first_cell = d_.item_cells;
        d_.item_cells += ci.cells;
        CheckItem(item, ci);
        d_.items.push_back(std::move(ci));
      }
    }
    ResolveCountItems();
    for (const v1::ComputedValue& c : p.computed()) {
      const std::string where = "computed " + Q(c.id());
      if (!IsValidId(c.id())) Problem(where + ", field 'id'", "is not a valid id");
      if (!value_ids.insert(c.id()).second) {
        Problem(where + ", field 'id'", "duplicates the id of an item or computed value");
      }
      if (c.expression().empty()) Problem(where + ", field 'expression'", "is empty");
      d_.computed_index.emplace(c.id(), static_cast<int>(d_.computed.size()));
      internal::CompiledComputed cc;
      cc.proto = &c;
      d_.computed.push_back(std::move(cc));
    }
    for (const v1::HazardRule& h : p.hazard_rules()) {
      const std::string where = "hazard rule " + Q(h.id());
      if (!IsValidId(h.id())) Problem(where + ", field 'id'", "is not a valid id");
      if (!rule_ids.insert(h.id()).second) Problem(where + ", field 'id'", "duplicate rule id");
      if (h.category().empty())
        Problem(where + ", field 'category'",
                "is missing; every hazard "
                "needs a category");
      if (h.emergency()) {
        CheckEmergencyRule(h, where);
      } else {
        CheckHazardGrading(h, where);
      }
      if (h.when().empty()) Problem(where + ", field 'when'", "is empty");
      CheckLabel(h.title(), where + ", field 'title'");
      internal::CompiledHazard ch;
      ch.proto = &h;
      if (!h.photo_item().empty()) {
        auto it = d_.item_index.find(h.photo_item());
        if (it == d_.item_index.end()) {
          Problem(where + ", field 'photoItem'", "unknown item " + Q(h.photo_item()));
        } else if (d_.items[static_cast<size_t>(it->second)].proto->kind() != v1::PHOTO) {
          Problem(where + ", field 'photoItem'",
                  "item " + Q(h.photo_item()) + " is not a photo item");
        } else {
          ch.photo_item = it->second;
        }
      }
      d_.hazards.push_back(std::move(ch));
    }
    CheckMedia();
    return true;
  }

  void CheckMedia() {
    std::set<std::string> names;
    for (const v1::MediaFile& m : d_.proto.media()) {
      const std::string where = "media " + Q(m.name());
      bool ok = !m.name().empty() && m.name().size() <= 128;
      for (char c : m.name()) {
        ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '-');
      }
      if (!ok) Problem(where, "a media name is 1-128 letters, digits, '_', '.' or '-'");
      if (!names.insert(m.name()).second) Problem(where, "duplicate media name");
    }
    for (const auto& it : d_.items) {
      const std::string& hint = it.proto->hint_image();
      if (!hint.empty() && names.count(hint) == 0) {
        Problem(ItemWhere(it.proto->id(), "hintImage"),
                "names " + Q(hint) + ", which is not in the template's media; add it there or " +
                    "fix the name");
      }
    }
  }

  void CheckRepeat(const v1::Section& sec, internal::CompiledSection& cs) {
    const v1::Repeat& r = sec.repeat();
    const std::string where = "section " + Q(sec.id()) + ", field 'repeat'";
    if (r.max() > static_cast<uint32_t>(internal::kMaxRepeatInstances)) {
      Problem(where, "max is over " + std::to_string(internal::kMaxRepeatInstances) +
                         " instances; split the group");
    }
    cs.max_instances = static_cast<int>(std::min<uint32_t>(
        r.max() == 0 ? internal::kMaxRepeatInstances : r.max(), internal::kMaxRepeatInstances));
    if (r.count() > 0 && !r.count_item().empty()) {
      Problem(where, "has both count and countItem; give one way to count the instances");
    }
    if (r.count() > static_cast<uint32_t>(cs.max_instances)) {
      Problem(where, "count is greater than max");
    }
    if (r.min() > 0 && (r.count() > 0 || !r.count_item().empty())) {
      Problem(where, "min is only for an open-ended repeat (without count or countItem)");
    }
    if (r.min() > static_cast<uint32_t>(cs.max_instances))
      Problem(where, "min is greater than max");
    cs.fixed_count = static_cast<int>(std::min<uint32_t>(r.count(), 1000));
    cs.min_instances = static_cast<int>(std::min<uint32_t>(r.min(), 1000));
    if (!r.instance_label().zh().empty() || !r.instance_label().en().empty()) {
      CheckLabel(r.instance_label(), where + ", instanceLabel");
      if (r.instance_label().zh().find("{n}") == std::string::npos ||
          r.instance_label().en().find("{n}") == std::string::npos) {
        Problem(where + ", instanceLabel",
                "must hold {n} where the instance's number goes, e.g. 第 {n} 个气瓶");
      }
    }
    if (sec.items_size() == 0) Problem(where, "a repeat section needs items");
  }

  // countItem: an integer item outside every repeat, in an earlier section.
  void ResolveCountItems() {
    for (size_t s = 0; s < d_.sections.size(); ++s) {
      auto& cs = d_.sections[s];
      if (!cs.repeats() || cs.proto->repeat().count_item().empty()) continue;
      const std::string& id = cs.proto->repeat().count_item();
      const std::string where = "section " + Q(cs.proto->id()) + ", field 'repeat', countItem";
      auto it = d_.item_index.find(id);
      if (it == d_.item_index.end()) {
        Problem(where, "unknown item " + Q(id));
        continue;
      }
      const auto& item = d_.items[static_cast<size_t>(it->second)];
      if (item.proto->kind() != v1::INTEGER) {
        Problem(where, "item " + Q(id) + " is not an integer item; count instances with an " +
                           "integer question such as the number of gas cylinders");
      } else if (item.repeat >= 0) {
        Problem(where, "item " + Q(id) + " is itself in a repeat group");
      } else if (item.section >= static_cast<int>(s)) {
        Problem(where, "item " + Q(id) + " must be in an earlier section than the repeat");
      } else {
        cs.count_item = it->second;
      }
    }
  }

  // Severity, urgency, deadline and legal basis of a rule that finds a hazard.
  void CheckHazardGrading(const v1::HazardRule& h, const std::string& where) {
    if (h.severity() != v1::GENERAL && h.severity() != v1::MAJOR) {
      Problem(where + ", field 'severity'", "must be GENERAL or MAJOR");
    }
    if (h.severity() == v1::MAJOR) {
      // 重大隐患 carries legal weight; only a published criterion's clause can make one.
      const Status basis = domain::CheckMajorHazardBasis(h.legal_basis().zh());
      if (!basis.ok()) Problem(where + ", field 'legalBasis'", basis.message());
      if (h.suspected_major()) {
        Problem(where + ", field 'suspectedMajor'",
                "is set on a MAJOR rule; a suspicion is for a GENERAL rule whose finding the "
                "county must judge");
      }
    }
    if (h.deadline_days() > 3650) Problem(where + ", field 'deadlineDays'", "is over 10 years");
    if (!v1::Urgency_IsValid(h.urgency())) {
      Problem(where + ", field 'urgency'", "must be IMMEDIATE, SAME_DAY or BY_DEADLINE");
    } else if ((h.urgency() == v1::IMMEDIATE || h.urgency() == v1::SAME_DAY) &&
               h.deadline_days() != 0) {
      Problem(where + ", field 'deadlineDays'",
              "must be 0 for an IMMEDIATE or SAME_DAY rule (the deadline is the visit's day)");
    } else if (h.urgency() == v1::BY_DEADLINE && h.deadline_days() == 0) {
      Problem(where + ", field 'deadlineDays'", "must be at least 1 for a BY_DEADLINE rule");
    }
    if (h.actions_size() > 0) {
      Problem(where + ", field 'actions'", "is only for emergency rules");
    }
  }

  // An emergency (a gas leak) tells the worker what to do now; it is not a hazard.
  void CheckEmergencyRule(const v1::HazardRule& h, const std::string& where) {
    if (h.severity() != v1::SEVERITY_UNSPECIFIED || h.deadline_days() != 0 ||
        h.urgency() != v1::URGENCY_UNSPECIFIED || h.suspected_major() || h.photo_required() ||
        !h.legal_basis().zh().empty() || !h.legal_basis().en().empty() || !h.photo_item().empty()) {
      Problem(where,
              "is an emergency rule; it takes no severity, deadline, urgency, suspicion, legal "
              "basis or photo (an emergency is acted on at once, not rectified by a deadline)");
    }
    if (h.actions_size() == 0) {
      Problem(where + ", field 'actions'", "is empty; an emergency rule says what to do now");
    }
    for (int i = 0; i < h.actions_size(); ++i) {
      CheckLabel(h.actions(i), where + ", action " + std::to_string(i + 1));
    }
  }

  void CheckItem(const v1::Item& item, internal::CompiledItem& ci) {
    const std::string& id = item.id();
    CheckLabel(item.label(), ItemWhere(id, "label"));
    if (!item.help().zh().empty() || !item.help().en().empty()) {
      CheckLabel(item.help(), ItemWhere(id, "help"));
    }
    const v1::ItemKind kind = item.kind();
    if (kind == v1::NOTE) {
      CheckNote(item);
      return;
    }
    if (TypeOfItemKind(kind) == Type::kUnknown) {
      Problem(ItemWhere(id, "kind"), "is missing or unknown");
    }
    const bool choice = kind == v1::SINGLE_CHOICE || kind == v1::MULTI_CHOICE;
    if (choice) {
      if (item.choices_size() == 0)
        Problem(ItemWhere(id, "choices"), "a choice item needs choices");
      if (item.choices_size() > kMaxChoices) Problem(ItemWhere(id, "choices"), "too many choices");
      for (const v1::Choice& c : item.choices()) {
        if (c.code().empty() || c.code().size() > 64) {
          Problem(ItemWhere(id, "choices"), "a choice code is empty or longer than 64 characters");
        } else if (std::find(ci.codes.begin(), ci.codes.end(), c.code()) != ci.codes.end()) {
          Problem(ItemWhere(id, "choices"), "duplicate choice code " + Q(c.code()));
        }
        CheckLabel(c.label(), ItemWhere(id, "choices") + ", choice " + Q(c.code()));
        ci.codes.push_back(c.code());
        ci.filters.push_back(c.filter());
      }
    } else if (item.choices_size() > 0) {
      Problem(ItemWhere(id, "choices"), "only single_choice and multi_choice items have choices");
    }
    if (kind == v1::YES_NO_NA) ci.codes = {"yes", "no", "na"};
    if (item.has_min() && item.has_max() && item.min() > item.max()) {
      Problem(ItemWhere(id, "min"), "is greater than max");
    }
    if ((item.has_min() || item.has_max()) && kind != v1::INTEGER && kind != v1::DECIMAL) {
      Problem(ItemWhere(id, "min"), "only integer and decimal items have a range");
    }
    if (item.max_photos() != 0 && item.min_photos() > item.max_photos()) {
      Problem(ItemWhere(id, "minPhotos"), "is greater than maxPhotos");
    }
    if (!item.pattern().empty()) {
      if (kind != v1::TEXT) {
        Problem(ItemWhere(id, "pattern"), "only text items have a pattern");
      } else if (!PatternIsBounded(item.pattern())) {
        Problem(ItemWhere(id, "pattern"),
                "must be at most 200 characters and its {n,m} repetitions may multiply to at "
                "most 1000; simplify it");
      } else if (item.max_length() > kDefaultTextLimit) {
        Problem(ItemWhere(id, "maxLength"), "a text item with a pattern may allow at most " +
                                                std::to_string(kDefaultTextLimit) +
                                                " characters; lower maxLength");
      } else {
        ci.pattern = internal::CompileTextPattern(item.pattern());
        if (!ci.pattern) {
          Problem(ItemWhere(id, "pattern"),
                  "is not a valid regular expression (back-references such as \\1 are not "
                  "supported)");
        }
      }
    }
    if (!item.constraint().empty()) {
      CheckLabel(item.constraint_message(), ItemWhere(id, "constraintMessage"));
    }
    if (!item.choice_filter().empty() && !choice) {
      Problem(ItemWhere(id, "choiceFilter"),
              "only single_choice and multi_choice items filter "
              "their choices");
    }
    if (!item.default_value().empty()) {
      Status st = internal::ParseDefaultValue(ci, &ci.default_value);
      if (!st.ok()) {
        Problem(ItemWhere(id, "defaultValue"), st.message());
      } else {
        ci.has_default = true;
      }
    }
  }

  // A note is text between items: a label, maybe help and `relevant`, nothing to answer.
  void CheckNote(const v1::Item& item) {
    const std::string& id = item.id();
    if (!item.required().empty() || !item.constraint().empty() || item.choices_size() > 0 ||
        !item.default_value().empty() || !item.choice_filter().empty() || item.has_min() ||
        item.has_max() || !item.pattern().empty()) {
      Problem(ItemWhere(id, "kind"),
              "is NOTE, which is read-only guidance text; a note takes a label, help, relevant "
              "and a hint image, nothing to answer or check");
    }
  }

  void Parse(const std::string& source, const std::string& where, Expression* out) {
    if (source.empty()) return;
    auto parsed = ParseExpression(source);
    if (!parsed.ok()) {
      Problem(where, parsed.status().message());
      return;
    }
    *out = std::move(parsed).value();
  }

  void ParseAll() {
    for (auto& s : d_.sections) {
      Parse(s.proto->relevant(), "section " + Q(s.proto->id()) + ", field 'relevant'", &s.relevant);
    }
    for (auto& it : d_.items) {
      const std::string& id = it.proto->id();
      Parse(it.proto->relevant(), ItemWhere(id, "relevant"), &it.relevant);
      Parse(it.proto->required(), ItemWhere(id, "required"), &it.required);
      Parse(it.proto->constraint(), ItemWhere(id, "constraint"), &it.constraint);
      Parse(it.proto->choice_filter(), ItemWhere(id, "choiceFilter"), &it.choice_filter);
    }
    for (auto& c : d_.computed) {
      Parse(c.proto->expression(), "computed " + Q(c.proto->id()) + ", field 'expression'",
            &c.expression);
    }
    for (auto& h : d_.hazards) {
      Parse(h.proto->when(), "hazard rule " + Q(h.proto->id()) + ", field 'when'", &h.when);
    }
  }

  void BuildSymbols() {
    for (size_t i = 0; i < d_.items.size(); ++i) {
      const auto& it = d_.items[i];
      if (it.proto->kind() == v1::NOTE) continue;  // nothing to read
      Symbol s;
      s.kind = it.proto->kind();
      s.type = TypeOfItemKind(s.kind);
      s.slot = static_cast<int>(i);
      s.codes = it.codes.empty() ? nullptr : &it.codes;
      s.repeat = it.repeat;
      if (it.repeat >= 0) s.repeat_name = d_.sections[static_cast<size_t>(it.repeat)].proto->id();
      symbols_.emplace(it.proto->id(), s);
    }
    for (size_t c = 0; c < d_.computed.size(); ++c) {
      Symbol s;
      s.slot = static_cast<int>(d_.items.size() + c);
      symbols_.emplace(d_.computed[c].proto->id(), s);  // type filled in TypeCheckAll
    }
  }

  // Graph nodes an expression reads (unknown ids are skipped: the type checker reports them): the
  // value slots, and a repeat's section node (its count) for each repeat it reads or counts.
  std::vector<int> NodesOf(const Expression& e) {
    std::vector<int> nodes;
    auto add = [&nodes](int node) {
      if (std::find(nodes.begin(), nodes.end(), node) == nodes.end()) nodes.push_back(node);
    };
    for (const std::string& ref : e.References()) {
      auto it = symbols_.find(ref);
      if (it == symbols_.end()) continue;
      add(d_.SlotNode(it->second.slot));
      if (it->second.repeat >= 0) add(d_.SectionNode(it->second.repeat));
    }
    for (const std::string& id : e.CountedSections()) {
      const int repeat = RepeatOfSection(id);
      if (repeat >= 0) add(d_.SectionNode(repeat));
    }
    return nodes;
  }

  int RepeatOfSection(std::string_view id) const {
    for (size_t s = 0; s < d_.sections.size(); ++s) {
      if (d_.sections[s].repeats() && d_.sections[s].proto->id() == id) return static_cast<int>(s);
    }
    return -1;
  }

  void BuildGraph() {
    const std::vector<int> cycle =
        internal::BuildDependencyGraph(d_, [this](const Expression& e) { return NodesOf(e); });
    if (!cycle.empty()) ReportCycle(cycle);
  }

  // `cycle`: its nodes in dependency order (a is read by b ...).
  void ReportCycle(const std::vector<int>& cycle) {
    std::string chain;
    for (int c : cycle) chain += internal::NodeName(d_, c) + " -> ";
    chain += internal::NodeName(d_, cycle.front());
    int index = 0;
    const internal::NodeKind kind = d_.KindOf(cycle.front(), &index);
    std::string where;
    if (kind == internal::NodeKind::kSection) {
      where = "section " + Q(d_.sections[static_cast<size_t>(index)].proto->id()) +
              ", field 'relevant'";
    } else if (kind == internal::NodeKind::kItemValue) {
      where = ItemWhere(d_.items[static_cast<size_t>(index)].proto->id(), "relevant");
    } else {
      where = "computed " + Q(d_.computed[static_cast<size_t>(index)].proto->id()) +
              ", field 'expression'";
    }
    Problem(where,
            "depends on itself through the cycle " + chain + "; remove one of these references");
    cyclic_ = true;
  }

  // True when `e` is not empty and type-checked clean (as a condition when `want_bool`). `repeat`:
  // the repeat whose instance it reads (-1: none); kInferRepeat for hazard rules, whose repeat
  // is then in *found.
  static constexpr int kInferRepeat = -2;
  bool Check(Expression& e, const std::string& where, bool want_bool, int repeat = -1,
             int* found = nullptr) {
    if (e.empty()) return false;
    const SymbolLookup lookup = [this](std::string_view id) -> const Symbol* {
      auto it = symbols_.find(id);
      return it == symbols_.end() ? nullptr : &it->second;
    };
    RepeatScope scope;
    scope.current = repeat == kInferRepeat ? -1 : repeat;
    scope.infer = repeat == kInferRepeat;
    scope.repeat_of_section = [this](std::string_view id) { return RepeatOfSection(id); };
    scope.section_name = [this](int s) { return d_.sections[static_cast<size_t>(s)].proto->id(); };
    Type t = Type::kUnknown;
    Status st = TypeCheck(e, lookup, &t, &scope);
    if (found != nullptr) *found = scope.current;
    if (!st.ok()) {
      Problem(where, st.message());
      return false;
    }
    last_type_ = t;
    if (want_bool && t != Type::kBool && t != Type::kUnknown) {
      Problem(where, "column 1: must be a condition (true/false), but it is " +
                         std::string(TypeName(t)) + "; compare it, e.g. x == 'yes'");
      return false;
    }
    return true;
  }

  // A condition that reads no answer and is not true can never hold on any visit.
  void CheckNeverTrue(const Expression& e, const std::string& where, const std::string& effect) {
    if (internal::IsNeverTrue(e)) {
      Problem(where, "is never true (it reads no answer), so " + effect +
                         "; fix the condition or remove it");
    }
  }

  void TypeCheckAll() {
    // Computed values first, in dependency order, so later references know their types.
    for (int node : d_.order) {
      int index = 0;
      if (d_.KindOf(node, &index) != internal::NodeKind::kComputed) continue;
      auto& c = d_.computed[static_cast<size_t>(index)];
      last_type_ = Type::kUnknown;
      Check(c.expression, "computed " + Q(c.proto->id()) + ", field 'expression'", false);
      c.type = last_type_;
      symbols_[c.proto->id()].type = c.type;
    }
    if (cyclic_) {
      // Resolve slots of computed values on a cycle too (their types stay unknown).
      for (auto& c : d_.computed) {
        if (d_.position[static_cast<size_t>(
                d_.ComputedNode(static_cast<int>(&c - d_.computed.data())))] < 0) {
          Check(c.expression, "computed " + Q(c.proto->id()) + ", field 'expression'", false);
        }
      }
    }
    std::vector<bool> section_has_required(d_.sections.size(), false);
    for (auto& it : d_.items) {
      const std::string& id = it.proto->id();
      const bool relevant_ok = Check(it.relevant, ItemWhere(id, "relevant"), true, it.repeat);
      Check(it.required, ItemWhere(id, "required"), true, it.repeat);
      Check(it.constraint, ItemWhere(id, "constraint"), true, it.repeat);
      if (Check(it.choice_filter, ItemWhere(id, "choiceFilter"), false, it.repeat) &&
          last_type_ != Type::kString && last_type_ != Type::kUnknown) {
        Problem(ItemWhere(id, "choiceFilter"),
                "column 1: must be text (e.g. the id of an earlier single_choice item) to compare "
                "with each choice's filter, but it is " +
                    std::string(TypeName(last_type_)));
      }
      if (it.required.empty()) continue;
      section_has_required[static_cast<size_t>(it.section)] = true;
      if (relevant_ok) {
        CheckNeverTrue(it.relevant, ItemWhere(id, "relevant"),
                       "required item " + Q(id) + " is never shown or answered");
      }
    }
    for (size_t i = 0; i < d_.sections.size(); ++i) {
      auto& s = d_.sections[i];
      const std::string where = "section " + Q(s.proto->id()) + ", field 'relevant'";
      if (Check(s.relevant, where, true) && section_has_required[i]) {
        CheckNeverTrue(s.relevant, where, "the required items in it are never shown or answered");
      }
    }
    for (auto& h : d_.hazards) {
      const std::string where = "hazard rule " + Q(h.proto->id()) + ", field 'when'";
      if (Check(h.when, where, true, kInferRepeat, &h.repeat)) {
        CheckNeverTrue(h.when, where, "this hazard is never raised");
      }
      if (h.repeat >= 0) h.cells = d_.sections[static_cast<size_t>(h.repeat)].max_instances;
      h.first_cell = d_.hazard_cells;
      d_.hazard_cells += h.cells;
      if (h.photo_item >= 0) {
        const int photo_repeat = d_.items[static_cast<size_t>(h.photo_item)].repeat;
        if (photo_repeat >= 0 && photo_repeat != h.repeat) {
          Problem("hazard rule " + Q(h.proto->id()) + ", field 'photoItem'",
                  "item " + Q(h.proto->photo_item()) +
                      " is in a repeat group, and the rule is not about that group's instances; "
                      "name a photo item outside the repeat or read the repeat's items in 'when'");
        }
      }
    }
  }

  TemplateData& d_;
  std::vector<std::string> problems_;
  std::map<std::string, Symbol, std::less<>> symbols_;
  Type last_type_ = Type::kUnknown;
  bool cyclic_ = false;
};

}  // namespace

Result<CompiledTemplate> CompileTemplate(v1::ChecklistTemplate tpl) {
  auto data = std::make_shared<internal::TemplateData>();
  data->proto = std::move(tpl);
  TemplateChecker checker(*data);
  QM_RETURN_IF_ERROR(checker.Run());
  return CompiledTemplate(std::move(data));
}

}  // namespace qiaomen::core::forms
