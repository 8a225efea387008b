#pragma once
// The forms expression language: parsed once to an AST, type-checked against a template, then
// evaluated many times. Nothing but this AST is ever evaluated. Grammar: docs/forms-expressions.md.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "qiaomen/core/forms/value.h"
#include "qiaomen/core/status.h"

namespace qiaomen::core::forms {

// Limits that keep parsing and evaluation bounded whatever the input.
inline constexpr size_t kMaxExpressionLength = 1000;  // characters (bytes of UTF-8)
inline constexpr int kMaxExpressionDepth = 48;        // height of the AST

enum class Op : uint8_t {
  kBool,
  kNumber,
  kString,  // literals
  kRef,     // an item or computed value, by id
  kNot,
  kNeg,
  kAnd,
  kOr,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kSelected,       // selected(item, 'code')
  kCountSelected,  // count_selected(item)
  kPhotoCount,     // photo_count(item)
  kIsAnswered,     // is_answered(item)
  kToday,          // today()
  // Repeat groups (template.proto Repeat). The aggregates evaluate `lhs` once per instance of
  // the one repeat it reads (slot: that repeat's section index, set by the type checker).
  kAny,        // any(cond): some instance holds
  kAll,        // all(cond): every instance holds (true when there are none)
  kCount,      // count(cond): how many instances hold
  kSum,        // sum(number): the total over instances, nulls skipped
  kInstances,  // instances(section_id): how many instances; text: the section id
  kInstance,   // instance(): the current instance's number, 1, 2, ...
};

struct AstNode {
  Op op = Op::kBool;
  int column = 1;  // 1-based column in the source where the node starts
  int lhs = -1;    // child node indices, -1 when absent
  int rhs = -1;
  bool boolean = false;
  double number = 0;
  std::string text;  // kString: the literal; kRef and functions: the item id; kSelected: the code
  std::string code;  // kSelected: the choice code
  int slot = -1;     // kRef and item functions: resolved by the type checker; aggregates and
                     // kInstances: the repeat's section index
  Type type = Type::kUnknown;  // set by the type checker
};

// A parsed expression. Copyable; holds no pointers into other objects.
struct Expression {
  std::string source;
  std::vector<AstNode> nodes;
  int root = -1;

  bool empty() const { return root < 0; }
  // Ids of every item or computed value the expression reads, without repeats.
  std::vector<std::string> References() const;
  // Ids of the sections whose instances instances() counts, without repeats.
  std::vector<std::string> CountedSections() const;
};

// Parses `source`. An empty or all-blank source gives an empty Expression (root -1).
// Errors: InvalidArgument "column N: <what is wrong>. <what to do>." for syntax errors, sources
// longer than kMaxExpressionLength and ASTs deeper than kMaxExpressionDepth. Never throws.
Result<Expression> ParseExpression(std::string_view source);

}  // namespace qiaomen::core::forms
