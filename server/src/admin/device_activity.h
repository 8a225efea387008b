#pragma once
// Enrolled devices with their worker and when the server last heard from them: the `devices`
// command's table and the console's list of devices that have gone quiet.

#include <cstdint>
#include <string>
#include <vector>

#include "qiaomen/core/status.h"
#include "qiaomen/server/sql_connection.h"

namespace qiaomen::server {

struct DeviceActivity {
  std::string device_id;  // 16 bytes
  std::string worker_id;
  std::string worker_name;   // "" when the worker is gone
  std::string worker_scope;  // Scope text, "" when the worker is gone
  std::string name;
  bool revoked = false;
  int64_t enrolled_ms = 0;
  // The device's last sync request (a pull alone too). 0: never.
  int64_t last_sync_ms = 0;
  // The last change the server received from the device, applied or refused. 0: never.
  int64_t last_change_ms = 0;
  // When a revoked device was last let back (enroll-code --device). 0: never.
  int64_t reinstated_ms = 0;
};

// Every device, by worker then enrolment.
core::Result<std::vector<DeviceActivity>> ListDeviceActivity(SqlConnection& conn);

}  // namespace qiaomen::server
