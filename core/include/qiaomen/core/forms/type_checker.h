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
// (NOTE items are not symbols: nothing can read them.)
struct Symbol {
  Type type = Type::kUnknown;
  v1::ItemKind kind = v1::ITEM_KIND_UNSPECIFIED;
  int slot = -1;                                    // the engine's index for it
  const std::vector<std::string>* codes = nullptr;  // choice codes (yes_no_na: yes, no, na)
  int repeat = -1;          // the section index of the repeat the item is in; -1: none
  std::string repeat_name;  // that section's id, for messages
};

// Where an expression is evaluated, for repeat groups (template.proto Repeat).
struct RepeatScope {
  // The repeat (section index) whose current instance the expression reads; -1: none.
  int current = -1;
  // Hazard rules: the first item of a repeat read outside an aggregate sets `current`.
  bool infer = false;
  // The section index of the repeat section with this id, or -1 (for instances()).
  std::function<int(std::string_view section_id)> repeat_of_section;
  // The id of repeat section `index`, for messages.
  std::function<std::string(int index)> section_name;
};

// Returns the symbol for an id, or nullptr when the template has none.
using SymbolLookup = std::function<const Symbol*(std::string_view id)>;

// Checks `expr` in place: resolves each reference (AstNode::slot) and records each node's type.
// On success `*type` is the type of the whole expression (kUnknown for an empty expression).
// Errors: InvalidArgument "column N: ..." for unknown ids, undefined choice codes, item kinds
// used where they cannot be read, and operators applied to the wrong types.
// Repeats: with `scope` null the expression is outside every repeat. An item of a repeat may be
// read only from that repeat's scope or inside any/all/count/sum; an aggregate reads the items of
// exactly one repeat and does not nest; instances() names a repeat section; instance() needs a
// repeat scope. On success scope->current holds the repeat the expression was found to read.
Status TypeCheck(Expression& expr, const SymbolLookup& lookup, Type* type,
                 RepeatScope* scope = nullptr);

// The type an item of `kind` has when referenced by id (kChoices for multi_choice, ...).
Type TypeOfItemKind(v1::ItemKind kind);

}  // namespace qiaomen::core::forms
