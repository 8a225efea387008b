// FieldDevice::Leave: the profile, its keys and its files go; what was not sent is lost.

#include <filesystem>

#include "qiaomen/core/keys/profile_keys.h"
#include "qiaomen/core/profile/profile_files.h"
#include "qiaomen/sync/field_device.h"

namespace qiaomen::sync {

core::Status FieldDevice::Leave(std::string_view pin) {
  const std::string dir = profile_->dir();
  auto keys = core::keys::UnlockKeyFile(core::profile::KeyFilePath(dir), pin, deps_.key_store);
  if (!keys.ok()) return keys.status();
  profile_.reset();
  core::profile::DiscardProfileFiles(dir, deps_.key_store);
  std::error_code error;
  std::filesystem::remove_all(dir, error);
  if (error) {
    return core::IOError("The keys are destroyed, so nothing left in " + dir +
                         " can be read, but the folder could not be deleted (" + error.message() +
                         "): delete it by hand.");
  }
  return core::Status::Ok();
}

}  // namespace qiaomen::sync
