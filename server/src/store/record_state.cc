#include "store/record_state.h"

namespace qiaomen::server {

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

std::string RegisterText(const core::merge::RecordState& state, const std::string& field) {
  auto it = state.fields.find(field);
  return it == state.fields.end() ? "" : PrintValue(it->second.value);
}

v1::Change SnapshotChange(const core::merge::RecordState& state) {
  v1::Change out;
  out.set_entity(state.entity);
  out.set_record_id(state.record_id);
  core::HlcStamp newest = state.deleted_hlc;
  std::string device = state.deleted_by;
  for (const auto& [name, reg] : state.fields) {
    if (reg.hlc > newest) {
      newest = reg.hlc;
      device = reg.device_id;
    }
  }
  out.set_hlc(newest);
  out.set_device_id(device);
  // Every write with its own stamp and writer: a device bootstrapped from this merges later changes
  // as the devices that met each write did (one stamp for all would beat older offline edits).
  auto* history = out.mutable_history();
  for (const auto& [name, writes] : state.history) {
    for (const core::merge::Register& w : writes) {
      auto* entry = history->add_writes();
      entry->set_field(name);
      *entry->mutable_value() = w.value;
      entry->set_hlc(w.hlc);
      entry->set_device_id(w.device_id);
      entry->set_base_hlc(w.base_hlc);
    }
  }
  for (const core::merge::Register& t : state.tombstones) {
    auto* entry = history->add_tombstones();
    entry->set_hlc(t.hlc);
    entry->set_device_id(t.device_id);
    entry->set_base_hlc(t.base_hlc);
  }
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
