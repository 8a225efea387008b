#include "qiaomen/sync/client_config.h"

#include <sodium.h>

#include <cstring>
#include <sstream>
#include <vector>

#include "qiaomen/base/file_system.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/core/profile/profile_files.h"

namespace qiaomen::sync {
namespace {

constexpr char kMagic[] = "QMCLICF1";
constexpr size_t kMagicSize = 8;
constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "qmclient";

void DeriveKey(const core::sql::RawKey& data_key, uint8_t (&key)[crypto_secretbox_KEYBYTES]) {
  crypto_kdf_derive_from_key(key, sizeof key, 1, kKdfContext, data_key.bytes().data());
}

// One "name=value" line per field; values escape '\\' and newlines.
std::string Escape(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string Unescape(const std::string& value) {
  std::string out;
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && i + 1 < value.size()) {
      out.push_back(value[i + 1] == 'n' ? '\n' : value[i + 1]);
      ++i;
    } else {
      out.push_back(value[i]);
    }
  }
  return out;
}

std::string Serialize(const ClientConfig& c) {
  std::ostringstream s;
  s << "server_url=" << Escape(c.server_url) << "\n"
    << "token=" << Escape(c.token) << "\n"
    << "ca_cert=" << Escape(c.ca_cert) << "\n"
    << "pin_sha256=" << Escape(c.pin_sha256) << "\n"
    << "worker_id=" << Escape(c.worker_id) << "\n"
    << "worker_name=" << Escape(c.worker_name) << "\n"
    << "role=" << Escape(c.role) << "\n"
    << "scope=" << Escape(c.scope) << "\n"
    << "county_name=" << Escape(c.county_name) << "\n"
    << "county_bundle_key=" << base::HexEncode(c.county_bundle_key) << "\n"
    << "enrolled_at_ms=" << c.enrolled_at_ms << "\n";
  return s.str();
}

core::Result<ClientConfig> Parse(const std::string& text) {
  ClientConfig c;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string name = line.substr(0, eq);
    std::string value = Unescape(line.substr(eq + 1));
    if (name == "server_url") c.server_url = value;
    if (name == "token") c.token = value;
    if (name == "ca_cert") c.ca_cert = value;
    if (name == "pin_sha256") c.pin_sha256 = value;
    if (name == "worker_id") c.worker_id = value;
    if (name == "worker_name") c.worker_name = value;
    if (name == "role") c.role = value;
    if (name == "scope") c.scope = value;
    if (name == "county_name") c.county_name = value;
    if (name == "county_bundle_key") c.county_bundle_key = base::HexDecode(value).value_or("");
    if (name == "enrolled_at_ms") c.enrolled_at_ms = std::atoll(value.c_str());
  }
  if (c.server_url.empty() || c.token.empty()) {
    return core::Corruption("The client settings of this profile are incomplete. Enrol again.");
  }
  return c;
}

}  // namespace

std::string ClientConfigPath(const std::string& profile_dir) {
  return profile_dir + "/client.conf";
}

std::string UnfinishedEnrolmentPath(const std::string& profile_dir) {
  return profile_dir + "/enrolment.unfinished";
}

bool EnrolmentUnfinished(const std::string& profile_dir, base::FileSystem& fs) {
  auto there = [&](const std::string& path) {
    auto exists = base::FileExists(fs, path);
    return exists.ok() && *exists;
  };
  return there(UnfinishedEnrolmentPath(profile_dir)) &&
         there(core::profile::KeyFilePath(profile_dir)) && !there(ClientConfigPath(profile_dir));
}

core::Status SaveClientConfig(const std::string& path, const ClientConfig& config,
                              const core::sql::RawKey& data_key, base::FileSystem& fs) {
  if (sodium_init() < 0) return core::Internal("libsodium could not be initialised.");
  std::string plain = Serialize(config);
  uint8_t key[crypto_secretbox_KEYBYTES];
  DeriveKey(data_key, key);
  std::string file(kMagic, kMagicSize);
  uint8_t nonce[crypto_secretbox_NONCEBYTES];
  randombytes_buf(nonce, sizeof nonce);
  file.append(reinterpret_cast<const char*>(nonce), sizeof nonce);
  std::vector<uint8_t> cipher(plain.size() + crypto_secretbox_MACBYTES);
  crypto_secretbox_easy(cipher.data(), reinterpret_cast<const uint8_t*>(plain.data()), plain.size(),
                        nonce, key);
  sodium_memzero(key, sizeof key);
  sodium_memzero(plain.data(), plain.size());
  file.append(reinterpret_cast<const char*>(cipher.data()), cipher.size());

  return base::WriteFileAtomically(fs, path, file, 0600);
}

core::Result<ClientConfig> LoadClientConfig(const std::string& path,
                                            const core::sql::RawKey& data_key,
                                            base::FileSystem& fs) {
  if (sodium_init() < 0) return core::Internal("libsodium could not be initialised.");
  auto read = base::ReadWholeFile(fs, path);
  if (!read.ok()) {
    if (read.status().code() != core::Code::kNotFound) return read.status();
    return core::NotFound("This profile has no server settings (" + path +
                          "). Enrol it with `qiaomen enroll`.");
  }
  const std::string file = std::move(read).value();
  size_t header = kMagicSize + crypto_secretbox_NONCEBYTES;
  if (file.size() < header + crypto_secretbox_MACBYTES ||
      file.compare(0, kMagicSize, kMagic) != 0) {
    return core::Corruption("The server settings file " + path + " is damaged. Enrol again.");
  }
  uint8_t key[crypto_secretbox_KEYBYTES];
  DeriveKey(data_key, key);
  std::string plain(file.size() - header - crypto_secretbox_MACBYTES, '\0');
  int rc = crypto_secretbox_open_easy(
      reinterpret_cast<uint8_t*>(plain.data()),
      reinterpret_cast<const uint8_t*>(file.data() + header), file.size() - header,
      reinterpret_cast<const uint8_t*>(file.data() + kMagicSize), key);
  sodium_memzero(key, sizeof key);
  if (rc != 0) {
    return core::Corruption("The server settings file " + path +
                            " was altered or belongs to another profile. Enrol again.");
  }
  auto config = Parse(plain);
  sodium_memzero(plain.data(), plain.size());
  return config;
}

}  // namespace qiaomen::sync
