#pragma once
// Published checklist templates: stored as JSON by id@version after the forms checker accepted
// them; visits are validated against the version they name.

#include <cstdint>
#include <string>

#include "qiaomen/core/clock.h"
#include "qiaomen/core/status.h"
#include "qiaomen/server/sql_connection.h"
#include "qiaomen/server/storage.h"

namespace qiaomen::server {

struct PublishedTemplate {
  std::string id;
  uint32_t version = 0;
};

// Checks `json` and stores it. InvalidArgument listing the checker's findings; AlreadyExists when
// id@version is published with different content (publishing identical content again is a no-op).
core::Result<PublishedTemplate> PublishTemplate(Storage& storage, core::Clock& clock,
                                                const std::string& json);

}  // namespace qiaomen::server
