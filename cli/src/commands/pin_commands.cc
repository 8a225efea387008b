// change-pin: rewraps the data key under a new PIN (the database is not re-encrypted).
#include "../device_open.h"
#include "qiaomen/cli/command.h"
#include "qiaomen/core/keys/profile_keys.h"
#include "qiaomen/core/profile/profile_files.h"

namespace qiaomen::cli {
namespace {

core::Status ChangePin(const core::Args&, CliContext& ctx) {
  std::string key_file = core::profile::KeyFilePath(ctx.data_dir);
  if (auto info = core::keys::InspectKeyFile(key_file); !info.ok()) {
    if (info.status().code() == core::Code::kNotFound) {
      return core::NotFound("There is no profile in " + ctx.data_dir + " to change the PIN of.");
    }
    return info.status();
  }
  QM_ASSIGN_OR_RETURN(auto old_pin, ReadPin(ctx, "current", Msg::kPromptCurrentPin));
  QM_ASSIGN_OR_RETURN(auto new_pin, ReadPin(ctx, "new", Msg::kPromptNewPinOnly));
  if (std::getenv("QIAOMEN_NEW_PIN") == nullptr) {
    QM_ASSIGN_OR_RETURN(auto again, ReadPin(ctx, "confirm", Msg::kPromptNewPinAgain));
    if (again != new_pin)
      return core::InvalidArgument("The two new PINs differ; the PIN is unchanged.");
  }
  if (new_pin == old_pin)
    return core::InvalidArgument("The new PIN is the same as the current one.");
  auto key_store = KeyStoreFor(ctx);
  auto s = core::keys::ChangePin(key_file, old_pin, new_pin, key_store, ctx.random);
  if (!s.ok()) {
    if (s.code() == core::Code::kUnauthenticated) {
      return core::Unauthenticated(s.message() + " The PIN is unchanged.");
    }
    return s;
  }
  ctx.out << ctx.T(Msg::kPinChanged);
  return core::Status::Ok();
}

}  // namespace

void AddPinCommands(std::vector<Command>& commands) {
  commands.push_back(
      Command{"change-pin", Msg::kSummaryChangePin, Msg::kUsageChangePin, {{}, {}}, ChangePin});
}

}  // namespace qiaomen::cli
