// libFuzzer target: any bytes as an expression must parse or fail cleanly; whatever parses is
// type-checked against a fixed set of items and evaluated, and must neither crash nor hang.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "qiaomen/core/forms/evaluator.h"
#include "qiaomen/core/forms/expression.h"
#include "qiaomen/core/forms/type_checker.h"

namespace {

using namespace qiaomen::core::forms;  // NOLINT: fuzz harness

struct Items {
  std::map<std::string, Symbol, std::less<>> symbols;
  std::vector<std::string> codes{"yes", "no", "na"};
  std::vector<std::string> choices{"coal", "gas", "indoor", "flying_lead"};
  Items() {
    int slot = 0;
    auto add = [&](const char* id, qiaomen::v1::ItemKind kind, const std::vector<std::string>* c) {
      Symbol s;
      s.kind = kind;
      s.type = TypeOfItemKind(kind);
      s.slot = slot++;
      s.codes = c;
      symbols.emplace(id, s);
    };
    add("a", qiaomen::v1::YES_NO_NA, &codes);
    add("b", qiaomen::v1::SINGLE_CHOICE, &choices);
    add("c", qiaomen::v1::MULTI_CHOICE, &choices);
    add("n", qiaomen::v1::INTEGER, nullptr);
    add("x", qiaomen::v1::DECIMAL, nullptr);
    add("t", qiaomen::v1::TEXT, nullptr);
    add("d", qiaomen::v1::DATE, nullptr);
    add("p", qiaomen::v1::PHOTO, nullptr);
    add("l", qiaomen::v1::LOCATION, nullptr);
  }
};

class Env : public EvalEnv {
 public:
  explicit Env(uint8_t seed) : seed_(seed) {}
  Value SlotValue(int slot) const override {
    if ((seed_ >> (slot % 8)) & 1) return Value::Null();
    switch (slot) {
      case 0:
        return Value::String("yes");
      case 1:
        return Value::String("coal");
      case 3:
        return Value::Number(3);
      case 4:
        return Value::Number(-2.5);
      case 5:
        return Value::String("text");
      case 6:
        return Value::Date(20000);
      default:
        return Value::Null();
    }
  }
  bool IsSelected(int, std::string_view code) const override { return code == "indoor"; }
  int64_t CountSelected(int) const override { return seed_ % 3; }
  int64_t PhotoCount(int) const override { return seed_ % 4; }
  bool IsAnswered(int slot) const override { return !((seed_ >> (slot % 8)) & 1); }
  int64_t Today() const override { return 20463; }

 private:
  uint8_t seed_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Items items;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = ParseExpression(text);
  if (!parsed.ok()) return 0;
  Expression e = std::move(parsed).value();
  (void)e.References();
  const SymbolLookup lookup = [](std::string_view id) -> const Symbol* {
    auto it = items.symbols.find(id);
    return it == items.symbols.end() ? nullptr : &it->second;
  };
  Type type;
  if (!TypeCheck(e, lookup, &type).ok()) return 0;
  for (uint8_t seed : {uint8_t{0}, uint8_t{0x55}, uint8_t{0xff}}) {
    const Value v = EvaluateExpression(e, Env(seed));
    (void)ToString(v);
  }
  return 0;
}
