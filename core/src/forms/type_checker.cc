#include "qiaomen/core/forms/type_checker.h"

#include <algorithm>

namespace qiaomen::core::forms {
namespace {

Status ErrorAt(int column, const std::string& what) {
  return InvalidArgument("column " + std::to_string(column) + ": " + what);
}

std::string Quote(const std::string& s) { return "'" + s + "'"; }

class Checker {
 public:
  Checker(Expression& e, const SymbolLookup& lookup, RepeatScope* scope)
      : e_(e), lookup_(lookup), scope_(scope != nullptr ? scope : &no_scope_) {}

  // instance() read by a hazard rule before any item told which repeat it is in.
  Status CheckInstanceUse() const {
    if (instance_column_ > 0 && scope_->current < 0) {
      return ErrorAt(instance_column_,
                     "instance() is the number of the current instance of a repeat group; use it "
                     "in the items of a repeat section or in a rule about them.");
    }
    return Status::Ok();
  }

  Status Check(int index, Type* out) {
    AstNode& n = e_.nodes[static_cast<size_t>(index)];
    QM_RETURN_IF_ERROR(CheckNode(n, out));
    e_.nodes[static_cast<size_t>(index)].type = *out;
    return Status::Ok();
  }

 private:
  Status Resolve(AstNode& n, const Symbol** out) {
    const Symbol* s = lookup_(n.text);
    if (s == nullptr) {
      return ErrorAt(n.column, "unknown item " + Quote(n.text) +
                                   "; use the id of an item or computed value of this template.");
    }
    n.slot = s->slot;
    *out = s;
    return CheckRepeatAccess(n, *s);
  }

  std::string RepeatName(int repeat) const {
    return scope_->section_name ? scope_->section_name(repeat) : std::to_string(repeat);
  }

  // An item of a repeat is read per instance: from inside its repeat or through an aggregate.
  Status CheckRepeatAccess(const AstNode& n, const Symbol& s) {
    if (s.repeat < 0) return Status::Ok();
    if (aggregate_ != kNoAggregate) {
      if (aggregate_ == kAggregateOpen) aggregate_ = s.repeat;
      if (aggregate_ == s.repeat) return Status::Ok();
      return ErrorAt(n.column, "an aggregate reads the items of one repeat group, and " +
                                   Quote(n.text) + " is in repeat " + Quote(s.repeat_name) +
                                   " while it already read repeat " +
                                   Quote(RepeatName(aggregate_)) + "; split it into two.");
    }
    if (scope_->current < 0 && scope_->infer) scope_->current = s.repeat;
    if (scope_->current == s.repeat) return Status::Ok();
    if (scope_->current >= 0) {
      return ErrorAt(n.column, "item " + Quote(n.text) + " is in repeat " + Quote(s.repeat_name) +
                                   " and this expression is in repeat " +
                                   Quote(RepeatName(scope_->current)) +
                                   "; read it through any(), all(), count() or sum().");
    }
    return ErrorAt(n.column, "item " + Quote(n.text) + " is in repeat " + Quote(s.repeat_name) +
                                 " and has one answer per instance; read it through any(), "
                                 "all(), count() or sum(), e.g. any(" +
                                 n.text + " == ...).");
  }

  Status CheckAggregate(AstNode& n, Type* out) {
    const char* fn = n.op == Op::kAny     ? "any"
                     : n.op == Op::kAll   ? "all"
                     : n.op == Op::kCount ? "count"
                                          : "sum";
    if (aggregate_ != kNoAggregate) {
      return ErrorAt(n.column, std::string(fn) + "() cannot be used inside another aggregate.");
    }
    aggregate_ = kAggregateOpen;
    Type inner = Type::kUnknown;
    QM_RETURN_IF_ERROR(Check(n.lhs, &inner));
    const int repeat = aggregate_;
    aggregate_ = kNoAggregate;
    if (repeat < 0) {
      return ErrorAt(n.column, std::string(fn) +
                                   "() goes over the instances of a repeat group; read an item "
                                   "of a repeat section in it, e.g. " +
                                   fn + "(cylinder_valve == 'no').");
    }
    n.slot = repeat;
    const AstNode& arg = e_.nodes[static_cast<size_t>(n.lhs)];
    if (n.op == Op::kSum) {
      QM_RETURN_IF_ERROR(Expect(arg, inner, Type::kNumber, "the argument of sum()"));
      *out = Type::kNumber;
      return Status::Ok();
    }
    QM_RETURN_IF_ERROR(
        Expect(arg, inner, Type::kBool, (std::string("the argument of ") + fn + "()").c_str()));
    *out = n.op == Op::kCount ? Type::kNumber : Type::kBool;
    return Status::Ok();
  }

  Status CheckCode(const Symbol& s, const std::string& id, const std::string& code, int column) {
    if (s.codes == nullptr) return Status::Ok();
    if (std::find(s.codes->begin(), s.codes->end(), code) != s.codes->end()) return Status::Ok();
    std::string list;
    for (const std::string& c : *s.codes) list += (list.empty() ? "" : ", ") + Quote(c);
    return ErrorAt(column, "choice code " + Quote(code) + " is not defined for item " + Quote(id) +
                               "; its codes are " + list + ".");
  }

  // A literal compared with a choice item must be one of its codes.
  Status CheckCodeComparison(const AstNode& a, const AstNode& b) {
    const AstNode* ref = a.op == Op::kRef ? &a : (b.op == Op::kRef ? &b : nullptr);
    const AstNode* lit = a.op == Op::kString ? &a : (b.op == Op::kString ? &b : nullptr);
    if (ref == nullptr || lit == nullptr) return Status::Ok();
    const Symbol* s = lookup_(ref->text);
    if (s == nullptr) return Status::Ok();
    return CheckCode(*s, ref->text, lit->text, lit->column);
  }

  Status Expect(const AstNode& n, Type got, Type want, const char* role) {
    if (got == want || got == Type::kUnknown) return Status::Ok();
    return ErrorAt(n.column, std::string(role) + " must be " + std::string(TypeName(want)) +
                                 ", not " + std::string(TypeName(got)) + ".");
  }

  Status CheckNode(AstNode& n, Type* out) {
    switch (n.op) {
      case Op::kAny:
      case Op::kAll:
      case Op::kCount:
      case Op::kSum:
        return CheckAggregate(n, out);
      case Op::kInstances: {
        const int repeat = scope_->repeat_of_section ? scope_->repeat_of_section(n.text) : -1;
        if (repeat < 0) {
          return ErrorAt(n.column, Quote(n.text) +
                                       " is not a repeat section; instances() takes the id of a "
                                       "section with a repeat.");
        }
        n.slot = repeat;
        *out = Type::kNumber;
        return Status::Ok();
      }
      case Op::kInstance:
        if (aggregate_ == kNoAggregate && scope_->current < 0) {
          if (!scope_->infer) {
            return ErrorAt(n.column,
                           "instance() is the number of the current instance of a repeat "
                           "group; use it in the items of a repeat section or in a rule about "
                           "them.");
          }
          if (instance_column_ == 0) instance_column_ = n.column;
        }
        *out = Type::kNumber;
        return Status::Ok();
      default:
        break;
    }
    const AstNode* lhs = n.lhs >= 0 ? &e_.nodes[static_cast<size_t>(n.lhs)] : nullptr;
    const AstNode* rhs = n.rhs >= 0 ? &e_.nodes[static_cast<size_t>(n.rhs)] : nullptr;
    Type lt = Type::kUnknown, rt = Type::kUnknown;
    if (lhs != nullptr) QM_RETURN_IF_ERROR(Check(n.lhs, &lt));
    if (rhs != nullptr) QM_RETURN_IF_ERROR(Check(n.rhs, &rt));
    switch (n.op) {
      case Op::kBool:
        *out = Type::kBool;
        return Status::Ok();
      case Op::kNumber:
        *out = Type::kNumber;
        return Status::Ok();
      case Op::kString:
        *out = Type::kString;
        return Status::Ok();
      case Op::kToday:
        *out = Type::kDate;
        return Status::Ok();
      case Op::kRef: {
        const Symbol* s = nullptr;
        QM_RETURN_IF_ERROR(Resolve(n, &s));
        if (s->type == Type::kChoices || s->type == Type::kPhotos || s->type == Type::kLocation) {
          const char* hint = s->type == Type::kChoices  ? "selected() or count_selected()"
                             : s->type == Type::kPhotos ? "photo_count() or is_answered()"
                                                        : "is_answered()";
          return ErrorAt(n.column, "item " + Quote(n.text) + " is " +
                                       std::string(TypeName(s->type)) +
                                       " and cannot be used as a value; use " + hint + ".");
        }
        *out = s->type;
        return Status::Ok();
      }
      case Op::kSelected: {
        const Symbol* s = nullptr;
        QM_RETURN_IF_ERROR(Resolve(n, &s));
        if (s->kind != v1::MULTI_CHOICE && s->kind != v1::SINGLE_CHOICE &&
            s->kind != v1::YES_NO_NA) {
          return ErrorAt(n.column,
                         "selected() needs a choice item, and " + Quote(n.text) + " is not one.");
        }
        QM_RETURN_IF_ERROR(CheckCode(*s, n.text, n.code, n.column));
        *out = Type::kBool;
        return Status::Ok();
      }
      case Op::kCountSelected: {
        const Symbol* s = nullptr;
        QM_RETURN_IF_ERROR(Resolve(n, &s));
        if (s->kind != v1::MULTI_CHOICE) {
          return ErrorAt(n.column, "count_selected() needs a multi_choice item, and " +
                                       Quote(n.text) + " is not one.");
        }
        *out = Type::kNumber;
        return Status::Ok();
      }
      case Op::kPhotoCount: {
        const Symbol* s = nullptr;
        QM_RETURN_IF_ERROR(Resolve(n, &s));
        if (s->kind != v1::PHOTO && s->kind != v1::SIGNATURE) {
          return ErrorAt(n.column, "photo_count() needs a photo or signature item, and " +
                                       Quote(n.text) + " is not one.");
        }
        *out = Type::kNumber;
        return Status::Ok();
      }
      case Op::kIsAnswered: {
        const Symbol* s = nullptr;
        QM_RETURN_IF_ERROR(Resolve(n, &s));
        *out = Type::kBool;
        return Status::Ok();
      }
      case Op::kNot:
        QM_RETURN_IF_ERROR(Expect(*lhs, lt, Type::kBool, "the operand of 'not'"));
        *out = Type::kBool;
        return Status::Ok();
      case Op::kNeg:
        QM_RETURN_IF_ERROR(Expect(*lhs, lt, Type::kNumber, "the operand of '-'"));
        *out = Type::kNumber;
        return Status::Ok();
      case Op::kAnd:
      case Op::kOr: {
        const char* role = n.op == Op::kAnd ? "each side of 'and'" : "each side of 'or'";
        QM_RETURN_IF_ERROR(Expect(*lhs, lt, Type::kBool, role));
        QM_RETURN_IF_ERROR(Expect(*rhs, rt, Type::kBool, role));
        *out = Type::kBool;
        return Status::Ok();
      }
      case Op::kEq:
      case Op::kNe:
        if (lt != Type::kUnknown && rt != Type::kUnknown && lt != rt) {
          return ErrorAt(n.column, "cannot compare " + std::string(TypeName(lt)) + " with " +
                                       std::string(TypeName(rt)) + ".");
        }
        QM_RETURN_IF_ERROR(CheckCodeComparison(*lhs, *rhs));
        *out = Type::kBool;
        return Status::Ok();
      case Op::kLt:
      case Op::kLe:
      case Op::kGt:
      case Op::kGe: {
        const Type t = lt != Type::kUnknown ? lt : rt;
        if (t != Type::kUnknown && t != Type::kNumber && t != Type::kDate) {
          return ErrorAt(n.column, "only numbers and dates can be ordered, not " +
                                       std::string(TypeName(t)) + ".");
        }
        if (lt != Type::kUnknown && rt != Type::kUnknown && lt != rt) {
          return ErrorAt(n.column, "cannot compare " + std::string(TypeName(lt)) + " with " +
                                       std::string(TypeName(rt)) + ".");
        }
        *out = Type::kBool;
        return Status::Ok();
      }
      case Op::kAdd:
      case Op::kSub: {
        if (lt == Type::kUnknown || rt == Type::kUnknown) {
          *out = Type::kUnknown;
          return Status::Ok();
        }
        if (lt == Type::kNumber && rt == Type::kNumber) {
          *out = Type::kNumber;
          return Status::Ok();
        }
        if (lt == Type::kDate && rt == Type::kNumber) {
          *out = Type::kDate;
          return Status::Ok();
        }
        if (n.op == Op::kSub && lt == Type::kDate && rt == Type::kDate) {
          *out = Type::kNumber;  // days between
          return Status::Ok();
        }
        return ErrorAt(n.column,
                       std::string("cannot ") + (n.op == Op::kAdd ? "add " : "subtract ") +
                           std::string(TypeName(rt)) + (n.op == Op::kAdd ? " to " : " from ") +
                           std::string(TypeName(lt)) +
                           "; arithmetic takes numbers, or a date and a number of days.");
      }
      case Op::kMul:
      case Op::kDiv: {
        const char* role = n.op == Op::kMul ? "each side of '*'" : "each side of '/'";
        QM_RETURN_IF_ERROR(Expect(*lhs, lt, Type::kNumber, role));
        QM_RETURN_IF_ERROR(Expect(*rhs, rt, Type::kNumber, role));
        *out = Type::kNumber;
        return Status::Ok();
      }
      case Op::kAny:
      case Op::kAll:
      case Op::kCount:
      case Op::kSum:
      case Op::kInstances:
      case Op::kInstance:
        break;  // handled above
    }
    return ErrorAt(n.column, "unsupported expression.");
  }

  static constexpr int kNoAggregate = -2;
  static constexpr int kAggregateOpen = -1;

  Expression& e_;
  const SymbolLookup& lookup_;
  RepeatScope no_scope_;
  RepeatScope* scope_;
  int aggregate_ = kNoAggregate;  // inside an aggregate: its repeat, or kAggregateOpen
  int instance_column_ = 0;
};

}  // namespace

Type TypeOfItemKind(v1::ItemKind kind) {
  switch (kind) {
    case v1::YES_NO_NA:
    case v1::SINGLE_CHOICE:
    case v1::TEXT:
      return Type::kString;
    case v1::MULTI_CHOICE:
      return Type::kChoices;
    case v1::INTEGER:
    case v1::DECIMAL:
      return Type::kNumber;
    case v1::DATE:
      return Type::kDate;
    case v1::PHOTO:
    case v1::SIGNATURE:
      return Type::kPhotos;
    case v1::LOCATION:
      return Type::kLocation;
    default:
      return Type::kUnknown;
  }
}

Status TypeCheck(Expression& expr, const SymbolLookup& lookup, Type* type, RepeatScope* scope) {
  *type = Type::kUnknown;
  if (expr.empty()) return Status::Ok();
  Checker checker(expr, lookup, scope);
  QM_RETURN_IF_ERROR(checker.Check(expr.root, type));
  return checker.CheckInstanceUse();
}

}  // namespace qiaomen::core::forms
