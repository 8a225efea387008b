#pragma once
// The county's bundle key pair (libsodium crypto_box), to which devices seal their offline
// bundles (core/bundle/bundle_file.h). The public half is in the database (meta
// "bundle_public_key") and goes to every device with its enrolment and each sync. The secret half
// is never in the database: it is the file DATA/county-bundle.key (mode 0600), so a copy of the
// database, or a backup of it, opens no bundle. That file must be backed up apart from the
// database (docs/operations.md). Not thread-safe across processes making a first key at once.

#include <string>
#include <string_view>

#include "qiaomen/core/bundle/bundle_file.h"
#include "qiaomen/core/status.h"
#include "qiaomen/server/sql_connection.h"

namespace qiaomen::server {

// DATA/county-bundle.key.
std::string BundleSecretKeyPath(const std::string& data_dir);

// The store's bundle public key, made when it has none: the pair of an existing secret key file
// (kept from an earlier attempt or restored by the operator) is adopted, otherwise a new pair is
// made and its secret key written durably before the public key is stored. Used by `init` and
// when a store from before bundle keys is opened. IOError when the file cannot be written;
// FailedPrecondition when an existing file cannot be read as a key.
core::Result<std::string> EnsureBundlePublicKey(SqlConnection& conn, const std::string& data_dir);

// Makes a new pair, keeps the old secret key file (if any) as DATA/county-bundle.key.replaced-MS,
// writes the new one and stores the new public key. Bundles sealed to the old key can then be
// opened only with the kept file (--bundle-key). Returns the new public key.
core::Result<std::string> ReplaceBundleKey(SqlConnection& conn, const std::string& data_dir,
                                           int64_t now_ms);

// Reads the secret key file at `path` and checks it is the pair of `public_key` (the database's).
// FailedPrecondition, with what to do, when the file is missing, unreadable or another county's.
core::Result<core::bundle::CountyKeyPair> LoadBundleSecretKey(const std::string& path,
                                                              std::string_view public_key);

}  // namespace qiaomen::server
