#include "device_open.h"

#include <filesystem>

#include "qiaomen/core/keys/profile_keys.h"
#include "qiaomen/core/profile/profile_files.h"

namespace qiaomen::cli {

core::keys::FileKeyStore KeyStoreFor(CliContext& ctx) {
  return core::keys::FileKeyStore(ctx.key_store_dir, ctx.random);
}

core::Result<std::unique_ptr<sync::FieldDevice>> OpenDevice(CliContext& ctx,
                                                            core::keys::KeyStore& key_store) {
  const std::string enrol_hint =
      "qiaomen --data " + ctx.data_dir + " enroll --server URL --code CODE";
  // No PIN is asked for a profile that is not there.
  if (!std::filesystem::exists(core::profile::KeyFilePath(ctx.data_dir)) &&
      !std::filesystem::exists(core::profile::DatabasePath(ctx.data_dir))) {
    return core::NotFound("There is no profile in " + ctx.data_dir +
                          ". Enrol this device first: " + enrol_hint);
  }
  QM_ASSIGN_OR_RETURN(std::string pin, ReadPin(ctx, "current", Msg::kPromptPin));
  auto device = sync::FieldDevice::Open(ctx.data_dir, pin, {ctx.clock, ctx.random, key_store});
  if (device.ok()) return device;
  const core::Status& s = device.status();
  switch (s.code()) {
    case core::Code::kUnauthenticated: {
      auto info = core::keys::InspectKeyFile(core::profile::KeyFilePath(ctx.data_dir));
      const std::string left =
          info.ok() ? std::to_string(info->max_attempts - info->failed_attempts) : "?";
      return ctx.Explain(
          core::Unauthenticated(s.message() + " Set QIAOMEN_PIN to the right PIN, or type it "
                                              "when asked."),
          Msg::kFailWrongPin, {left});
    }
    case core::Code::kDataLoss:
      return ctx.Explain(core::DataLoss(s.message() + " With the new code: " + enrol_hint),
                         Msg::kFailKeysDestroyed, {enrol_hint});
    case core::Code::kCorruption:
      return ctx.Explain(s, Msg::kFailProfileDamaged, {ctx.data_dir});
    default:
      return s;
  }
}

}  // namespace qiaomen::cli
