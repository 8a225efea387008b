#pragma once
// How the register fields of mutable records (Subject, Task, Hazard) map to journal FieldValues, in
// the encoding merge/field_schema.h defines (enums as lower-case words, ids as UUID text). Private
// to the store. Done by protobuf reflection so that a register added to the schema needs no code
// here.

#include <google/protobuf/message.h>

#include <string>
#include <string_view>

#include "qiaomen/core/merge/record_state.h"
#include "qiaomen/core/status.h"
#include "qiaomen/v1/change.pb.h"

namespace qiaomen::core::store::internal {

// Fields an update may not change: identity and links, set by the create.
bool IsCreateOnlyField(v1::Entity entity, std::string_view field);

// Reads `field` of `record` as a FieldValue. Internal for a field the message lacks.
Result<v1::FieldValue> GetField(const google::protobuf::Message& record, std::string_view field);
// Sets `field` from a FieldValue. InvalidArgument when the value does not fit the field.
Status SetField(google::protobuf::Message& record, std::string_view field,
                const v1::FieldValue& value);
// True when the field holds its default (empty text, 0, no items, unspecified enum).
bool IsDefault(const v1::FieldValue& value);

// The record a merged state stands for: `id` from the state's record id, each visible field set.
// Corruption when a stored value does not fit (the state was damaged).
Status Materialize(const merge::RecordState& state, google::protobuf::Message& record);

bool SameValue(const v1::FieldValue& a, const v1::FieldValue& b);
std::string SerializeValue(const v1::FieldValue& value);

}  // namespace qiaomen::core::store::internal
