#include "qiaomen/core/forms/evaluator.h"

#include <cmath>

namespace qiaomen::core::forms {
namespace {

Value Compare(Op op, const Value& a, const Value& b) {
  if (a.is_null() || b.is_null() || a.kind != b.kind) return Value::Null();
  int cmp = 0;
  switch (a.kind) {
    case Value::Kind::kNumber:
      cmp = a.number < b.number ? -1 : (a.number > b.number ? 1 : 0);
      break;
    case Value::Kind::kDate:
      cmp = a.days < b.days ? -1 : (a.days > b.days ? 1 : 0);
      break;
    case Value::Kind::kString:
      cmp = a.text.compare(b.text);
      break;
    case Value::Kind::kBool:
      cmp = static_cast<int>(a.boolean) - static_cast<int>(b.boolean);
      break;
    case Value::Kind::kNull:
      break;
  }
  switch (op) {
    case Op::kEq:
      return Value::Bool(cmp == 0);
    case Op::kNe:
      return Value::Bool(cmp != 0);
    case Op::kLt:
      return Value::Bool(cmp < 0);
    case Op::kLe:
      return Value::Bool(cmp <= 0);
    case Op::kGt:
      return Value::Bool(cmp > 0);
    case Op::kGe:
      return Value::Bool(cmp >= 0);
    default:
      return Value::Null();
  }
}

Value Arithmetic(Op op, const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value::Null();
  if (a.kind == Value::Kind::kNumber && b.kind == Value::Kind::kNumber) {
    double r = 0;
    switch (op) {
      case Op::kAdd:
        r = a.number + b.number;
        break;
      case Op::kSub:
        r = a.number - b.number;
        break;
      case Op::kMul:
        r = a.number * b.number;
        break;
      case Op::kDiv:
        if (b.number == 0) return Value::Null();
        r = a.number / b.number;
        break;
      default:
        return Value::Null();
    }
    return std::isfinite(r) ? Value::Number(r) : Value::Null();
  }
  if (a.kind == Value::Kind::kDate && b.kind == Value::Kind::kNumber) {
    if (!std::isfinite(b.number) || std::fabs(b.number) > 1e6) return Value::Null();
    const auto delta = static_cast<int64_t>(std::floor(b.number));
    if (op == Op::kAdd) return Value::Date(a.days + delta);
    if (op == Op::kSub) return Value::Date(a.days - delta);
    return Value::Null();
  }
  if (op == Op::kSub && a.kind == Value::Kind::kDate && b.kind == Value::Kind::kDate) {
    return Value::Number(static_cast<double>(a.days - b.days));
  }
  return Value::Null();
}

Value Eval(const Expression& e, int index, const EvalEnv& env);

// any, all, count and sum: `n.lhs` once per instance of repeat `n.slot`.
Value Aggregate(const Expression& e, const AstNode& n, const EvalEnv& env) {
  const int64_t instances = n.slot >= 0 ? env.InstanceCount(n.slot) : 0;
  int64_t holding = 0;
  double total = 0;
  const int before = env.CurrentInstance();
  for (int64_t k = 1; k <= instances; ++k) {
    env.SwitchInstance(static_cast<int>(k));
    const Value v = Eval(e, n.lhs, env);
    if (n.op == Op::kSum) {
      if (v.kind == Value::Kind::kNumber) total += v.number;
    } else if (v.truthy()) {
      ++holding;
    }
  }
  env.SwitchInstance(before);
  switch (n.op) {
    case Op::kAny:
      return Value::Bool(holding > 0);
    case Op::kAll:
      return Value::Bool(holding == instances);
    case Op::kCount:
      return Value::Number(static_cast<double>(holding));
    default:
      return std::isfinite(total) ? Value::Number(total) : Value::Null();
  }
}

Value Eval(const Expression& e, int index, const EvalEnv& env) {
  const AstNode& n = e.nodes[static_cast<size_t>(index)];
  switch (n.op) {
    case Op::kBool:
      return Value::Bool(n.boolean);
    case Op::kNumber:
      return Value::Number(n.number);
    case Op::kString:
      return Value::String(n.text);
    case Op::kToday:
      return Value::Date(env.Today());
    case Op::kRef:
      return n.slot >= 0 ? env.SlotValue(n.slot) : Value::Null();
    case Op::kSelected:
      return Value::Bool(n.slot >= 0 && env.IsSelected(n.slot, n.code));
    case Op::kCountSelected:
      return Value::Number(n.slot >= 0 ? static_cast<double>(env.CountSelected(n.slot)) : 0);
    case Op::kPhotoCount:
      return Value::Number(n.slot >= 0 ? static_cast<double>(env.PhotoCount(n.slot)) : 0);
    case Op::kIsAnswered:
      return Value::Bool(n.slot >= 0 && env.IsAnswered(n.slot));
    case Op::kAny:
    case Op::kAll:
    case Op::kCount:
    case Op::kSum:
      return Aggregate(e, n, env);
    case Op::kInstances:
      return Value::Number(n.slot >= 0 ? static_cast<double>(env.InstanceCount(n.slot)) : 0);
    case Op::kInstance: {
      const int k = env.CurrentInstance();
      return k > 0 ? Value::Number(k) : Value::Null();
    }
    case Op::kNot: {
      const Value v = Eval(e, n.lhs, env);
      return v.kind == Value::Kind::kBool ? Value::Bool(!v.boolean) : Value::Null();
    }
    case Op::kNeg: {
      const Value v = Eval(e, n.lhs, env);
      return v.kind == Value::Kind::kNumber ? Value::Number(-v.number) : Value::Null();
    }
    case Op::kAnd: {
      // Three-valued: false wins over unknown, unknown over true.
      const Value a = Eval(e, n.lhs, env);
      if (a.kind == Value::Kind::kBool && !a.boolean) return a;
      const Value b = Eval(e, n.rhs, env);
      if (b.kind == Value::Kind::kBool && !b.boolean) return b;
      return a.is_null() || b.is_null() ? Value::Null() : Value::Bool(true);
    }
    case Op::kOr: {
      // Three-valued: true wins over unknown, unknown over false.
      const Value a = Eval(e, n.lhs, env);
      if (a.truthy()) return a;
      const Value b = Eval(e, n.rhs, env);
      if (b.truthy()) return b;
      return a.is_null() || b.is_null() ? Value::Null() : Value::Bool(false);
    }
    case Op::kEq:
    case Op::kNe:
    case Op::kLt:
    case Op::kLe:
    case Op::kGt:
    case Op::kGe:
      return Compare(n.op, Eval(e, n.lhs, env), Eval(e, n.rhs, env));
    case Op::kAdd:
    case Op::kSub:
    case Op::kMul:
    case Op::kDiv:
      return Arithmetic(n.op, Eval(e, n.lhs, env), Eval(e, n.rhs, env));
  }
  return Value::Null();
}

}  // namespace

Value EvaluateExpression(const Expression& expr, const EvalEnv& env) {
  if (expr.empty()) return Value::Null();
  return Eval(expr, expr.root, env);
}

}  // namespace qiaomen::core::forms
