// What the live database knows of its backups: when the last one was taken, and per device the
// highest seq it holds (sync answers tell each device, the report and /metrics tell the county).
#include <string>

#include "qiaomen/base/hex.h"
#include "qiaomen/server/backup.h"

namespace qiaomen::server {

core::Status RecordBackup(SqlConnection& conn, const v1::BackupManifest& manifest,
                          const std::string& path) {
  return InTransaction(conn, [&]() -> core::Status {
    QM_RETURN_IF_ERROR(conn.Exec(
        "INSERT INTO backups (created_ms, path, records, changes, photos) VALUES ($1,$2,$3,$4,$5)",
        {Int(manifest.created_ms()), Text(path), Int(manifest.records()), Int(manifest.changes()),
         Int(manifest.blobs_size())}));
    for (const v1::BackupDeviceSeq& device : manifest.devices()) {
      auto id = base::HexDecode(device.device_id());
      if (!id) return core::Corruption("The manifest names a device id that is not hex.");
      // Never backwards: an older backup written later does not hold what a newer one held.
      QM_RETURN_IF_ERROR(conn.Exec(
          "INSERT INTO device_backups (device_id, seq, backup_ms) VALUES ($1,$2,$3) ON CONFLICT "
          "(device_id) DO UPDATE SET seq = excluded.seq, backup_ms = excluded.backup_ms WHERE "
          "excluded.backup_ms > device_backups.backup_ms",
          {Blob(*id), Int(device.applied_seq()), Int(manifest.created_ms())}));
    }
    return core::Status::Ok();
  });
}

core::Result<int64_t> LastBackupMs(SqlConnection& conn) {
  QM_ASSIGN_OR_RETURN(auto row, conn.QueryOne("SELECT COALESCE(MAX(created_ms), 0) FROM backups"));
  return row.Int(0);
}

core::Result<int64_t> BackedUpThroughSeq(SqlConnection& conn, const std::string& device_id) {
  QM_ASSIGN_OR_RETURN(auto rows, conn.Query("SELECT seq FROM device_backups WHERE device_id = $1",
                                            {Blob(device_id)}));
  return rows.empty() ? 0 : rows[0].Int(0);
}

}  // namespace qiaomen::server
