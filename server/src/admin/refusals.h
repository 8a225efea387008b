#pragma once
// The changes the county refused (quarantined: invalid visits, out-of-scope writes, bad
// signatures), each with its reason and what a reviewer needs beside it: whose household, which
// worker and device sent it, when, and the town it belongs to. `qiaomen-county quarantine` prints
// them; the console's 拒收 page lists a town's.

#include <cstdint>
#include <string>
#include <vector>

#include "qiaomen/core/status.h"
#include "qiaomen/server/storage.h"

namespace qiaomen::server {

// What a person reviewing a refusal needs besides the reason: whose household, who sent it.
struct Refusal {
  int64_t id = 0;
  std::string device;  // hex
  int64_t seq = 0;
  std::string entity;       // "visit", "hazard_event"...
  std::string subject;      // "H001 王秀英" ("" when the change names none the server knows)
  std::string worker;       // "gw-wang 王网格"
  std::string received_at;  // county time
  std::string code;
  std::string reason;
  int64_t received_ms = 0;
  bool accepted_since = false;  // sent again and accepted: nothing left to do
  // The town it belongs to: its household's, else the sending worker's; "" when neither is
  // known (only county staff see it).
  std::string town_id;
};

// Every refusal, oldest first. Internal/Unavailable when the database cannot be read.
core::Result<std::vector<Refusal>> LoadRefusals(Storage& storage);

// A subject as reviewers read it: "H001 王秀英" (its county id, else its UUID, and its name);
// "" for an empty id. Internal/Unavailable when the database cannot be read.
core::Result<std::string> DescribeSubject(SqlConnection& conn, const std::string& subject_id);

}  // namespace qiaomen::server
