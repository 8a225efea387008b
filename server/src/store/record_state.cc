#include "store/record_state.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>

#include "util/bytes.h"

namespace qiaomen::server {
namespace {

namespace pb = google::protobuf;

bool Wins(uint64_t hlc, const std::string& device, const Register& current) {
  if (hlc != current.hlc) return hlc > current.hlc;
  return device > current.device_id;
}

}  // namespace

std::string PrintValue(const v1::FieldValue& value) {
  switch (value.kind_case()) {
    case v1::FieldValue::kText:
      return value.text();
    case v1::FieldValue::kInteger:
      return std::to_string(value.integer());
    case v1::FieldValue::kBoolean:
      return value.boolean() ? "true" : "false";
    case v1::FieldValue::kTexts: {
      std::string out;
      for (int i = 0; i < value.texts().values_size(); ++i) {
        out += (i ? "," : "") + value.texts().values(i);
      }
      return out;
    }
    default:
      return "";
  }
}

std::string MutableState::Serialize() const {
  v1::TextList list;
  list.add_values("v1");
  list.add_values(deleted ? "1" : "0");
  list.add_values(std::to_string(deleted_hlc));
  list.add_values(flagged ? "1" : "0");
  for (const auto& [name, reg] : fields) {
    list.add_values(name);
    list.add_values(HexEncode(reg.value.SerializeAsString()));
    list.add_values(std::to_string(reg.hlc));
    list.add_values(HexEncode(reg.device_id));
  }
  return list.SerializeAsString();
}

core::Result<MutableState> MutableState::Parse(const std::string& bytes) {
  v1::TextList list;
  if (!list.ParseFromString(bytes) || list.values_size() < 4 || list.values(0) != "v1" ||
      (list.values_size() - 4) % 4 != 0) {
    return core::Corruption("A stored record state is unreadable.");
  }
  MutableState state;
  state.deleted = list.values(1) == "1";
  state.deleted_hlc = std::stoull(list.values(2));
  state.flagged = list.values(3) == "1";
  for (int i = 4; i < list.values_size(); i += 4) {
    Register reg;
    auto value = HexDecode(list.values(i + 1));
    auto device = HexDecode(list.values(i + 3));
    if (!value || !device || !reg.value.ParseFromString(*value)) {
      return core::Corruption("A stored record register is unreadable.");
    }
    reg.hlc = std::stoull(list.values(i + 2));
    reg.device_id = *device;
    state.fields[list.values(i)] = std::move(reg);
  }
  return state;
}

std::string MutableState::TextOf(const std::string& field) const {
  auto it = fields.find(field);
  return it == fields.end() ? "" : PrintValue(it->second.value);
}

int64_t MutableState::IntOf(const std::string& field) const {
  auto it = fields.find(field);
  if (it == fields.end()) return 0;
  if (it->second.value.kind_case() == v1::FieldValue::kInteger) return it->second.value.integer();
  return std::atoll(PrintValue(it->second.value).c_str());
}

std::vector<v1::FieldSet> FieldsOfMessage(const pb::Message& message) {
  std::vector<v1::FieldSet> out;
  const pb::Descriptor* d = message.GetDescriptor();
  const pb::Reflection* r = message.GetReflection();
  for (int i = 0; i < d->field_count(); ++i) {
    const pb::FieldDescriptor* f = d->field(i);
    if (f->name() == "id") continue;
    v1::FieldSet set;
    set.set_field(f->name());
    v1::FieldValue* v = set.mutable_value();
    if (f->is_repeated()) {
      if (f->cpp_type() != pb::FieldDescriptor::CPPTYPE_STRING) continue;
      auto* list = v->mutable_texts();
      for (int j = 0; j < r->FieldSize(message, f); ++j) {
        list->add_values(r->GetRepeatedString(message, f, j));
      }
      if (list->values_size() == 0) continue;
    } else {
      switch (f->cpp_type()) {
        case pb::FieldDescriptor::CPPTYPE_STRING: {
          std::string s = r->GetString(message, f);
          if (s.empty()) continue;
          v->set_text(f->type() == pb::FieldDescriptor::TYPE_BYTES ? HexEncode(s) : s);
          break;
        }
        case pb::FieldDescriptor::CPPTYPE_INT32:
          if (r->GetInt32(message, f) == 0) continue;
          v->set_integer(r->GetInt32(message, f));
          break;
        case pb::FieldDescriptor::CPPTYPE_INT64:
          if (r->GetInt64(message, f) == 0) continue;
          v->set_integer(r->GetInt64(message, f));
          break;
        case pb::FieldDescriptor::CPPTYPE_ENUM:
          if (r->GetEnumValue(message, f) == 0) continue;
          v->set_integer(r->GetEnumValue(message, f));
          break;
        case pb::FieldDescriptor::CPPTYPE_BOOL:
          if (!r->GetBool(message, f)) continue;
          v->set_boolean(true);
          break;
        default:
          continue;
      }
    }
    out.push_back(std::move(set));
  }
  return out;
}

void MergeChange(const v1::Change& change, MutableState& state, std::vector<LostWrite>& lost) {
  const uint64_t hlc = change.hlc();
  const std::string& device = change.device_id();
  if (change.body_case() == v1::Change::kDeleted) {
    // An update concurrent with (not seen by) the delete wins: keep the record, flag it.
    for (const auto& [name, reg] : state.fields) {
      if (reg.hlc > hlc) {
        state.flagged = true;
        lost.push_back({"(deleted)", "kept", "delete", device, hlc, "update_beats_delete"});
        return;
      }
    }
    state.deleted = true;
    state.deleted_hlc = std::max(state.deleted_hlc, hlc);
    return;
  }
  std::vector<v1::FieldSet> sets;
  if (change.body_case() == v1::Change::kFields) {
    sets.assign(change.fields().fields().begin(), change.fields().fields().end());
  } else if (change.body_case() == v1::Change::kHazard) {
    sets = FieldsOfMessage(change.hazard());
  }
  if (state.deleted && hlc > state.deleted_hlc) {
    state.deleted = false;
    state.flagged = true;
  }
  for (const auto& set : sets) {
    auto it = state.fields.find(set.field());
    if (it == state.fields.end()) {
      state.fields[set.field()] = Register{set.value(), hlc, device};
      continue;
    }
    Register& current = it->second;
    bool same = current.value.SerializeAsString() == set.value().SerializeAsString();
    bool concurrent = set.base_hlc() < current.hlc && current.hlc != hlc;
    bool wins = Wins(hlc, device, current);
    std::string rule = "lww";
    if (set.field() == "severity" && !same) {
      // Concurrent severity edits keep the higher (MAJOR over GENERAL).
      if (concurrent || !wins) {
        wins = set.value().integer() > current.value.integer();
        rule = "severity_max";
      }
    }
    if (wins) {
      if (!same && concurrent) {
        lost.push_back({set.field(), PrintValue(set.value()), PrintValue(current.value),
                        current.device_id, current.hlc, rule});
      }
      current = Register{set.value(), std::max(hlc, current.hlc), device};
    } else if (!same) {
      lost.push_back(
          {set.field(), PrintValue(current.value), PrintValue(set.value()), device, hlc, rule});
    }
  }
}

v1::Change SnapshotChange(const v1::Change& last, const MutableState& state) {
  v1::Change out;
  out.set_change_id(last.change_id());
  out.set_device_id(last.device_id());
  out.set_seq(last.seq());
  out.set_hlc(last.hlc());
  out.set_device_time_ms(last.device_time_ms());
  out.set_entity(last.entity());
  out.set_record_id(last.record_id());
  if (state.deleted) {
    out.set_deleted(true);
    return out;
  }
  auto* fields = out.mutable_fields();
  fields->set_create(true);
  for (const auto& [name, reg] : state.fields) {
    auto* set = fields->add_fields();
    set->set_field(name);
    *set->mutable_value() = reg.value;
    set->set_base_hlc(reg.hlc);
  }
  return out;
}

}  // namespace qiaomen::server
