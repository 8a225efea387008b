#include "admin/device_activity.h"

#include <algorithm>

namespace qiaomen::server {

core::Result<std::vector<DeviceActivity>> ListDeviceActivity(SqlConnection& conn) {
  QM_ASSIGN_OR_RETURN(
      auto rows,
      conn.Query("SELECT d.device_id, d.worker_id, COALESCE(w.name, ''), COALESCE(w.scope, ''), "
                 "d.name, d.revoked, d.enrolled_ms, (SELECT max(c.received_ms) FROM changes c "
                 "WHERE c.device_id = d.device_id), (SELECT max(q.received_ms) FROM quarantine q "
                 "WHERE q.device_id = d.device_id), (SELECT s.at_ms FROM device_syncs s WHERE "
                 "s.device_id = d.device_id), (SELECT max(r.at_ms) FROM device_reinstatements r "
                 "WHERE r.device_id = d.device_id) FROM devices d LEFT JOIN workers w ON w.id = "
                 "d.worker_id ORDER BY d.worker_id, d.enrolled_ms"));
  std::vector<DeviceActivity> out;
  for (const auto& r : rows) {
    DeviceActivity d;
    d.device_id = r.Bytes(0);
    d.worker_id = r.Text(1);
    d.worker_name = r.Text(2);
    d.worker_scope = r.Text(3);
    d.name = r.Text(4);
    d.revoked = r.Int(5) != 0;
    d.enrolled_ms = r.Int(6);
    if (!r.IsNull(7)) d.last_change_ms = std::max(d.last_change_ms, r.Int(7));
    if (!r.IsNull(8)) d.last_change_ms = std::max(d.last_change_ms, r.Int(8));
    // Counties from before device_syncs know only the changes.
    d.last_sync_ms = std::max(r.IsNull(9) ? 0 : r.Int(9), d.last_change_ms);
    d.reinstated_ms = r.IsNull(10) ? 0 : r.Int(10);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace qiaomen::server
