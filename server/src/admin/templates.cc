#include "admin/templates.h"

namespace qiaomen::server {
namespace {

core::Result<core::forms::CompiledTemplate> CompileStored(const std::string& json,
                                                          const std::string& what) {
  auto compiled = core::forms::LoadTemplateJson(json);
  if (!compiled.ok()) {
    return core::Corruption("The stored checklist " + what +
                            " no longer passes the forms checker (" + compiled.status().message() +
                            "); publish a corrected version.");
  }
  return compiled;
}

}  // namespace

core::Result<PublishedTemplate> PublishTemplate(Storage& storage, core::Clock& clock,
                                                const std::string& json) {
  auto compiled = core::forms::LoadTemplateJson(json);
  if (!compiled.ok()) {
    return core::InvalidArgument("The checklist template was refused and nothing was published. " +
                                 compiled.status().message());
  }
  PublishedTemplate t{compiled->id(), compiled->version()};
  auto conn = storage.pool().Acquire();
  QM_ASSIGN_OR_RETURN(auto rows, conn->Query("SELECT body FROM templates WHERE id = $1 AND "
                                             "version = $2",
                                             {Text(t.id), Int(t.version)}));
  if (!rows.empty()) {
    if (rows.front().Text(0) == json) return t;
    return core::AlreadyExists("Checklist " + t.id + " version " + std::to_string(t.version) +
                               " is published with other content; publish it as version " +
                               std::to_string(t.version + 1) + ".");
  }
  QM_RETURN_IF_ERROR(
      conn->Exec("INSERT INTO templates (id, version, body, published_ms) VALUES ($1,$2,$3,$4)",
                 {Text(t.id), Int(t.version), Text(json), Int(clock.NowMillis())}));
  return t;
}

core::Result<core::forms::CompiledTemplate> LoadPublishedTemplate(SqlConnection& conn,
                                                                  const std::string& id,
                                                                  uint32_t version) {
  auto row = conn.QueryOne("SELECT body FROM templates WHERE id = $1 AND version = $2",
                           {Text(id), Int(version)});
  if (!row.ok()) {
    if (row.status().code() != core::Code::kNotFound) return row.status();
    return core::NotFound("The checklist " + id + " version " + std::to_string(version) +
                          " is not published on the county server; publish it with "
                          "`qiaomen-county publish-template`.");
  }
  return CompileStored(row->Text(0), id + "@" + std::to_string(version));
}

core::Result<core::forms::CompiledTemplate> LoadLatestTemplate(SqlConnection& conn,
                                                               const std::string& id) {
  QM_ASSIGN_OR_RETURN(auto rows, conn.Query("SELECT body, version FROM templates WHERE id = $1 "
                                            "ORDER BY version DESC LIMIT 1",
                                            {Text(id)}));
  if (rows.empty()) {
    return core::NotFound("The checklist '" + id +
                          "' is not published. Publish it with publish-template first.");
  }
  return CompileStored(rows.front().Text(0), id + "@" + std::to_string(rows.front().Int(1)));
}

core::Result<core::forms::CompiledTemplate> TemplateCache::Get(SqlConnection& conn,
                                                               const std::string& id,
                                                               uint32_t version) {
  std::string key = id + "@" + std::to_string(version);
  {
    std::lock_guard lock(mu_);
    if (auto it = compiled_.find(key); it != compiled_.end()) return it->second;
  }
  QM_ASSIGN_OR_RETURN(auto compiled, LoadPublishedTemplate(conn, id, version));
  std::lock_guard lock(mu_);
  compiled_.emplace(key, compiled);
  return compiled;
}

}  // namespace qiaomen::server
