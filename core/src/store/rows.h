#pragma once
// Small helpers shared by the store's .cc files: blobs, record (de)serialization, id checks.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "qiaomen/core/sql/database.h"
#include "qiaomen/core/status.h"
#include "qiaomen/core/uuid.h"
#include "qiaomen/v1/records.pb.h"

namespace qiaomen::core::store::internal {

inline std::span<const uint8_t> AsBlob(std::string_view bytes) {
  return {reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()};
}

inline std::string ColumnBytes(const sql::Statement& stmt, int column) {
  auto blob = stmt.ColumnBlob(column);
  return std::string(blob.begin(), blob.end());
}

// Serializes a record for a `record` or `payload` column.
template <typename Message>
std::string Serialize(const Message& message) {
  std::string out;
  message.SerializeToString(&out);
  return out;
}

// Parses a stored record. Corruption when it does not parse (the row was damaged).
template <typename Message>
Result<Message> ParseRecord(const sql::Statement& stmt, int column, std::string_view what) {
  Message message;
  auto blob = stmt.ColumnBlob(column);
  if (!message.ParseFromArray(blob.data(), static_cast<int>(blob.size()))) {
    return Corruption("A stored " + std::string(what) +
                      " could not be read; the profile may be damaged.");
  }
  return message;
}

// The text form of a 16-byte id for messages ("<invalid id>" for other lengths).
inline std::string IdText(std::string_view bytes) {
  auto id = Uuid::FromBytes(bytes);
  return id.ok() ? id->ToString() : std::string("<invalid id>");
}

// InvalidArgument unless `bytes` is a 16-byte id; `what` names it in the message.
inline Status CheckId(std::string_view bytes, std::string_view what) {
  if (bytes.size() != 16) {
    return InvalidArgument("The " + std::string(what) + " id must be 16 bytes (a UUID); got " +
                           std::to_string(bytes.size()) + ".");
  }
  return Status::Ok();
}

// What the task list searches besides the name: address and phone, one per line.
inline std::string SubjectContact(const v1::Subject& subject) {
  return subject.address() + "\n" + subject.phone();
}

// A LIKE pattern matching `text` anywhere, with % _ and \ escaped (use ESCAPE '\').
inline std::string ContainsPattern(std::string_view text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  pattern += '%';
  return pattern;
}

// The visit that closes a task (the task's id is `tasks.id` or ?1): its first visit that is not
// nobody home or refused (those keep it open for the return visit) and that the county did not
// refuse.
#define QM_CLOSING_VISIT(task)                         \
  "(SELECT v.id FROM visits v WHERE v.task_id = " task \
  " AND v.outcome NOT IN (2, 3) AND v.id NOT IN "      \
  "(SELECT record_id FROM outbox WHERE state = 2) ORDER BY v.finished_at_ms, v.id LIMIT 1)"

// The journal's next seq: after the highest row, and after every seq let go (released_through),
// so a number is never issued twice even when no row is left.
inline constexpr char kNextSeq[] =
    "SELECT MAX(COALESCE((SELECT MAX(seq) FROM outbox), 0), COALESCE((SELECT CAST(value AS "
    "INTEGER) FROM meta WHERE key = 'released_through'), 0)) + 1;";

// After the county refused journal entry ?1: a task its visit closed is closed by the next such
// visit, or open again.
inline constexpr char kReopenTasksOfRefusedVisit[] =
    "UPDATE tasks SET done_visit_id = " QM_CLOSING_VISIT("tasks.id") " WHERE done_visit_id IN "
    "(SELECT record_id FROM outbox WHERE seq = ?1 AND entity = 3);";

// InvalidArgument for a photo record a store must not keep: a bad id, no 32-byte SHA-256, no size,
// a bad visit or hazard id, a GPS fix out of range.
Status ValidatePhoto(const v1::Photo& meta);

}  // namespace qiaomen::core::store::internal
