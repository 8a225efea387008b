// quarantine: the changes the server refused (invalid visits, out-of-scope writes, bad signatures),
// each kept with its reason for review; nothing a device sent is ever dropped.
#include "cli/command.h"
#include "qiaomen/base/hex.h"
#include "util/bytes.h"

namespace qiaomen::server {
namespace {

std::string JsonQuote(const std::string& s) {
  std::string o = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') o.push_back('\\');
    if (static_cast<unsigned char>(c) >= 0x20) o.push_back(c);
  }
  return o + "\"";
}

core::Status Quarantine(const core::Args& args, std::ostream& out) {
  std::string format = args.Get("format").value_or("text");
  if (format != "text" && format != "json") {
    return core::InvalidArgument("--format must be text or json.");
  }
  QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
  auto conn = storage->pool().Acquire();
  QM_ASSIGN_OR_RETURN(auto rows, conn->Query("SELECT id, device_id, seq, entity, code, reason, "
                                             "received_ms FROM quarantine ORDER BY id"));
  if (format == "json") out << "[";
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (format == "text") {
      out << "#" << r.Int(0) << " device " << base::HexEncode(r.Bytes(1)) << " seq " << r.Int(2)
          << " entity " << r.Int(3) << " [" << r.Text(4) << "] " << r.Text(5) << "\n";
    } else {
      out << (i ? "," : "") << "{\"id\":" << r.Int(0) << ",\"device\":\""
          << base::HexEncode(r.Bytes(1)) << "\",\"seq\":" << r.Int(2) << ",\"entity\":" << r.Int(3)
          << ",\"code\":" << JsonQuote(r.Text(4)) << ",\"reason\":" << JsonQuote(r.Text(5))
          << ",\"received_ms\":" << r.Int(6) << "}";
    }
  }
  if (format == "json") out << "]\n";
  if (format == "text" && rows.empty()) out << "Nothing is quarantined.\n";
  return core::Status::Ok();
}

}  // namespace

void AddQuarantineCommand(std::vector<Command>& commands) {
  commands.push_back(Command{
      "quarantine",
      "list the changes the server refused, with their reasons",
      "Usage: qiaomen-county quarantine --data DIR [--format text|json]\n\n"
      "Every change a device pushed that the server refused (a visit that fails its checklist or\n"
      "names an unpublished version, a bad signature, a record outside the worker's scope) is\n"
      "kept here with its reason; the device was told the same reason in its sync response.\n",
      {{"data", "db", "format"}, {}},
      Quarantine});
}

}  // namespace qiaomen::server
