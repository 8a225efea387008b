#pragma once
// Builders for merge tests: devices, record ids, values and changes in one line each.

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "qiaomen/core/merge/merge.h"

namespace qiaomen::core::merge::testing {

// A 16-byte id whose last byte is `n` (so Dev(1) < Dev(2)).
inline std::string Id16(int n, char fill = '\x01') {
  std::string id(16, fill);
  id[15] = static_cast<char>(n);
  return id;
}
inline std::string Dev(int n) { return Id16(n, '\xd0'); }
inline std::string Rec(int n) { return Id16(n, '\x5e'); }

inline v1::FieldValue Text(const std::string& text) {
  v1::FieldValue v;
  v.set_text(text);
  return v;
}
inline v1::FieldValue Int(int64_t n) {
  v1::FieldValue v;
  v.set_integer(n);
  return v;
}
inline v1::FieldValue Texts(std::initializer_list<std::string> texts) {
  v1::FieldValue v;
  for (const std::string& t : texts) v.mutable_texts()->add_values(t);
  return v;
}

struct Set {
  std::string field;
  v1::FieldValue value;
  HlcStamp base = 0;
};

inline v1::Change Base(v1::Entity entity, int record, int device, HlcStamp hlc) {
  v1::Change c;
  c.set_entity(entity);
  c.set_record_id(Rec(record));
  c.set_device_id(Dev(device));
  c.set_hlc(hlc);
  c.set_change_id("c" + std::to_string(device) + "-" + std::to_string(hlc));
  return c;
}

inline v1::Change Fields(v1::Entity entity, int record, int device, HlcStamp hlc,
                         const std::vector<Set>& sets, bool create = false) {
  v1::Change c = Base(entity, record, device, hlc);
  c.mutable_fields()->set_create(create);
  for (const Set& s : sets) {
    v1::FieldSet* f = c.mutable_fields()->add_fields();
    f->set_field(s.field);
    *f->mutable_value() = s.value;
    f->set_base_hlc(s.base);
  }
  return c;
}

inline v1::Change Delete(v1::Entity entity, int record, int device, HlcStamp hlc) {
  v1::Change c = Base(entity, record, device, hlc);
  c.set_deleted(true);
  return c;
}

// Applies `changes` in order to one record; every change must be valid.
struct Replayed {
  std::optional<RecordState> state;
  std::vector<ConflictEntry> conflicts;
};
inline Result<Replayed> Replay(const std::vector<v1::Change>& changes) {
  Replayed out;
  for (const v1::Change& c : changes) {
    QM_ASSIGN_OR_RETURN(MergeResult r, ApplyChange(out.state, c));
    out.state = std::move(r.state);
    out.conflicts.insert(out.conflicts.end(), r.conflicts.begin(), r.conflicts.end());
  }
  return out;
}

}  // namespace qiaomen::core::merge::testing
