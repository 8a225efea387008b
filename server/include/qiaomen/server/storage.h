#pragma once
// The county server's storage: one database (SQLite file in the data directory by default, or
// PostgreSQL with --db) plus the data directory on disk for photo blobs and unfinished uploads.
// Domain operations (directory, change log, uploads, reports) are separate classes that take a
// connection from this object's pool; this class only opens, migrates and identifies the store.

#include <memory>
#include <string>

#include "qiaomen/base/time_zone.h"
#include "qiaomen/core/status.h"
#include "qiaomen/server/sql_connection.h"

namespace qiaomen::server {

struct StorageOptions {
  std::string data_dir;
  // Empty: the SQLite file DATA/county.db (or the URL `init --db` saved in DATA/database-url).
  std::string db_url;
  int pool_size = 8;
};

// Made once by `init`. The epoch changes when a database is restored into a new server
// (`init --new-epoch` or a fresh init): devices seeing a different epoch reset and replay.
struct ServerIdentity {
  std::string server_id;  // 16 bytes
  std::string epoch;      // 16 bytes
  std::string county_name;
  // A secret of this database (32 random bytes, never sent): authenticates pull cursors.
  std::string cursor_key;
  // The county's IANA time zone (meta key "time_zone"; Asia/Shanghai when never set): its days
  // are the report's days, the campaign due dates' and the devices' (sent in every response).
  std::string county_time_zone;
  // The county's bundle public key (32 bytes, meta key "bundle_public_key"; "" when the store has
  // none yet): sent to devices, which seal offline bundles to it. Its secret half is never in the
  // database: it is a file beside it (BundleSecretKeyPath).
  std::string bundle_public_key;
};

class Storage {
 public:
  // Creates the data directory layout and schema and a new identity. AlreadyExists when the data
  // directory or database was initialised before; InvalidArgument for an unknown time zone
  // (nothing is changed then).
  static core::Status Init(const StorageOptions& options, const std::string& county_name,
                           std::string_view county_time_zone = base::kDefaultCountyTimeZone);

  // Sets the county's time zone (an IANA name) in an initialised store. InvalidArgument, with
  // nothing changed, for a name this machine's tz database does not know. Running servers read
  // it when they start.
  static core::Status SetTimeZone(const StorageOptions& options, std::string_view county_time_zone);

  // Opens an initialised store. FailedPrecondition (with "run init") when it was never initialised,
  // or when its stored time zone is unknown on this machine (with what to do).
  static core::Result<std::unique_ptr<Storage>> Open(const StorageOptions& options);

  SqlPool& pool() { return *pool_; }
  SqlDialect dialect() const { return pool_->dialect(); }
  const std::string& data_dir() const { return data_dir_; }
  const ServerIdentity& identity() const { return identity_; }
  // The county's time zone, loaded: pass it to base::CountyDate for "which day is this instant".
  const base::TimeZone& time_zone() const { return time_zone_; }

 private:
  Storage() = default;
  std::string data_dir_;
  std::unique_ptr<SqlPool> pool_;
  ServerIdentity identity_;
  base::TimeZone time_zone_ = base::TimeZone::Utc();  // set by Open
};

// The database URL the options select (resolving the saved one).
std::string ResolveDbUrl(const StorageOptions& options);

}  // namespace qiaomen::server
