#pragma once
// Published checklist templates: stored as JSON by id@version after the forms checker accepted
// them; visits are validated against the version they name.

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "qiaomen/core/clock.h"
#include "qiaomen/core/forms/compiled_template.h"
#include "qiaomen/core/status.h"
#include "qiaomen/server/sql_connection.h"
#include "qiaomen/server/storage.h"

namespace qiaomen::server {

struct PublishedTemplate {
  std::string id;
  uint32_t version = 0;
};

// Runs the forms checker (core::forms::LoadTemplateJson) on `json` and stores it. InvalidArgument
// with the checker's findings (naming the item and field at fault) and nothing stored;
// AlreadyExists when id@version is published with different content (publishing identical content
// again is a no-op).
core::Result<PublishedTemplate> PublishTemplate(Storage& storage, core::Clock& clock,
                                                const std::string& json);

// The published template id@version, checked and compiled. NotFound when it is not published;
// Corruption when the stored JSON no longer passes the checker.
core::Result<core::forms::CompiledTemplate> LoadPublishedTemplate(SqlConnection& conn,
                                                                  const std::string& id,
                                                                  uint32_t version);

// The highest published version of `id`. NotFound when none is.
core::Result<core::forms::CompiledTemplate> LoadLatestTemplate(SqlConnection& conn,
                                                               const std::string& id);

// Compiled templates by id@version, loaded on first use. A published version never changes, so
// an entry never goes stale, also when another server process published it. Thread-safe.
class TemplateCache {
 public:
  // As LoadPublishedTemplate, through the cache.
  core::Result<core::forms::CompiledTemplate> Get(SqlConnection& conn, const std::string& id,
                                                  uint32_t version);

 private:
  std::mutex mu_;
  std::map<std::string, core::forms::CompiledTemplate> compiled_;
};

}  // namespace qiaomen::server
