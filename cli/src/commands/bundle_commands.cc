// export-bundle: this device's unsent changes and photos on an encrypted, signed file.
#include "../device_open.h"
#include "../progress_bar.h"
#include "../records_view.h"
#include "qiaomen/cli/command.h"

namespace qiaomen::cli {
namespace {

core::Status Export(const core::Args& args, CliContext& ctx) {
  if (args.positionals().size() != 1) return core::InvalidArgument("Give the bundle file: FILE.");
  auto key_store = KeyStoreFor(ctx);
  QM_ASSIGN_OR_RETURN(auto device, OpenDevice(ctx, key_store));
  QM_ASSIGN_OR_RETURN(sync::BundleExport bundle, device->ExportBundle(args.positionals()[0]));
  if (ctx.json) {
    JsonWriter json;
    json.BeginObject()
        .Field("file", args.positionals()[0])
        .Field("changes", bundle.changes)
        .Field("photos", bundle.photos)
        .Field("photo_bytes", bundle.photo_bytes)
        .Field("bytes", bundle.file_bytes)
        .EndObject();
    ctx.out << json.str();
  } else {
    ctx.out << ctx.T(Msg::kBundleWritten,
                     {args.positionals()[0], std::to_string(bundle.changes),
                      std::to_string(bundle.photos), Bytes(bundle.file_bytes)});
  }
  return core::Status::Ok();
}

}  // namespace

void AddBundleCommands(std::vector<Command>& commands) {
  commands.push_back(Command{
      "export-bundle", Msg::kSummaryExportBundle, Msg::kUsageExportBundle, {{}, {}}, Export});
}

}  // namespace qiaomen::cli
