#include "qiaomen/server/bundle_keys.h"

#include <algorithm>
#include <optional>
#include <sstream>

#include "qiaomen/base/durable_file.h"
#include "qiaomen/base/hex.h"
#include "util/bytes.h"

namespace qiaomen::server {
namespace {

constexpr char kMetaKey[] = "bundle_public_key";

std::string KeyFileText(const core::bundle::CountyKeyPair& pair) {
  std::string_view secret(reinterpret_cast<const char*>(pair.secret_key.data()),
                          pair.secret_key.size());
  return "# Qiaomen county bundle secret key: it opens every offline bundle sealed to this "
         "county.\n"
         "# Back it up apart from the database (docs/operations.md); never send it to a device.\n" +
         base::HexEncode(secret) + "\n";
}

core::Status WriteKeyFile(const std::string& path, const core::bundle::CountyKeyPair& pair) {
  std::string text = KeyFileText(pair);
  core::Status written = base::WriteFileAtomically(path, text, 0600);
  std::fill(text.begin(), text.end(), '\0');
  return written;
}

core::Result<core::bundle::CountyKeyPair> ReadKeyFile(const std::string& path) {
  auto text = base::ReadFile(path);
  if (!text.ok()) return text.status();
  std::istringstream lines(*text);
  std::string line;
  std::optional<std::string> secret;
  while (std::getline(lines, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    secret = base::HexDecode(line);
    break;
  }
  std::fill(text->begin(), text->end(), '\0');
  if (!secret || secret->size() != 32) {
    return core::FailedPrecondition("The file " + path +
                                    " is not a county bundle secret key (64 hex digits).");
  }
  auto pair = core::bundle::CountyKeyPairFromSecret(
      {reinterpret_cast<const uint8_t*>(secret->data()), secret->size()});
  std::fill(secret->begin(), secret->end(), '\0');
  return pair;
}

std::string PublicKeyOf(const core::bundle::CountyKeyPair& pair) {
  return std::string(reinterpret_cast<const char*>(pair.public_key.data()), pair.public_key.size());
}

core::Result<std::string> StoredPublicKey(SqlConnection& conn) {
  QM_ASSIGN_OR_RETURN(auto row,
                      conn.QueryOne("SELECT value FROM meta WHERE key = $1", {Text(kMetaKey)}));
  return row.Bytes(0);
}

}  // namespace

std::string BundleSecretKeyPath(const std::string& data_dir) {
  return data_dir + "/county-bundle.key";
}

core::Result<std::string> EnsureBundlePublicKey(SqlConnection& conn, const std::string& data_dir) {
  auto stored = StoredPublicKey(conn);
  if (stored.ok() || stored.status().code() != core::Code::kNotFound) return stored;
  const std::string path = BundleSecretKeyPath(data_dir);
  core::bundle::CountyKeyPair pair;
  if (FileExists(path)) {
    QM_ASSIGN_OR_RETURN(pair, ReadKeyFile(path));
  } else {
    QM_ASSIGN_OR_RETURN(pair, core::bundle::NewCountyKeyPair());
    // The secret key is on disk before devices can be given its public key.
    QM_RETURN_IF_ERROR(WriteKeyFile(path, pair));
  }
  QM_RETURN_IF_ERROR(
      conn.Exec("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
                {Text(kMetaKey), Blob(PublicKeyOf(pair))}));
  return StoredPublicKey(conn);
}

core::Result<std::string> ReplaceBundleKey(SqlConnection& conn, const std::string& data_dir,
                                           int64_t now_ms) {
  const std::string path = BundleSecretKeyPath(data_dir);
  QM_ASSIGN_OR_RETURN(auto pair, core::bundle::NewCountyKeyPair());
  if (FileExists(path)) {
    QM_RETURN_IF_ERROR(base::RenameDurably(path, path + ".replaced-" + std::to_string(now_ms)));
  }
  QM_RETURN_IF_ERROR(WriteKeyFile(path, pair));
  std::string public_key = PublicKeyOf(pair);
  core::Status stored = InTransaction(conn, [&]() -> core::Status {
    QM_RETURN_IF_ERROR(conn.Exec("DELETE FROM meta WHERE key = $1", {Text(kMetaKey)}));
    return conn.Exec("INSERT INTO meta (key, value) VALUES ($1, $2)",
                     {Text(kMetaKey), Blob(public_key)});
  });
  if (!stored.ok()) return stored;
  return public_key;
}

core::Result<core::bundle::CountyKeyPair> LoadBundleSecretKey(const std::string& path,
                                                              std::string_view public_key) {
  if (!FileExists(path)) {
    return core::FailedPrecondition(
        "The county's bundle secret key " + path +
        " is missing, so a sealed bundle cannot be opened. Restore that file from the backup kept "
        "apart from the database backups (docs/operations.md), or name where it is with "
        "--bundle-key FILE. If it is lost for good, run `qiaomen-county bundle-key --replace`: "
        "devices receive the new key on their next sync and must export their bundles again.");
  }
  auto pair = ReadKeyFile(path);
  if (!pair.ok()) {
    return core::FailedPrecondition(pair.status().message() +
                                    " Restore the county's bundle secret key from its backup.");
  }
  if (PublicKeyOf(*pair) != public_key) {
    return core::FailedPrecondition(
        "The bundle secret key in " + path +
        " is not the pair of the public key this county gives its devices: it belongs to another "
        "county or was replaced. Restore the right file from its backup, or name it with "
        "--bundle-key FILE.");
  }
  return pair;
}

}  // namespace qiaomen::server
