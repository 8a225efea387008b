#include "forms/constant_condition.h"

#include <cstdint>
#include <string_view>

#include "qiaomen/core/forms/evaluator.h"

namespace qiaomen::core::forms::internal {
namespace {

// An expression that reads nothing never calls these; they answer "nothing" to be safe.
class NothingEnv : public EvalEnv {
 public:
  Value SlotValue(int) const override { return Value::Null(); }
  bool IsSelected(int, std::string_view) const override { return false; }
  int64_t CountSelected(int) const override { return 0; }
  int64_t PhotoCount(int) const override { return 0; }
  bool IsAnswered(int) const override { return false; }
  int64_t Today() const override { return 0; }
};

bool ReadsSomething(const Expression& expr) {
  for (const AstNode& n : expr.nodes) {
    switch (n.op) {
      case Op::kRef:
      case Op::kSelected:
      case Op::kCountSelected:
      case Op::kPhotoCount:
      case Op::kIsAnswered:
      case Op::kToday:
      case Op::kInstances:
      case Op::kInstance:
        return true;
      default:
        break;
    }
  }
  return false;
}

}  // namespace

bool IsNeverTrue(const Expression& expr) {
  if (expr.empty() || ReadsSomething(expr)) return false;
  return !EvaluateExpression(expr, NothingEnv()).truthy();
}

}  // namespace qiaomen::core::forms::internal
