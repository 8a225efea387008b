#pragma once
// Opening the device for a command (sync::FieldDevice over the profile in --data), with the PIN
// read from QIAOMEN_PIN or the terminal and the errors worded for the command line.

#include <memory>

#include "qiaomen/cli/command.h"
#include "qiaomen/core/keys/file_key_store.h"
#include "qiaomen/sync/field_device.h"

namespace qiaomen::cli {

// The keystore of ctx (a FileKeyStore in ctx.key_store_dir).
core::keys::FileKeyStore KeyStoreFor(CliContext& ctx);

// The device in ctx.data_dir, unlocked. `key_store` must outlive the device. NotFound (enrol
// first), Unauthenticated (wrong PIN, with the attempts left), DataLoss (keys destroyed), each
// with what to type next.
core::Result<std::unique_ptr<sync::FieldDevice>> OpenDevice(CliContext& ctx,
                                                            core::keys::KeyStore& key_store);

}  // namespace qiaomen::cli
