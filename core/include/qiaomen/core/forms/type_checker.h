#pragma once
// Resolves the ids an expression reads and checks that every operator gets the types it needs.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "qiaomen/core/forms/expression.h"
#include "qiaomen/core/forms/value.h"
#include "qiaomen/core/status.h"
#include "qiaomen/v1/template.pb.h"

namespace qiaomen::core::forms {

// What an id names: an item (kind set) or a computed value (kind ITEM_KIND_UNSPECIFIED).
struct Symbol {
  Type type = Type::kUnknown;
  v1::ItemKind kind = v1::ITEM_KIND_UNSPECIFIED;
  int slot = -1;                                    // the engine's index for it
  const std::vector<std::string>* codes = nullptr;  // choice codes (yes_no_na: yes, no, na)
};

// Returns the symbol for an id, or nullptr when the template has none.
using SymbolLookup = std::function<const Symbol*(std::string_view id)>;

// Checks `expr` in place: resolves each reference (AstNode::slot) and records each node's type.
// On success `*type` is the type of the whole expression (kUnknown for an empty expression).
// Errors: InvalidArgument "column N: ..." for unknown ids, undefined choice codes, item kinds
// used where they cannot be read, and operators applied to the wrong types.
Status TypeCheck(Expression& expr, const SymbolLookup& lookup, Type* type);

// The type an item of `kind` has when referenced by id (kChoices for multi_choice, ...).
Type TypeOfItemKind(v1::ItemKind kind);

}  // namespace qiaomen::core::forms
