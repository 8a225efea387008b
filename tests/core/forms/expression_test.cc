#include "qiaomen/core/forms/expression.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "qiaomen/core/forms/evaluator.h"
#include "qiaomen/core/forms/type_checker.h"

namespace qiaomen::core::forms {
namespace {

using ::testing::HasSubstr;

// A tiny template: items by id with fixed values, for checking and evaluating expressions alone.
class FakeForm : public EvalEnv {
 public:
  FakeForm() {
    Add("fuel", v1::SINGLE_CHOICE, {"coal", "gas", "none"});
    Add("alarm", v1::YES_NO_NA, {"yes", "no", "na"});
    Add("rooms", v1::INTEGER);
    Add("length", v1::DECIMAL);
    Add("name", v1::TEXT);
    Add("expiry", v1::DATE);
    Add("charging", v1::MULTI_CHOICE, {"indoor", "flying_lead", "station"});
    Add("photos", v1::PHOTO);
    Add("where", v1::LOCATION);
  }

  void Add(const std::string& id, v1::ItemKind kind, std::vector<std::string> codes = {}) {
    auto& e = entries_[id];
    e.codes = std::move(codes);
    e.symbol.kind = kind;
    e.symbol.type = TypeOfItemKind(kind);
    e.symbol.slot = static_cast<int>(slots_.size());
    e.symbol.codes = e.codes.empty() ? nullptr : &e.codes;
    slots_.push_back(id);
  }

  SymbolLookup Lookup() const {
    return [this](std::string_view id) -> const Symbol* {
      auto it = entries_.find(std::string(id));
      return it == entries_.end() ? nullptr : &it->second.symbol;
    };
  }

  Result<Expression> Compile(const std::string& src, Type* type = nullptr) const {
    QM_ASSIGN_OR_RETURN(Expression e, ParseExpression(src));
    Type t;
    QM_RETURN_IF_ERROR(TypeCheck(e, Lookup(), &t));
    if (type) *type = t;
    return e;
  }

  Value Eval(const std::string& src) const {
    auto e = Compile(src);
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    if (!e.ok()) return Value::Null();
    return EvaluateExpression(*e, *this);
  }

  std::map<std::string, Value> values;
  std::vector<std::string> selected;
  int64_t photo_count = 0;
  int64_t today = *ParseDate("2026-01-10");

  Value SlotValue(int slot) const override {
    auto it = values.find(slots_[static_cast<size_t>(slot)]);
    return it == values.end() ? Value::Null() : it->second;
  }
  bool IsSelected(int slot, std::string_view code) const override {
    if (slots_[static_cast<size_t>(slot)] == "charging") {
      return std::find(selected.begin(), selected.end(), code) != selected.end();
    }
    const Value v = SlotValue(slot);
    return v.kind == Value::Kind::kString && v.text == code;
  }
  int64_t CountSelected(int) const override { return static_cast<int64_t>(selected.size()); }
  int64_t PhotoCount(int) const override { return photo_count; }
  bool IsAnswered(int slot) const override {
    const std::string& id = slots_[static_cast<size_t>(slot)];
    if (id == "charging") return !selected.empty();
    if (id == "photos") return photo_count > 0;
    return values.count(id) > 0;
  }
  int64_t Today() const override { return today; }

 private:
  struct Entry {
    Symbol symbol;
    std::vector<std::string> codes;
  };
  std::map<std::string, Entry> entries_;
  std::vector<std::string> slots_;
};

std::string ParseError(const std::string& src) {
  auto r = ParseExpression(src);
  return r.ok() ? "ok" : r.status().message();
}

TEST(FormsExpressionParser, ParsesPrecedenceAndReferences) {
  auto e = ParseExpression("a == 'x' or b > 1 + 2 * 3 and not c == 'y'");
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->nodes[static_cast<size_t>(e->root)].op, Op::kOr);
  EXPECT_THAT(e->References(), ::testing::ElementsAre("a", "b", "c"));
}

TEST(FormsExpressionParser, EmptySourceIsEmptyExpression) {
  auto e = ParseExpression("   ");
  ASSERT_TRUE(e.ok());
  EXPECT_TRUE(e->empty());
}

TEST(FormsExpressionParser, SyntaxErrorsNameTheColumn) {
  EXPECT_EQ(ParseError("fuel = 'coal'"),
            "column 6: '=' is not an operator; write '==' to compare.");
  EXPECT_THAT(ParseError("fuel == 'coal"), HasSubstr("column 9: the text starting here"));
  EXPECT_THAT(ParseError("(a == 1"),
              HasSubstr("column 8: expected ')' to close the '(' at column 1"));
  EXPECT_THAT(ParseError("a == 1 b"), HasSubstr("column 8: unexpected 'b'"));
  EXPECT_THAT(ParseError("a < b < c"), HasSubstr("column 7: comparisons do not chain"));
  EXPECT_THAT(ParseError("eval('x')"), HasSubstr("column 1: unknown function 'eval'"));
  EXPECT_THAT(ParseError("selected(fuel)"), HasSubstr("column 14: expected ',' and a choice code"));
  EXPECT_THAT(ParseError("selected('fuel', 'x')"),
              HasSubstr("column 10: selected() takes an item id"));
  EXPECT_THAT(ParseError("a == 1 and"), HasSubstr("column 11: expected a value"));
  EXPECT_THAT(ParseError("a == 12abc"), HasSubstr("column 8: a number runs into a name"));
  EXPECT_THAT(ParseError("a == 1.x"), HasSubstr("column 6: a number needs digits"));
  EXPECT_THAT(ParseError("a == 燃煤"), HasSubstr("column 6: unexpected non-ASCII character"));
  EXPECT_THAT(ParseError("today(1)"), HasSubstr("column 7: expected ')'"));
  EXPECT_THAT(ParseError("a $ b"), HasSubstr("column 3: unexpected character '$'"));
}

TEST(FormsExpressionParser, LengthAndDepthAreBounded) {
  EXPECT_THAT(ParseError(std::string(kMaxExpressionLength + 1, ' ')),
              HasSubstr("longer than 1000 characters"));
  EXPECT_EQ(ParseError(std::string(kMaxExpressionLength, ' ')), "ok");
  std::string deep = std::string(60, '(') + "1" + std::string(60, ')');
  EXPECT_THAT(ParseError(deep), HasSubstr("nests more than 48 levels"));
  std::string nots;
  for (int i = 0; i < 100; ++i) nots += "not ";
  EXPECT_THAT(ParseError(nots + "true"), HasSubstr("nests more than 48 levels"));
  std::string chain = "1";
  for (int i = 0; i < 100; ++i) chain += "+1";
  EXPECT_THAT(ParseError(chain), HasSubstr("nests more than 48 levels"));
  EXPECT_EQ(ParseError(std::string(20, '(') + "1" + std::string(20, ')')), "ok");
}

TEST(FormsTypeChecker, ResolvesTypesAndRejectsMistakesWithColumns) {
  FakeForm f;
  Type t;
  ASSERT_TRUE(f.Compile("rooms * 2 + length", &t).ok());
  EXPECT_EQ(t, Type::kNumber);
  ASSERT_TRUE(f.Compile("expiry - today()", &t).ok());
  EXPECT_EQ(t, Type::kNumber);
  ASSERT_TRUE(f.Compile("today() + 30", &t).ok());
  EXPECT_EQ(t, Type::kDate);
  ASSERT_TRUE(f.Compile("selected(charging, 'indoor') and count_selected(charging) > 1", &t).ok());
  EXPECT_EQ(t, Type::kBool);

  auto msg = [&](const std::string& src) {
    auto r = f.Compile(src);
    return r.ok() ? std::string("ok") : r.status().message();
  };
  EXPECT_THAT(msg("fule == 'coal'"), HasSubstr("column 1: unknown item 'fule'"));
  EXPECT_THAT(msg("fuel == 'wood'"),
              HasSubstr("column 9: choice code 'wood' is not defined for item 'fuel'"));
  EXPECT_THAT(msg("alarm == 'maybe'"), HasSubstr("column 10: choice code 'maybe'"));
  EXPECT_THAT(msg("selected(charging, 'solar')"), HasSubstr("choice code 'solar'"));
  EXPECT_THAT(msg("rooms == 'three'"), HasSubstr("column 7: cannot compare number with text"));
  EXPECT_THAT(msg("name > 'a'"), HasSubstr("column 6: only numbers and dates can be ordered"));
  EXPECT_THAT(msg("rooms and true"), HasSubstr("column 1: each side of 'and' must be true/false"));
  EXPECT_THAT(msg("not rooms"), HasSubstr("column 5: the operand of 'not' must be true/false"));
  EXPECT_THAT(msg("charging == 'indoor'"), HasSubstr("column 1: item 'charging' is multiple "
                                                     "choice and cannot be used as a value"));
  EXPECT_THAT(msg("photos > 1"), HasSubstr("use photo_count()"));
  EXPECT_THAT(msg("count_selected(fuel) > 1"), HasSubstr("count_selected() needs a multi_choice"));
  EXPECT_THAT(msg("photo_count(rooms) > 1"), HasSubstr("photo_count() needs a photo"));
  EXPECT_THAT(msg("selected(rooms, 'x')"), HasSubstr("selected() needs a choice item"));
  EXPECT_THAT(msg("name + 1 > 2"), HasSubstr("column 6: cannot add number to text"));
  EXPECT_EQ(msg("today() - rooms == expiry"), "ok");
  EXPECT_THAT(msg("today() + expiry > 1"), HasSubstr("cannot add date to date"));
  EXPECT_EQ(msg("is_answered(where) and is_answered(photos)"), "ok");
}

TEST(FormsEvaluator, ComputesWithNullRules) {
  FakeForm f;
  f.values["fuel"] = Value::String("coal");
  f.values["rooms"] = Value::Number(3);
  f.values["expiry"] = Value::Date(*ParseDate("2025-12-31"));
  EXPECT_EQ(f.Eval("fuel == 'coal'"), Value::Bool(true));
  EXPECT_EQ(f.Eval("fuel != 'coal'"), Value::Bool(false));
  EXPECT_EQ(f.Eval("rooms * 2 + 1"), Value::Number(7));
  EXPECT_EQ(f.Eval("-rooms + 10 / 4"), Value::Number(-0.5));
  EXPECT_EQ(f.Eval("rooms / 0"), Value::Null());
  EXPECT_EQ(f.Eval("today() - expiry"), Value::Number(10));
  EXPECT_EQ(f.Eval("expiry < today()"), Value::Bool(true));
  EXPECT_EQ(f.Eval("expiry + 11 > today()"), Value::Bool(true));
  EXPECT_EQ(ToString(f.Eval("expiry + 1")), "2026-01-01");
  // Unanswered items are unknown: comparisons and arithmetic give null, logic is three-valued.
  EXPECT_EQ(f.Eval("length > 1"), Value::Null());
  EXPECT_EQ(f.Eval("length <= 1"), Value::Null());
  EXPECT_EQ(f.Eval("length + 1"), Value::Null());
  EXPECT_EQ(f.Eval("not (alarm == 'yes')"), Value::Null());
  EXPECT_EQ(f.Eval("alarm == 'yes' and false"), Value::Bool(false));
  EXPECT_EQ(f.Eval("alarm == 'yes' and true"), Value::Null());
  EXPECT_EQ(f.Eval("alarm == 'yes' or true"), Value::Bool(true));
  EXPECT_EQ(f.Eval("alarm == 'yes' or false"), Value::Null());
  EXPECT_EQ(f.Eval("is_answered(alarm) or is_answered(fuel)"), Value::Bool(true));
  EXPECT_EQ(f.Eval("is_answered(alarm)"), Value::Bool(false));
  f.selected = {"indoor", "flying_lead"};
  f.photo_count = 2;
  EXPECT_EQ(f.Eval("selected(charging, 'flying_lead')"), Value::Bool(true));
  EXPECT_EQ(f.Eval("selected(charging, 'station')"), Value::Bool(false));
  EXPECT_EQ(f.Eval("count_selected(charging) == 2 and photo_count(photos) >= 2"),
            Value::Bool(true));
  EXPECT_EQ(f.Eval("selected(fuel, 'coal')"), Value::Bool(true));
  EXPECT_EQ(f.Eval("'a\\'b' == \"a'b\""), Value::Bool(true));
}

TEST(FormsValue, DatesRoundTripAndRejectImpossibleDays) {
  EXPECT_EQ(ParseDate("1970-01-01"), 0);
  EXPECT_EQ(FormatDate(*ParseDate("2024-02-29")), "2024-02-29");
  EXPECT_FALSE(ParseDate("2025-02-29"));
  EXPECT_FALSE(ParseDate("2026-13-01"));
  EXPECT_FALSE(ParseDate("2026-1-01"));
  EXPECT_FALSE(ParseDate("26-01-01xx"));
  EXPECT_EQ(*ParseDate("2026-03-01") - *ParseDate("2026-02-28"), 1);
}

}  // namespace
}  // namespace qiaomen::core::forms
