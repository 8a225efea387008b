#pragma once
// One language's message catalogue indexed by an enum of message ids: both command lines (cli/,
// server/src/cli/) list each language's texts as {id, text} entries in any order, and look them
// up through this table. An id a catalogue lacks reads as "" (each program's catalogue test checks
// that every id has a text in both languages). Header-only: the ids are the programs' own enums.
// Immutable after construction: thread-safe to read.

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

namespace qiaomen::base {

// One entry of a catalogue.
template <typename Id>
struct MessageEntry {
  Id id;
  std::string_view text;
};

// Id is an enum whose last enumerator kCount is the number of ids (not a message).
template <typename Id>
class MessageTable {
 public:
  static constexpr size_t kSize = static_cast<size_t>(Id::kCount);

  // Indexes `entries`; an entry whose id is out of range is ignored, a later entry for the same
  // id replaces an earlier one. The texts must outlive the table (catalogues are static).
  explicit MessageTable(std::span<const MessageEntry<Id>> entries) {
    for (const auto& entry : entries) {
      const auto at = static_cast<size_t>(entry.id);
      if (at < kSize) texts_[at] = entry.text;
    }
  }

  // The text of `id`, "" when the catalogue lacks it or `id` is out of range.
  std::string_view Text(Id id) const {
    const auto at = static_cast<size_t>(id);
    return at < kSize ? texts_[at] : std::string_view{};
  }

 private:
  std::array<std::string_view, kSize> texts_{};
};

}  // namespace qiaomen::base
