#include "store/schema.h"

#include <string>

namespace qiaomen::server {
namespace {

// {B} blob, {I} 64-bit integer, {S} auto-increment primary key: the only dialect differences.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value {B} NOT NULL);
CREATE TABLE IF NOT EXISTS admin_units (
  id TEXT PRIMARY KEY, parent_id TEXT NOT NULL, name TEXT NOT NULL, level TEXT NOT NULL,
  town_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS workers (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, scope TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS enroll_codes (
  code_hash TEXT PRIMARY KEY, worker_id TEXT NOT NULL, expires_ms {I} NOT NULL,
  used_ms {I} NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS enroll_code_devices (code_hash TEXT PRIMARY KEY, device_id {B} NOT NULL);
CREATE TABLE IF NOT EXISTS device_reinstatements (device_id {B} NOT NULL, at_ms {I} NOT NULL);
CREATE TABLE IF NOT EXISTS device_revocations (
  device_id {B} NOT NULL, at_ms {I} NOT NULL, applied_seq {I} NOT NULL);
CREATE TABLE IF NOT EXISTS device_syncs (device_id {B} PRIMARY KEY, at_ms {I} NOT NULL);
CREATE TABLE IF NOT EXISTS devices (
  device_id {B} PRIMARY KEY, worker_id TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE,
  public_key {B} NOT NULL, name TEXT NOT NULL, revoked {I} NOT NULL DEFAULT 0,
  applied_seq {I} NOT NULL DEFAULT 0, enrolled_ms {I} NOT NULL);
CREATE TABLE IF NOT EXISTS records (
  entity {I} NOT NULL, record_id {B} NOT NULL, town_id TEXT NOT NULL, grid_id TEXT NOT NULL,
  subject_id {B}, state {B}, snapshot {B} NOT NULL, deleted {I} NOT NULL DEFAULT 0,
  hlc {I} NOT NULL DEFAULT 0, evidence TEXT NOT NULL DEFAULT '', updated_ms {I} NOT NULL,
  PRIMARY KEY (entity, record_id));
CREATE INDEX IF NOT EXISTS records_town ON records (town_id);
CREATE INDEX IF NOT EXISTS records_grid ON records (grid_id);
CREATE INDEX IF NOT EXISTS records_subject ON records (subject_id);
CREATE TABLE IF NOT EXISTS changes (
  id {S}, change_id {B} NOT NULL UNIQUE, device_id {B} NOT NULL, seq {I} NOT NULL,
  entity {I} NOT NULL, record_id {B} NOT NULL, town_id TEXT NOT NULL, grid_id TEXT NOT NULL,
  payload {B} NOT NULL, received_ms {I} NOT NULL);
CREATE INDEX IF NOT EXISTS changes_town ON changes (town_id, id);
CREATE INDEX IF NOT EXISTS changes_grid ON changes (grid_id, id);
CREATE TABLE IF NOT EXISTS quarantine (
  id {S}, device_id {B} NOT NULL, seq {I} NOT NULL, change_id {B} NOT NULL, entity {I} NOT NULL,
  code TEXT NOT NULL, reason TEXT NOT NULL, payload {B} NOT NULL, received_ms {I} NOT NULL);
CREATE TABLE IF NOT EXISTS refused_records (
  entity {I} NOT NULL, record_id {B} NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (entity, record_id));
CREATE TABLE IF NOT EXISTS conflicts (
  id {S}, entity {I} NOT NULL, record_id {B} NOT NULL, field TEXT NOT NULL, kept TEXT NOT NULL,
  lost TEXT NOT NULL, lost_device {B} NOT NULL, lost_hlc {I} NOT NULL, rule TEXT NOT NULL,
  at_ms {I} NOT NULL);
CREATE TABLE IF NOT EXISTS blobs (sha256 TEXT PRIMARY KEY, size {I} NOT NULL, stored_ms {I} NOT NULL);
CREATE TABLE IF NOT EXISTS uploads (
  id TEXT PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, length {I} NOT NULL, created_ms {I} NOT NULL,
  expires_ms {I} NOT NULL, device_id {B} NOT NULL, metadata TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS device_uploads (
  device_id {B} NOT NULL, sha256 TEXT NOT NULL, length {I} NOT NULL, created_ms {I} NOT NULL,
  expires_ms {I} NOT NULL, metadata TEXT NOT NULL, PRIMARY KEY (device_id, sha256));
CREATE INDEX IF NOT EXISTS device_uploads_expiry ON device_uploads (expires_ms);
CREATE TABLE IF NOT EXISTS blob_holders (
  sha256 TEXT NOT NULL, device_id {B} NOT NULL, PRIMARY KEY (sha256, device_id));
CREATE TABLE IF NOT EXISTS photo_refs (
  sha256 TEXT NOT NULL, entity {I} NOT NULL, record_id {B} NOT NULL,
  PRIMARY KEY (sha256, entity, record_id));
CREATE TABLE IF NOT EXISTS templates (
  id TEXT NOT NULL, version {I} NOT NULL, body TEXT NOT NULL, published_ms {I} NOT NULL,
  PRIMARY KEY (id, version));
CREATE TABLE IF NOT EXISTS campaigns (
  id TEXT PRIMARY KEY, title TEXT NOT NULL, template_ids TEXT NOT NULL, scope TEXT NOT NULL,
  due_date TEXT NOT NULL, created_ms {I} NOT NULL);
CREATE TABLE IF NOT EXISTS subject_ids (external_id TEXT PRIMARY KEY, subject_id {B} NOT NULL);
CREATE TABLE IF NOT EXISTS backups (
  id {S}, created_ms {I} NOT NULL, path TEXT NOT NULL, records {I} NOT NULL,
  changes {I} NOT NULL, photos {I} NOT NULL);
CREATE TABLE IF NOT EXISTS device_backups (
  device_id {B} PRIMARY KEY, seq {I} NOT NULL, backup_ms {I} NOT NULL);
CREATE TABLE IF NOT EXISTS device_seq_gaps (
  device_id {B} NOT NULL, from_seq {I} NOT NULL, to_seq {I} NOT NULL, at_ms {I} NOT NULL);
CREATE TABLE IF NOT EXISTS staff (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, scope TEXT NOT NULL,
  password_hash TEXT NOT NULL DEFAULT '', created_ms {I} NOT NULL);
CREATE TABLE IF NOT EXISTS console_sessions (
  token_hash TEXT PRIMARY KEY, staff_id TEXT NOT NULL, csrf_token TEXT NOT NULL,
  created_ms {I} NOT NULL, last_seen_ms {I} NOT NULL);
CREATE INDEX IF NOT EXISTS console_sessions_staff ON console_sessions (staff_id);
CREATE TABLE IF NOT EXISTS console_reviews (
  kind TEXT NOT NULL, item_id {I} NOT NULL, staff_id TEXT NOT NULL, staff_name TEXT NOT NULL,
  action TEXT NOT NULL, at_ms {I} NOT NULL, PRIMARY KEY (kind, item_id));
CREATE TABLE IF NOT EXISTS console_login_failures (
  throttle_key TEXT PRIMARY KEY, failures {I} NOT NULL, last_ms {I} NOT NULL);
)sql";

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}

}  // namespace

core::Status CreateSchema(SqlConnection& conn) {
  std::string sql = kSchema;
  bool pg = conn.dialect() == SqlDialect::kPostgres;
  ReplaceAll(sql, "{B}", pg ? "BYTEA" : "BLOB");
  ReplaceAll(sql, "{I}", pg ? "BIGINT" : "INTEGER");
  ReplaceAll(sql, "{S}", pg ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT");
  if (pg) {
    // Several server processes may init/open at once: serialise schema creation.
    QM_RETURN_IF_ERROR(conn.ExecScript("SELECT pg_advisory_lock(7201)"));
    core::Status s = conn.ExecScript(sql);
    conn.ExecScript("SELECT pg_advisory_unlock(7201)").IgnoreError();
    return s;
  }
  return conn.ExecScript(sql);
}

}  // namespace qiaomen::server
