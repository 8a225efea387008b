#include "qiaomen/core/merge/record_state.h"

#include <algorithm>
#include <tuple>

#include "merge/resolve.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/core/merge/field_schema.h"
#include "qiaomen/v1/merge_state.pb.h"

namespace qiaomen::core::merge {
namespace {

using base::HexEncode;

std::string Quote(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20) {
      out += "\\x" + HexEncode(std::string(1, static_cast<char>(c)));
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  out.push_back('"');
  return out;
}

std::string DumpWrite(const Register& r) {
  return DescribeValue(r.value) + " @" + std::to_string(r.hlc) + "/" + HexEncode(r.device_id) +
         " base=" + std::to_string(r.base_hlc);
}

void ToProto(const Register& r, v1::MergeWrite& out) {
  if (r.value.kind_case() != v1::FieldValue::KIND_NOT_SET) *out.mutable_value() = r.value;
  out.set_hlc(r.hlc);
  out.set_device_id(r.device_id);
  out.set_base_hlc(r.base_hlc);
}

Register FromProto(const v1::MergeWrite& in) {
  Register r;
  r.value = in.value();
  r.hlc = in.hlc();
  r.device_id = in.device_id();
  r.base_hlc = in.base_hlc();
  return r;
}

}  // namespace

std::string DescribeValue(const v1::FieldValue& value) {
  switch (value.kind_case()) {
    case v1::FieldValue::kText:
      return "text:" + Quote(value.text());
    case v1::FieldValue::kInteger:
      return "integer:" + std::to_string(value.integer());
    case v1::FieldValue::kTexts: {
      std::string out = "texts:[";
      for (int i = 0; i < value.texts().values_size(); ++i) {
        if (i > 0) out += ",";
        out += Quote(value.texts().values(i));
      }
      return out + "]";
    }
    case v1::FieldValue::kBoolean:
      return value.boolean() ? "boolean:true" : "boolean:false";
    default:
      return "unset";
  }
}

std::string CanonicalDump(const std::vector<RecordState>& states) {
  std::vector<const RecordState*> sorted;
  sorted.reserve(states.size());
  for (const RecordState& s : states) sorted.push_back(&s);
  std::sort(sorted.begin(), sorted.end(), [](const RecordState* a, const RecordState* b) {
    return std::tie(a->entity, a->record_id) < std::tie(b->entity, b->record_id);
  });
  std::string out;
  for (const RecordState* s : sorted) {
    out += std::string(EntityName(s->entity)) + " " + HexEncode(s->record_id) +
           " deleted=" + (s->deleted ? "1" : "0") + " flagged=" + (s->flagged ? "1" : "0") +
           " deleted_at=" + std::to_string(s->deleted_hlc) + "/" + HexEncode(s->deleted_by) + "\n";
    for (const auto& [field, reg] : s->fields) {
      out += "  " + field + " = " + DumpWrite(reg) + "\n";
    }
    for (const auto& [field, writes] : s->history) {
      for (const Register& w : writes) out += "    write " + field + " " + DumpWrite(w) + "\n";
    }
    for (const Register& t : s->tombstones) {
      out += "    delete @" + std::to_string(t.hlc) + "/" + HexEncode(t.device_id) + "\n";
    }
  }
  return out;
}

std::string EncodeRecordState(const RecordState& state) {
  v1::MergeRecordState doc;
  doc.set_entity(state.entity);
  doc.set_record_id(state.record_id);
  for (const auto& [field, writes] : state.history) {
    v1::MergeFieldHistory* h = doc.add_fields();
    h->set_field(field);
    for (const Register& w : writes) ToProto(w, *h->add_writes());
  }
  for (const Register& t : state.tombstones) ToProto(t, *doc.add_tombstones());
  std::string bytes;
  doc.SerializeToString(&bytes);
  return bytes;
}

Result<RecordState> DecodeRecordState(std::string_view bytes) {
  v1::MergeRecordState doc;
  if (!doc.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return Corruption(
        "A stored record's merge state cannot be read; restore the profile from the server.");
  }
  RecordState state;
  state.entity = doc.entity();
  state.record_id = doc.record_id();
  for (const v1::MergeFieldHistory& h : doc.fields()) {
    std::vector<Register>& writes = state.history[h.field()];
    for (const v1::MergeWrite& w : h.writes()) writes.push_back(FromProto(w));
    std::sort(writes.begin(), writes.end(), internal::WriteLess);
    writes.erase(std::unique(writes.begin(), writes.end(), internal::SameWrite), writes.end());
  }
  for (const v1::MergeWrite& t : doc.tombstones()) state.tombstones.push_back(FromProto(t));
  std::sort(state.tombstones.begin(), state.tombstones.end(), internal::WriteLess);
  state.tombstones.erase(
      std::unique(state.tombstones.begin(), state.tombstones.end(), internal::SameWrite),
      state.tombstones.end());
  internal::Recompute(state);
  return state;
}

}  // namespace qiaomen::core::merge
