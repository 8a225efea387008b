#pragma once
// A consistent snapshot of a county database into a backup directory, with the counts it holds.

#include <string>

#include "qiaomen/core/status.h"
#include "qiaomen/v1/backup.pb.h"

namespace qiaomen::server {

// Writes the database at `db_url` as it is at one instant into `dir`/database-<created_ms>.sqlite
// (SQLite online backup API) or .pgdump (pg_dump --format=custom, run in a snapshot exported by the
// transaction that reads the counts), fsynced, and fills `manifest`'s backend, identity, counts,
// devices and database part from that same instant. FailedPrecondition when the database is not
// initialised or pg_dump is missing; errors of the database or the disk otherwise.
core::Status SnapshotDatabase(const std::string& db_url, const std::string& dir,
                              v1::BackupManifest& manifest);

}  // namespace qiaomen::server
