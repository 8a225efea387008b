#include "qiaomen/server/directory.h"

#include "qiaomen/base/hex.h"
#include "qiaomen/core/uuid.h"
#include "util/bytes.h"

namespace qiaomen::server {
namespace {

constexpr int64_t kCodeValidityMs = 24LL * 3600 * 1000;
// Crockford-style alphabet without look-alikes (0/O, 1/I/L): codes are read out over the phone.
constexpr char kCodeAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

std::string NormalizeCode(const std::string& code) {
  std::string out;
  for (char c : code) {
    if (c == '-' || c == ' ') continue;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

std::string HashHex(const std::string& secret) { return base::HexEncode(Sha256(secret)); }

}  // namespace

core::Result<Worker> WorkerFromColumns(const SqlRow& row, size_t first) {
  Worker w;
  w.id = row.Text(first);
  w.name = row.Text(first + 1);
  w.role = row.Text(first + 2);
  QM_ASSIGN_OR_RETURN(w.scope, Scope::Parse(row.Text(first + 3)));
  return w;
}

bool IsValidRole(const std::string& role) {
  return role == "grid_worker" || role == "inspector" || role == "township" || role == "county";
}

core::Status Directory::UpsertAdminUnit(SqlConnection& conn, const AdminUnitRow& unit) {
  return conn.Exec(
      "INSERT INTO admin_units (id, parent_id, name, level, town_id) VALUES ($1,$2,$3,$4,$5) "
      "ON CONFLICT (id) DO UPDATE SET name = excluded.name",
      {Text(unit.id), Text(unit.parent_id), Text(unit.name), Text(unit.level), Text(unit.town_id)});
}

core::Result<AdminUnitRow> Directory::GetAdminUnit(SqlConnection& conn, const std::string& id) {
  auto row = conn.QueryOne(
      "SELECT id, parent_id, name, level, town_id FROM admin_units WHERE id = $1", {Text(id)});
  if (!row.ok()) return core::NotFound("There is no town, village or grid '" + id + "'.");
  return AdminUnitRow{row->Text(0), row->Text(1), row->Text(2), row->Text(3), row->Text(4)};
}

core::Result<std::vector<AdminUnitRow>> Directory::ListAdminUnits(SqlConnection& conn) {
  QM_ASSIGN_OR_RETURN(auto rows,
                      conn.Query("SELECT id, parent_id, name, level, town_id FROM admin_units "
                                 "ORDER BY id"));
  std::vector<AdminUnitRow> out;
  for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
  return out;
}

core::Status Directory::AddWorker(const Worker& worker) {
  if (worker.id.empty()) return core::InvalidArgument("--id is required.");
  if (!IsValidRole(worker.role)) {
    return core::InvalidArgument("The role '" + worker.role +
                                 "' is not known. Use grid_worker, inspector, township or county.");
  }
  auto conn = storage_.pool().Acquire();
  for (const auto& unit : worker.scope.units()) {
    auto found = GetAdminUnit(*conn, unit);
    if (!found.ok()) {
      return core::InvalidArgument("The scope names '" + unit +
                                   "', which does not exist. Import the subjects first or fix "
                                   "the id.");
    }
    std::string want = worker.scope.kind() == Scope::Kind::kTown ? "town" : "grid";
    if (found->level != want) {
      return core::InvalidArgument("'" + unit + "' is a " + found->level + ", not a " + want + ".");
    }
  }
  return conn->Exec(
      "INSERT INTO workers (id, name, role, scope) VALUES ($1,$2,$3,$4) ON CONFLICT (id) DO "
      "UPDATE SET name = excluded.name, role = excluded.role, scope = excluded.scope",
      {Text(worker.id), Text(worker.name), Text(worker.role), Text(worker.scope.ToString())});
}

core::Result<Worker> Directory::GetWorker(const std::string& id) {
  auto conn = storage_.pool().Acquire();
  auto row = conn->QueryOne("SELECT id, name, role, scope FROM workers WHERE id = $1", {Text(id)});
  if (!row.ok()) {
    return core::NotFound("There is no worker '" + id + "'. Add them with add-worker first.");
  }
  return WorkerFromColumns(*row);
}

namespace {

core::Result<std::string> DeviceIdFromText(const std::string& text) {
  if (auto uuid = core::Uuid::Parse(text); uuid.ok()) return uuid->ToBytes();
  if (auto hex = base::HexDecode(text); hex && hex->size() == 16) return *hex;
  return core::InvalidArgument("Give the device id as a UUID or 32 hex digits.");
}

}  // namespace

namespace {

// A device stays the worker's it was enrolled for: the county files every change as the
// authenticated worker's, so unsent work captured by one worker and sent after a re-enrolment
// under another would be filed as the other's. The sentence both refusals start with.
std::string AnotherWorkersDevice(const std::string& device, const std::string& owner) {
  return "Device " + device + " belongs to worker " + owner +
         ", whose unsent work it may hold; it is not re-enrolled for another worker. To hand the "
         "phone to someone else, sync its work first, then reset the app's profile and enrol it "
         "anew with their code.";
}

}  // namespace

core::Result<std::string> Directory::IssueEnrollCode(const std::string& worker_id,
                                                     const std::string& device_id_text) {
  QM_RETURN_IF_ERROR(GetWorker(worker_id).status());
  std::string device_id;
  if (!device_id_text.empty()) {
    QM_ASSIGN_OR_RETURN(device_id, DeviceIdFromText(device_id_text));
    auto conn = storage_.pool().Acquire();
    QM_ASSIGN_OR_RETURN(auto rows,
                        conn->Query("SELECT revoked, worker_id FROM devices WHERE device_id = $1",
                                    {Blob(device_id)}));
    if (rows.empty()) {
      return core::NotFound("There is no device " + device_id_text +
                            "; a new device enrols with a code issued without --device.");
    }
    if (rows[0].Text(1) != worker_id) {
      return core::FailedPrecondition(AnotherWorkersDevice(device_id_text, rows[0].Text(1)) +
                                      " Issue the code for its worker: qiaomen-county enroll-code "
                                      "--worker " +
                                      rows[0].Text(1) + " --device " + device_id_text + ".");
    }
  }
  std::string random = RandomBytes(10);
  std::string code;
  for (size_t i = 0; i < random.size(); ++i) {
    if (i == 5) code.push_back('-');
    code.push_back(
        kCodeAlphabet[static_cast<unsigned char>(random[i]) % (sizeof kCodeAlphabet - 1)]);
  }
  auto conn = storage_.pool().Acquire();
  core::Status stored = InTransaction(*conn, [&]() -> core::Status {
    QM_RETURN_IF_ERROR(
        conn->Exec("INSERT INTO enroll_codes (code_hash, worker_id, expires_ms) VALUES ($1,$2,$3)",
                   {Text(HashHex(NormalizeCode(code))), Text(worker_id),
                    Int(clock_.NowMillis() + kCodeValidityMs)}));
    if (device_id.empty()) return core::Status::Ok();
    return conn->Exec("INSERT INTO enroll_code_devices (code_hash, device_id) VALUES ($1,$2)",
                      {Text(HashHex(NormalizeCode(code))), Blob(device_id)});
  });
  QM_RETURN_IF_ERROR(stored);
  return code;
}

namespace {

constexpr char kUnknownCode[] =
    "This enrolment code is unknown, used or expired. Ask township staff for a new one.";

// Whether an enrolment with a used code is the device that redeemed it asking again because the
// answer never reached it: the code was bound to this device (issued for it, or redeemed by it),
// has not expired, the device is enrolled for the code's worker with the same signing key, is not
// revoked, and has not synced since the code was used (a device that synced had its token).
core::Result<bool> IsLostAnswerRetry(SqlConnection& conn, const std::string& code,
                                     const std::string& device_id, const std::string& public_key,
                                     const std::vector<SqlRow>& existing, bool for_this_device,
                                     int64_t now) {
  if (!for_this_device || existing.empty() || existing[0].Int(0) != 0) return false;
  if (!ConstantTimeEquals(existing[0].Bytes(3), public_key)) return false;
  QM_ASSIGN_OR_RETURN(
      auto used, conn.Query("SELECT c.worker_id FROM enroll_codes c WHERE c.code_hash = $1 AND "
                            "c.used_ms > 0 AND c.expires_ms >= $2 AND NOT EXISTS (SELECT 1 FROM "
                            "device_syncs s WHERE s.device_id = $3 AND s.at_ms >= c.used_ms)",
                            {Text(HashHex(NormalizeCode(code))), Int(now), Blob(device_id)}));
  return !used.empty() && used[0].Text(0) == existing[0].Text(2);
}

}  // namespace

core::Result<std::string> Directory::Enroll(const std::string& code, const std::string& device_id,
                                            const std::string& public_key, const std::string& name,
                                            const std::string& current_token, Worker* worker_out) {
  if (device_id.size() != 16) return core::InvalidArgument("device_id must be 16 bytes.");
  if (public_key.size() != 32) {
    return core::InvalidArgument("device_public_key must be a 32-byte Ed25519 key.");
  }
  std::string token = RandomBytes(32);
  std::string token_text = base::HexEncode(token);
  std::string worker_id;
  core::Status s;
  {
    auto conn = storage_.pool().Acquire();  // released before GetWorker takes its own
    s = InTransaction(*conn, [&]() -> core::Status {
      const int64_t now = clock_.NowMillis();
      const char* device_sql =
          conn->dialect() == SqlDialect::kPostgres
              ? "SELECT revoked, token_hash, worker_id, public_key FROM devices WHERE device_id = "
                "$1 FOR UPDATE"
              : "SELECT revoked, token_hash, worker_id, public_key FROM devices WHERE device_id = "
                "$1";
      QM_ASSIGN_OR_RETURN(auto existing, conn->Query(device_sql, {Blob(device_id)}));
      // A code an administrator issued for one device enrols that device only.
      QM_ASSIGN_OR_RETURN(auto bound, conn->Query("SELECT device_id FROM enroll_code_devices WHERE "
                                                  "code_hash = $1",
                                                  {Text(HashHex(NormalizeCode(code)))}));
      const bool for_this_device = !bound.empty() && bound[0].Bytes(0) == device_id;
      if (!bound.empty() && !for_this_device) {
        // A used code names the device it enrolled: to anyone else it is simply used.
        QM_ASSIGN_OR_RETURN(auto used, conn->Query("SELECT 1 FROM enroll_codes WHERE code_hash = "
                                                   "$1 AND used_ms > 0",
                                                   {Text(HashHex(NormalizeCode(code)))}));
        if (!used.empty()) return core::Unauthenticated(kUnknownCode);
        return core::PermissionDenied(
            "This enrolment code was issued to re-enrol another device. Ask township staff for a "
            "code for this one.");
      }
      if (!existing.empty()) {
        // A code enrols a new device id. An enrolled one is re-enrolled only by itself (its
        // current token) and a revoked one never comes back.
        // A revoked one comes back only with a code township staff issued for it by id.
        if (existing[0].Int(0) != 0 && !for_this_device) {
          return core::PermissionDenied(
              "Device " + base::HexEncode(device_id) +
              " was revoked. Township staff can let it back with a code issued for it "
              "(qiaomen-county enroll-code --worker ID --device " +
              base::HexEncode(device_id) + ").");
        }
        const bool own_token = !current_token.empty() &&
                               ConstantTimeEquals(existing[0].Text(1), HashHex(current_token));
        if (!own_token && !for_this_device) {
          return core::PermissionDenied(
              "Device " + base::HexEncode(device_id) +
              " is enrolled already; an enrolment code enrols a new device id only. To re-enrol "
              "this device send its current token (Authorization: Bearer), or ask township staff "
              "for a code issued for it (enroll-code --device); otherwise reset the app's profile "
              "so that it makes a new device id.");
        }
      }
      // A conditional update redeems the code once, also when two requests race for it.
      QM_ASSIGN_OR_RETURN(auto redeemed,
                          conn->Query("UPDATE enroll_codes SET used_ms = $1 WHERE code_hash = $2 "
                                      "AND used_ms = 0 AND expires_ms >= $1 RETURNING worker_id",
                                      {Int(now), Text(HashHex(NormalizeCode(code)))}));
      if (redeemed.empty()) {
        // The same phone again after its answer was lost (a cut link, a server stopped before it
        // answered): it gets a new token, until it has synced once with the one it never got.
        QM_ASSIGN_OR_RETURN(bool retry, IsLostAnswerRetry(*conn, code, device_id, public_key,
                                                          existing, for_this_device, now));
        if (retry) {
          worker_id = existing[0].Text(2);
          return conn->Exec("UPDATE devices SET token_hash = $2, name = $3 WHERE device_id = $1",
                            {Blob(device_id), Text(HashHex(token_text)), Text(name)});
        }
        return core::Unauthenticated(kUnknownCode);
      }
      worker_id = redeemed[0].Text(0);
      if (!existing.empty() && existing[0].Text(2) != worker_id) {
        // Returning an error rolls the redemption back: the code stays usable for a new device.
        return core::PermissionDenied(
            AnotherWorkersDevice(base::HexEncode(device_id), existing[0].Text(2)) +
            " Or ask township staff for a code for " + existing[0].Text(2) +
            " (enroll-code --worker " + existing[0].Text(2) + " --device ID).");
      }
      if (!existing.empty()) {
        // A revoked device let back is remembered, so the county can review the work it kept.
        if (existing[0].Int(0) != 0) {
          QM_RETURN_IF_ERROR(
              conn->Exec("INSERT INTO device_reinstatements (device_id, at_ms) VALUES ($1,$2)",
                         {Blob(device_id), Int(now)}));
        }
        return conn->Exec(
            "UPDATE devices SET worker_id = $2, token_hash = $3, public_key = $4, name = $5, "
            "revoked = 0 WHERE device_id = $1",
            {Blob(device_id), Text(worker_id), Text(HashHex(token_text)), Blob(public_key),
             Text(name)});
      }
      QM_ASSIGN_OR_RETURN(
          auto inserted,
          conn->Query("INSERT INTO devices (device_id, worker_id, token_hash, public_key, name, "
                      "enrolled_ms) VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (device_id) DO NOTHING "
                      "RETURNING device_id",
                      {Blob(device_id), Text(worker_id), Text(HashHex(token_text)),
                       Blob(public_key), Text(name), Int(now)}));
      if (inserted.empty()) {
        return core::AlreadyExists("Device " + base::HexEncode(device_id) +
                                   " was enrolled by another request at the same moment; "
                                   "this code was not used. Try again.");
      }
      // The code now names the device it enrolled, so that this device alone may finish an
      // enrolment whose answer it never received (IsLostAnswerRetry).
      return conn->Exec(
          "INSERT INTO enroll_code_devices (code_hash, device_id) VALUES ($1,$2) ON CONFLICT "
          "(code_hash) DO NOTHING",
          {Text(HashHex(NormalizeCode(code))), Blob(device_id)});
    });
  }
  if (!s.ok()) return s;
  if (worker_out != nullptr) {
    QM_ASSIGN_OR_RETURN(*worker_out, GetWorker(worker_id));
  }
  return token_text;
}

namespace {

// One query for a device and its worker; PrincipalFromRow reads its columns.
constexpr const char* kDeviceSelect =
    "SELECT d.device_id, d.worker_id, d.public_key, d.name, d.revoked, d.applied_seq, "
    "d.token_hash, w.id, w.name, w.role, w.scope FROM devices d JOIN workers w ON w.id = "
    "d.worker_id WHERE ";

core::Result<Principal> PrincipalFromRow(const SqlRow& row) {
  Principal p;
  p.device.device_id = row.Bytes(0);
  p.device.worker_id = row.Text(1);
  p.device.public_key = row.Bytes(2);
  p.device.name = row.Text(3);
  p.device.applied_seq = static_cast<uint64_t>(row.Int(5));
  p.worker.id = row.Text(7);
  p.worker.name = row.Text(8);
  p.worker.role = row.Text(9);
  QM_ASSIGN_OR_RETURN(p.worker.scope, Scope::Parse(row.Text(10)));
  return p;
}

}  // namespace

core::Result<Principal> Directory::Authenticate(const std::string& token) {
  auto fail = [] {
    return core::Unauthenticated("The device token is unknown or revoked. Enrol the device again.");
  };
  if (token.size() != 64) return fail();
  std::string hash = HashHex(token);
  auto conn = storage_.pool().Acquire();
  auto row = conn->QueryOne(std::string(kDeviceSelect) + "d.token_hash = $1", {Text(hash)});
  // A database that cannot answer is not a refusal: the device must retry, not re-enrol.
  if (!row.ok() && row.status().code() != core::Code::kNotFound) return row.status();
  if (!row.ok() || !ConstantTimeEquals(row->Text(6), hash) || row->Int(4) != 0) return fail();
  return PrincipalFromRow(*row);
}

core::Result<DeviceRecord> Directory::FindDevice(const std::string& device_id) {
  auto conn = storage_.pool().Acquire();
  auto row = conn->QueryOne(std::string(kDeviceSelect) + "d.device_id = $1", {Blob(device_id)});
  if (!row.ok()) {
    if (row.status().code() != core::Code::kNotFound) return row.status();
    return core::NotFound("No device " + base::HexEncode(device_id) +
                          " is enrolled with this county: was the file made for another county?");
  }
  if (row->Int(4) != 0) {
    return core::Unauthenticated("Device " + base::HexEncode(device_id) +
                                 " was revoked; its work is not accepted.");
  }
  DeviceRecord record;
  QM_ASSIGN_OR_RETURN(record.principal, PrincipalFromRow(*row));
  auto raw = base::HexDecode(row->Text(6));
  if (!raw || raw->size() != 32) return core::Corruption("The device's token hash is malformed.");
  record.token_sha256 = *raw;
  return record;
}

core::Status Directory::RevokeDevice(const std::string& device_id_text) {
  std::string id;
  if (auto uuid = core::Uuid::Parse(device_id_text); uuid.ok()) {
    id = uuid->ToBytes();
  } else if (auto hex = base::HexDecode(device_id_text); hex && hex->size() == 16) {
    id = *hex;
  } else {
    return core::InvalidArgument("Give the device id as a UUID or 32 hex digits.");
  }
  auto conn = storage_.pool().Acquire();
  return InTransaction(*conn, [&]() -> core::Status {
    QM_ASSIGN_OR_RETURN(
        auto known, conn->Query("SELECT revoked FROM devices WHERE device_id = $1", {Blob(id)}));
    if (known.empty()) return core::NotFound("There is no device " + device_id_text + ".");
    if (known[0].Int(0) != 0) return core::Status::Ok();  // revoked already: one period
    // The period starts here, with what the county had applied from the device: whatever comes
    // later with a higher seq was kept on the phone, and the county reviews it (revoked_work.h).
    QM_ASSIGN_OR_RETURN(auto rows, conn->Query("UPDATE devices SET revoked = 1 WHERE device_id = "
                                               "$1 RETURNING applied_seq",
                                               {Blob(id)}));
    if (rows.empty()) return core::NotFound("There is no device " + device_id_text + ".");
    return conn->Exec(
        "INSERT INTO device_revocations (device_id, at_ms, applied_seq) VALUES ($1,$2,$3)",
        {Blob(id), Int(clock_.NowMillis()), Int(rows[0].Int(0))});
  });
}

}  // namespace qiaomen::server
