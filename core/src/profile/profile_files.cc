#include "qiaomen/core/profile/profile_files.h"

#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <system_error>

#include "keys/destroy_file.h"
#include "qiaomen/base/durable_file.h"
#include "qiaomen/core/uuid.h"

namespace qiaomen::core::profile {
namespace {

constexpr char kInfoMagic[8] = {'Q', 'M', 'I', 'N', 'F', 'O', '0', '1'};
constexpr char kInfoContext[crypto_kdf_CONTEXTBYTES + 1] = "qmprofil";
constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kMac = crypto_aead_xchacha20poly1305_ietf_ABYTES;

bool Exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

// Errors other than "missing" count as present: the caller then refuses rather than overwrites.
bool Exists(base::FileSystem& fs, const std::string& path) {
  auto exists = base::FileExists(fs, path);
  return !exists.ok() || *exists;
}

struct InfoKey {
  uint8_t bytes[crypto_aead_xchacha20poly1305_ietf_KEYBYTES] = {};
  explicit InfoKey(const sql::RawKey& data_key) {
    crypto_kdf_derive_from_key(bytes, sizeof bytes, 1, kInfoContext, data_key.bytes().data());
  }
  ~InfoKey() { sodium_memzero(bytes, sizeof bytes); }
};

void PutField(std::string& out, const std::string& field) {
  const auto n = static_cast<uint32_t>(field.size());
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
  out += field;
}

bool GetField(std::string_view& in, std::string& field) {
  if (in.size() < 4) return false;
  uint32_t n = 0;
  for (int i = 0; i < 4; ++i) n |= static_cast<uint32_t>(static_cast<uint8_t>(in[i])) << (8 * i);
  in.remove_prefix(4);
  if (in.size() < n) return false;
  field.assign(in.substr(0, n));
  in.remove_prefix(n);
  return true;
}

Status WriteInfo(base::FileSystem& fs, const std::string& dir, const ProfileInfo& info,
                 const sql::RawKey& data_key, Random& random) {
  std::string plain;
  PutField(plain, info.device_id);
  PutField(plain, info.worker_id);
  PutField(plain, std::to_string(info.created_at_ms));
  std::vector<uint8_t> out(kInfoMagic, kInfoMagic + sizeof kInfoMagic);
  out.resize(sizeof kInfoMagic + kNonce + plain.size() + kMac);
  uint8_t* nonce = out.data() + sizeof kInfoMagic;
  random.Fill(nonce, kNonce);
  InfoKey key(data_key);
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      nonce + kNonce, nullptr, reinterpret_cast<const uint8_t*>(plain.data()), plain.size(),
      reinterpret_cast<const uint8_t*>(kInfoMagic), sizeof kInfoMagic, nullptr, nonce, key.bytes);
  return base::WriteFileAtomically(
      fs, InfoPath(dir), std::string_view(reinterpret_cast<const char*>(out.data()), out.size()));
}

Result<ProfileInfo> ReadInfo(base::FileSystem& fs, const std::string& dir,
                             const sql::RawKey& data_key) {
  const std::string path = InfoPath(dir);
  const Status damaged = Corruption("The profile information file " + path +
                                    " is damaged; the device must be re-enrolled.");
  auto text = base::ReadWholeFile(fs, path);
  if (!text.ok()) {
    if (text.status().code() == Code::kNotFound) return damaged;
    return text.status();
  }
  const std::vector<uint8_t> stored(text->begin(), text->end());
  const std::vector<uint8_t>* bytes = &stored;
  if (bytes->size() < sizeof kInfoMagic + kNonce + kMac ||
      std::memcmp(bytes->data(), kInfoMagic, sizeof kInfoMagic) != 0) {
    return damaged;
  }
  const uint8_t* nonce = bytes->data() + sizeof kInfoMagic;
  const size_t cipher_size = bytes->size() - sizeof kInfoMagic - kNonce;
  std::string plain(cipher_size - kMac, '\0');
  InfoKey key(data_key);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<uint8_t*>(plain.data()), nullptr, nullptr, nonce + kNonce, cipher_size,
          reinterpret_cast<const uint8_t*>(kInfoMagic), sizeof kInfoMagic, nonce, key.bytes) != 0) {
    return damaged;
  }
  ProfileInfo info;
  std::string created;
  std::string_view in(plain);
  if (!GetField(in, info.device_id) || !GetField(in, info.worker_id) || !GetField(in, created) ||
      !in.empty() || info.device_id.size() != 16) {
    return damaged;
  }
  info.created_at_ms = std::strtoll(created.c_str(), nullptr, 10);
  return info;
}

sql::OpenOptions DbOptions(const sql::RawKey& key, bool create) {
  sql::OpenOptions options;
  options.key = key;
  options.create_if_missing = create;
  return options;
}

}  // namespace

std::string DatabasePath(const std::string& dir) { return dir + "/qiaomen.db"; }
std::string KeyFilePath(const std::string& dir) { return dir + "/profile.key"; }
std::string InfoPath(const std::string& dir) { return dir + "/profile.info"; }
std::string PhotosDir(const std::string& dir) { return dir + "/photos"; }

Result<UnlockedProfile> CreateProfileFiles(const std::string& dir, std::string_view pin,
                                           const ProfileOptions& options, const ProfileDeps& deps) {
  base::FileSystem& fs = *deps.fs;
  if (Exists(fs, KeyFilePath(dir))) {
    return AlreadyExists("There is already a profile in " + dir +
                         ": open it with its PIN, or erase it before enrolling again.");
  }
  if (!options.device_id.empty() && options.device_id.size() != 16) {
    return InvalidArgument("A device id must be 16 bytes.");
  }
  QM_RETURN_IF_ERROR(fs.CreateDir(dir, 0700));
  // Leftovers of a destroyed or half-made profile: unreadable without their key file.
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(DatabasePath(dir) + suffix, ignored);
  }
  std::filesystem::remove(InfoPath(dir), ignored);
  std::filesystem::remove(InfoPath(dir) + ".tmp", ignored);
  std::filesystem::remove_all(PhotosDir(dir), ignored);

  // The key file is the commit point: it is made under a side name and renamed into place once the
  // info file and the database exist.
  const std::string pending_key = KeyFilePath(dir) + ".new";
  DestroyFile(pending_key, fs).IgnoreError();
  QM_ASSIGN_OR_RETURN(
      keys::UnlockedKeys unlocked,
      keys::CreateKeyFile(pending_key, pin, options.keys, deps.key_store, deps.random, fs));
  ProfileInfo info;
  info.device_id = options.device_id.empty() ? Uuid::NewV7(deps.clock, deps.random).ToBytes()
                                             : options.device_id;
  info.worker_id = options.worker_id;
  info.created_at_ms = deps.clock.NowMillis();
  QM_RETURN_IF_ERROR(WriteInfo(fs, dir, info, unlocked.data_key(), deps.random));
  QM_ASSIGN_OR_RETURN(sql::Database db,
                      sql::Database::Open(DatabasePath(dir), DbOptions(unlocked.data_key(), true)));
  QM_RETURN_IF_ERROR(fs.CreateDir(PhotosDir(dir), 0700));
  QM_RETURN_IF_ERROR(
      base::RenameDurably(fs, pending_key, KeyFilePath(dir)).WithContext("saving the key file"));
  return UnlockedProfile{std::move(unlocked), std::move(info), std::move(db)};
}

Status SaveProfileInfo(const std::string& dir, const ProfileInfo& info, const sql::RawKey& data_key,
                       Random& random, base::FileSystem& fs) {
  return WriteInfo(fs, dir, info, data_key, random);
}

void DiscardProfileFiles(const std::string& dir, keys::KeyStore& key_store) {
  keys::DestroyKeyFile(KeyFilePath(dir), key_store).IgnoreError();
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(DatabasePath(dir) + suffix, ignored);
  }
  std::filesystem::remove(InfoPath(dir), ignored);
  std::filesystem::remove_all(PhotosDir(dir), ignored);
}

Result<UnlockedProfile> UnlockProfileFiles(const std::string& dir, std::string_view pin,
                                           const ProfileDeps& deps) {
  if (!Exists(*deps.fs, KeyFilePath(dir))) {
    if (Exists(DatabasePath(dir))) {
      return DataLoss("The keys of the profile in " + dir +
                      " were destroyed (too many wrong PINs) or its enrolment never finished, so "
                      "its data can never be read again. The device must be re-enrolled.");
    }
    return NotFound("There is no profile in " + dir + ": enrol this device first.");
  }
  QM_ASSIGN_OR_RETURN(keys::UnlockedKeys unlocked,
                      keys::UnlockKeyFile(KeyFilePath(dir), pin, deps.key_store, *deps.fs));
  QM_ASSIGN_OR_RETURN(ProfileInfo info, ReadInfo(*deps.fs, dir, unlocked.data_key()));
  auto db = sql::Database::Open(DatabasePath(dir), DbOptions(unlocked.data_key(), false));
  if (!db.ok()) {
    if (db.status().code() == Code::kNotFound) {
      return DataLoss("The database of the profile in " + dir +
                      " is missing; the device must be re-enrolled.");
    }
    return db.status();
  }
  return UnlockedProfile{std::move(unlocked), std::move(info), std::move(db).value()};
}

}  // namespace qiaomen::core::profile
