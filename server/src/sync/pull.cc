// The pull half of POST /v1/sync. Cursor forms (opaque to the device), each followed by
// "|<MAC>": HMAC-SHA512-256 under the database's cursor key over the cursor and the device id, so
// a device can neither forge a cursor (its scope, its position) nor use another device's:
//   "L|<last change id>|<scope>"                       following the change log
//   "S|<log high-water id>|<entity>|<record hex>|<scope>" inside a snapshot
// A cursor whose scope differs from the worker's current scope restarts with a snapshot and lists
// the records that left the scope in removed_record_ids. A subject that moves out of the scope
// while the device follows the log arrives as a Relocation change (change_store.h).
#include <sodium.h>

#include <optional>
#include <string>
#include <vector>

#include "qiaomen/base/hex.h"
#include "qiaomen/server/sync_service.h"
#include "util/bytes.h"

namespace qiaomen::server {
namespace {

constexpr uint32_t kDefaultPull = 500;
constexpr uint32_t kMaxPull = 2000;

struct Cursor {
  bool snapshot = true;
  int64_t log_id = 0;  // last log id seen, or the high-water mark while in a snapshot
  int64_t entity = 0;
  std::string record_id;
  std::string scope;
};

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '|') {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

std::string CursorMac(const std::string& key, const std::string& body,
                      const std::string& device_id) {
  std::string message = body + '\0' + device_id;
  unsigned char mac[crypto_auth_BYTES];
  crypto_auth(mac, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
              reinterpret_cast<const unsigned char*>(key.data()));
  return base::HexEncode(std::string(reinterpret_cast<char*>(mac), sizeof mac));
}

core::Result<Cursor> ParseCursor(const std::string& text, const std::string& key,
                                 const std::string& device_id) {
  auto bad = [] {
    return core::InvalidArgument(
        "The pull cursor is not one this server made for this device; pull again with an empty "
        "cursor.");
  };
  size_t bar = text.rfind('|');
  if (bar == std::string::npos) return bad();
  const std::string body = text.substr(0, bar);
  if (!ConstantTimeEquals(text.substr(bar + 1), CursorMac(key, body, device_id))) return bad();
  auto parts = Split(body);
  Cursor c;
  try {
    if (parts.size() == 3 && parts[0] == "L") {
      c.snapshot = false;
      c.log_id = std::stoll(parts[1]);
      c.scope = parts[2];
      return c;
    }
    if (parts.size() == 5 && parts[0] == "S") {
      c.log_id = std::stoll(parts[1]);
      c.entity = std::stoll(parts[2]);
      auto id = base::HexDecode(parts[3]);
      if (!id) return bad();
      c.record_id = *id;
      c.scope = parts[4];
      return c;
    }
  } catch (const std::exception&) {
    return bad();
  }
  return bad();
}

std::string Format(const Cursor& c, const std::string& key, const std::string& device_id) {
  std::string body = !c.snapshot
                         ? "L|" + std::to_string(c.log_id) + "|" + c.scope
                         : "S|" + std::to_string(c.log_id) + "|" + std::to_string(c.entity) + "|" +
                               base::HexEncode(c.record_id) + "|" + c.scope;
  return body + "|" + CursorMac(key, body, device_id);
}

}  // namespace

core::Status SyncService::Pull(const Principal& principal, const v1::SyncRequest& request,
                               v1::SyncResponse& response) {
  uint32_t limit = request.max_pull() == 0 ? kDefaultPull : std::min(request.max_pull(), kMaxPull);
  const Scope& scope = principal.worker.scope;
  const std::string& key = storage_.identity().cursor_key;
  const std::string& device_id = principal.device.device_id;
  auto conn = storage_.pool().Acquire();
  Cursor cursor;
  std::optional<Cursor> sent;
  if (!request.cursor().empty()) {
    auto parsed = ParseCursor(request.cursor(), key, device_id);
    if (parsed.ok()) {
      sent = std::move(parsed).value();
    } else {
      // Forged, another device's, or made before cursors were authenticated: nothing in it is
      // believed. The device starts over with a snapshot of its scope, as with an empty cursor.
      metrics_.Add("pull_cursors_refused");
    }
  }
  if (!sent) {
    QM_ASSIGN_OR_RETURN(auto row, conn->QueryOne("SELECT COALESCE(MAX(id), 0) FROM changes"));
    cursor.log_id = row.Int(0);
    cursor.scope = scope.ToString();
  } else {
    cursor = *sent;
    if (cursor.scope != scope.ToString()) {
      // The scope changed: tell the device what left it, then snapshot the new scope.
      auto old_scope = Scope::Parse(cursor.scope);
      if (old_scope.ok()) {
        std::vector<SqlValue> params;
        std::string old_cond = old_scope->SqlCondition(params);
        std::string new_cond = scope.SqlCondition(params);
        QM_ASSIGN_OR_RETURN(auto rows, conn->Query("SELECT record_id FROM records WHERE " +
                                                       old_cond + " AND NOT " + new_cond,
                                                   params));
        for (const auto& r : rows) response.add_removed_record_ids(r.Bytes(0));
      }
      QM_ASSIGN_OR_RETURN(auto row, conn->QueryOne("SELECT COALESCE(MAX(id), 0) FROM changes"));
      cursor = Cursor{};
      cursor.log_id = row.Int(0);
      cursor.scope = scope.ToString();
    }
  }
  if (cursor.snapshot) {
    std::vector<SqlValue> params{Int(cursor.entity), Blob(cursor.record_id)};
    std::string cond = scope.SqlCondition(params);
    params.push_back(Int(limit));
    QM_ASSIGN_OR_RETURN(
        auto rows,
        // Deleted records too: a device merges later changes of a record (an update that beats
        // a delete it did not see) only with the record's whole history, tombstones included.
        conn->Query("SELECT entity, record_id, snapshot FROM records WHERE (entity > $1 OR "
                    "(entity = $1 AND record_id > $2)) AND " +
                        cond + " ORDER BY entity, record_id LIMIT $" +
                        std::to_string(params.size()),
                    params));
    for (const auto& r : rows) {
      if (!response.add_changes()->ParseFromString(r.Bytes(2))) {
        return core::Corruption("A stored snapshot record is unreadable.");
      }
      cursor.entity = r.Int(0);
      cursor.record_id = r.Bytes(1);
    }
    response.set_snapshot(true);
    response.set_more(true);
    if (rows.size() < limit) cursor = Cursor{false, cursor.log_id, 0, "", cursor.scope};
    response.set_next_cursor(Format(cursor, key, device_id));
    return core::Status::Ok();
  }
  std::vector<SqlValue> params{Int(cursor.log_id), Blob(principal.device.device_id)};
  std::string cond = scope.SqlCondition(params);
  params.push_back(Int(limit + 1));
  QM_ASSIGN_OR_RETURN(
      auto rows,
      conn->Query("SELECT id, payload FROM changes WHERE id > $1 AND device_id <> $2 AND " + cond +
                      " ORDER BY id LIMIT $" + std::to_string(params.size()),
                  params));
  response.set_more(rows.size() > limit);
  if (rows.size() > limit) rows.pop_back();
  for (const auto& r : rows) {
    v1::Change change;
    if (!change.ParseFromString(r.Bytes(1))) {
      return core::Corruption("A stored change is unreadable.");
    }
    cursor.log_id = r.Int(0);
    // A subject that moved within this scope stays: its whole state follows in the new place.
    if (change.body_case() == v1::Change::kMoved &&
        scope.Contains(change.moved().town_id(), change.moved().grid_id())) {
      continue;
    }
    *response.add_changes() = std::move(change);
  }
  response.set_next_cursor(Format(cursor, key, device_id));
  return core::Status::Ok();
}

}  // namespace qiaomen::server
