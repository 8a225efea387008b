#include "qiaomen/server/console_sessions.h"

#include "qiaomen/base/hex.h"
#include "util/bytes.h"

namespace qiaomen::server {
namespace {

std::string TokenHash(const std::string& token) { return base::HexEncode(Sha256(token)); }

}  // namespace

core::Result<NewSession> ConsoleSessions::Create(const std::string& staff_id) {
  NewSession session{base::HexEncode(RandomBytes(32)), base::HexEncode(RandomBytes(32))};
  const int64_t now = clock_.NowMillis();
  auto conn = storage_.pool().Acquire();
  // Sessions of this account that have run out are removed as new ones start.
  QM_RETURN_IF_ERROR(conn->Exec(
      "DELETE FROM console_sessions WHERE staff_id = $1 AND (last_seen_ms <= $2 OR created_ms <= "
      "$3)",
      {Text(staff_id), Int(now - policy_.idle_ms), Int(now - policy_.absolute_ms)}));
  QM_RETURN_IF_ERROR(conn->Exec(
      "INSERT INTO console_sessions (token_hash, staff_id, csrf_token, created_ms, last_seen_ms) "
      "VALUES ($1,$2,$3,$4,$4)",
      {Text(TokenHash(session.token)), Text(staff_id), Text(session.csrf_token), Int(now)}));
  return session;
}

core::Result<ConsoleSession> ConsoleSessions::Resolve(const std::string& token) {
  const auto refused = core::Unauthenticated("The session is unknown or has ended; sign in again.");
  if (token.size() != 64) return refused;
  const std::string hash = TokenHash(token);
  const int64_t now = clock_.NowMillis();
  auto conn = storage_.pool().Acquire();
  QM_ASSIGN_OR_RETURN(
      auto rows,
      conn->Query("SELECT s.csrf_token, s.created_ms, s.last_seen_ms, t.id, t.name, t.role, "
                  "t.scope FROM console_sessions s JOIN staff t ON t.id = s.staff_id WHERE "
                  "s.token_hash = $1",
                  {Text(hash)}));
  if (rows.empty()) return refused;
  const SqlRow& row = rows[0];
  const int64_t created = row.Int(1), last_seen = row.Int(2);
  if (now - last_seen >= policy_.idle_ms || now - created >= policy_.absolute_ms) {
    QM_RETURN_IF_ERROR(
        conn->Exec("DELETE FROM console_sessions WHERE token_hash = $1", {Text(hash)}));
    return refused;
  }
  QM_RETURN_IF_ERROR(conn->Exec(
      "UPDATE console_sessions SET last_seen_ms = $1 WHERE token_hash = $2 AND last_seen_ms < $1",
      {Int(now), Text(hash)}));
  ConsoleSession session;
  session.csrf_token = row.Text(0);
  session.created_ms = created;
  QM_ASSIGN_OR_RETURN(session.staff, WorkerFromColumns(row, 3));
  return session;
}

core::Status ConsoleSessions::End(const std::string& token) {
  auto conn = storage_.pool().Acquire();
  return conn->Exec("DELETE FROM console_sessions WHERE token_hash = $1", {Text(TokenHash(token))});
}

}  // namespace qiaomen::server
