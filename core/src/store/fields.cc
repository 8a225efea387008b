#include "store/fields.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "qiaomen/core/uuid.h"

namespace qiaomen::core::store::internal {
namespace {

using google::protobuf::FieldDescriptor;

constexpr std::string_view kSubjectCreateOnly[] = {"external_id", "kind"};
constexpr std::string_view kTaskCreateOnly[] = {"campaign_id", "subject_id", "template_id"};
constexpr std::string_view kHazardCreateOnly[] = {"subject_id", "visit_id", "template_id",
                                                  "rule_id", "repeat_instance"};

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}
std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

bool IsCreateOnlyField(v1::Entity entity, std::string_view field) {
  std::span<const std::string_view> fields;
  if (entity == v1::ENTITY_SUBJECT) fields = kSubjectCreateOnly;
  if (entity == v1::ENTITY_TASK) fields = kTaskCreateOnly;
  if (entity == v1::ENTITY_HAZARD) fields = kHazardCreateOnly;
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

Result<v1::FieldValue> GetField(const google::protobuf::Message& record, std::string_view field) {
  const FieldDescriptor* fd = record.GetDescriptor()->FindFieldByName(std::string(field));
  if (fd == nullptr) return Internal("No field " + std::string(field) + " in this record.");
  const auto* reflection = record.GetReflection();
  v1::FieldValue value;
  if (fd->is_repeated()) {
    if (fd->cpp_type() != FieldDescriptor::CPPTYPE_STRING) {
      return Internal("Unsupported repeated register " + std::string(field) + ".");
    }
    auto* texts = value.mutable_texts();
    for (int i = 0; i < reflection->FieldSize(record, fd); ++i) {
      texts->add_values(reflection->GetRepeatedString(record, fd, i));
    }
    return value;
  }
  switch (fd->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string text = reflection->GetString(record, fd);
      if (fd->type() == FieldDescriptor::TYPE_BYTES && !text.empty()) {
        QM_ASSIGN_OR_RETURN(Uuid id, Uuid::FromBytes(text));
        text = id.ToString();
      }
      value.set_text(std::move(text));
      return value;
    }
    case FieldDescriptor::CPPTYPE_INT32:
      value.set_integer(reflection->GetInt32(record, fd));
      return value;
    case FieldDescriptor::CPPTYPE_INT64:
      value.set_integer(reflection->GetInt64(record, fd));
      return value;
    case FieldDescriptor::CPPTYPE_UINT32:
      value.set_integer(reflection->GetUInt32(record, fd));
      return value;
    case FieldDescriptor::CPPTYPE_ENUM: {
      // Enums travel as their lower-case name ("household", "major"); unspecified as "".
      const auto* enum_value = reflection->GetEnum(record, fd);
      value.set_text(enum_value->number() == 0 ? std::string() : Lower(enum_value->name()));
      return value;
    }
    case FieldDescriptor::CPPTYPE_BOOL:
      value.set_boolean(reflection->GetBool(record, fd));
      return value;
    default:
      return Internal("Unsupported register type for " + std::string(field) + ".");
  }
}

Status SetField(google::protobuf::Message& record, std::string_view field,
                const v1::FieldValue& value) {
  const std::string name(field);
  const FieldDescriptor* fd = record.GetDescriptor()->FindFieldByName(name);
  if (fd == nullptr) {
    return InvalidArgument("The field \"" + name + "\" does not exist on this record.");
  }
  const auto* reflection = record.GetReflection();
  auto mismatch = [&] {
    return InvalidArgument("The value given for \"" + name + "\" has the wrong type.");
  };
  if (fd->is_repeated()) {
    if (!value.has_texts() || fd->cpp_type() != FieldDescriptor::CPPTYPE_STRING) return mismatch();
    reflection->ClearField(&record, fd);
    for (const auto& text : value.texts().values()) reflection->AddString(&record, fd, text);
    return Status::Ok();
  }
  switch (fd->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      if (!value.has_text()) return mismatch();
      std::string text = value.text();
      if (fd->type() == FieldDescriptor::TYPE_BYTES && !text.empty()) {
        auto id = Uuid::Parse(text);
        if (!id.ok()) return InvalidArgument("The id in \"" + name + "\" is not a UUID.");
        text = id->ToBytes();
      }
      reflection->SetString(&record, fd, std::move(text));
      return Status::Ok();
    }
    case FieldDescriptor::CPPTYPE_INT32:
      if (!value.has_integer()) return mismatch();
      reflection->SetInt32(&record, fd, static_cast<int32_t>(value.integer()));
      return Status::Ok();
    case FieldDescriptor::CPPTYPE_INT64:
      if (!value.has_integer()) return mismatch();
      reflection->SetInt64(&record, fd, value.integer());
      return Status::Ok();
    case FieldDescriptor::CPPTYPE_UINT32:
      if (!value.has_integer() || value.integer() < 0 || value.integer() > UINT32_MAX) {
        return mismatch();
      }
      reflection->SetUInt32(&record, fd, static_cast<uint32_t>(value.integer()));
      return Status::Ok();
    case FieldDescriptor::CPPTYPE_ENUM: {
      if (!value.has_text()) return mismatch();
      if (value.text().empty()) {
        reflection->SetEnumValue(&record, fd, 0);
        return Status::Ok();
      }
      const auto* enum_value = fd->enum_type()->FindValueByName(Upper(value.text()));
      if (enum_value == nullptr) {
        return InvalidArgument("\"" + value.text() + "\" is not a valid " + name + ".");
      }
      reflection->SetEnum(&record, fd, enum_value);
      return Status::Ok();
    }
    case FieldDescriptor::CPPTYPE_BOOL:
      if (!value.has_boolean()) return mismatch();
      reflection->SetBool(&record, fd, value.boolean());
      return Status::Ok();
    default:
      return mismatch();
  }
}

bool IsDefault(const v1::FieldValue& value) {
  switch (value.kind_case()) {
    case v1::FieldValue::kText:
      return value.text().empty();
    case v1::FieldValue::kInteger:
      return value.integer() == 0;
    case v1::FieldValue::kTexts:
      return value.texts().values_size() == 0;
    case v1::FieldValue::kBoolean:
      return !value.boolean();
    default:
      return true;
  }
}

Status Materialize(const merge::RecordState& state, google::protobuf::Message& record) {
  record.Clear();
  const FieldDescriptor* id = record.GetDescriptor()->FindFieldByName("id");
  if (id != nullptr) record.GetReflection()->SetString(&record, id, state.record_id);
  for (const auto& [field, reg] : state.fields) {
    Status status = SetField(record, field, reg.value);
    if (!status.ok()) {
      return Corruption("A stored value of field \"" + field + "\" could not be read (" +
                        status.message() + "); the profile may be damaged.");
    }
  }
  return Status::Ok();
}

std::string SerializeValue(const v1::FieldValue& value) {
  std::string out;
  {
    // The streams flush into `out` when they die, so they must die before it is returned.
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    value.SerializeToCodedStream(&coded);
  }
  return out;
}

bool SameValue(const v1::FieldValue& a, const v1::FieldValue& b) {
  return SerializeValue(a) == SerializeValue(b);
}

}  // namespace qiaomen::core::store::internal
