#pragma once
// What the field client remembers about its county server after enrolment: the server URL, the
// bearer token, TLS settings, who the device belongs to. Kept in `<profile>/client.conf`, encrypted
// and authenticated (libsodium secretbox) under a subkey of the profile's data key, so the token is
// as unreadable as the data without the PIN. Written atomically (temp, fsync, rename, fsync folder)
// through `fs`.

#include <cstdint>
#include <string>

#include "qiaomen/base/file_system.h"
#include "qiaomen/core/sql/database.h"
#include "qiaomen/core/status.h"

namespace qiaomen::sync {

struct ClientConfig {
  std::string server_url;  // "https://county.example" or "http://127.0.0.1:8080", no trailing /
  std::string token;       // bearer token from enrolment
  std::string ca_cert;     // PEM file of the county's CA ("" = the system store)
  std::string pin_sha256;  // "sha256//BASE64" public-key pin ("" = none)
  std::string worker_id;
  std::string worker_name;
  std::string role;   // grid_worker | inspector | township | county
  std::string scope;  // "grids:G1,G2", "town:T01", "county"
  std::string county_name;
  // The county's bundle public key (32 raw bytes; "" until the server sent one): offline bundles
  // are sealed to it. Learnt at enrolment, or at the first sync with a server that has one.
  std::string county_bundle_key;
  int64_t enrolled_at_ms = 0;
};

std::string ClientConfigPath(const std::string& profile_dir);

// The mark FieldDevice::Enroll leaves in a profile it made while the county's answer is awaited.
std::string UnfinishedEnrolmentPath(const std::string& profile_dir);

// Whether `profile_dir` holds a profile whose enrolment never finished: the mark and the keys are
// there but not the server settings (the county's answer was lost). FieldDevice::Enroll with the
// same PIN and code takes it up again.
bool EnrolmentUnfinished(const std::string& profile_dir,
                         base::FileSystem& fs = base::LocalFileSystem());

// Encrypts `config` under `data_key` and writes it to `path`. IOError on storage errors.
core::Status SaveClientConfig(const std::string& path, const ClientConfig& config,
                              const core::sql::RawKey& data_key,
                              base::FileSystem& fs = base::LocalFileSystem());

// Reads and decrypts. NotFound when the file is missing (the profile was not enrolled by this
// client); Corruption when it fails authentication or cannot be parsed; IOError when it cannot be
// read.
core::Result<ClientConfig> LoadClientConfig(const std::string& path,
                                            const core::sql::RawKey& data_key,
                                            base::FileSystem& fs = base::LocalFileSystem());

}  // namespace qiaomen::sync
