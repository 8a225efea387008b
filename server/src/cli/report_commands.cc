// report, conflicts.
#include <sstream>

#include "cli/command.h"
#include "qiaomen/core/clock.h"
#include "qiaomen/server/report.h"
#include "util/bytes.h"

namespace qiaomen::server {
namespace {

core::Status Conflicts(const core::Args& args, std::ostream& out) {
  std::string format = args.Get("format").value_or("text");
  if (format != "text" && format != "json" && format != "csv") {
    return core::InvalidArgument("--format must be text, json or csv.");
  }
  QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
  auto conn = storage->pool().Acquire();
  QM_ASSIGN_OR_RETURN(auto rows, conn->Query("SELECT id, entity, record_id, field, kept, lost, "
                                             "lost_device, lost_hlc, rule, at_ms FROM conflicts "
                                             "ORDER BY id"));
  if (format == "csv")
    out << "id,entity,record_id,field,kept,lost,lost_device,lost_hlc,rule,at_ms\n";
  if (format == "json") out << "[";
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    auto quote = [](const std::string& s) {
      std::string o = "\"";
      for (char c : s) {
        if (c == '"' || c == '\\') o.push_back('\\');
        if (static_cast<unsigned char>(c) >= 0x20) o.push_back(c);
      }
      return o + "\"";
    };
    if (format == "text") {
      out << "#" << r.Int(0) << " entity " << r.Int(1) << " record " << HexEncode(r.Bytes(2))
          << " field '" << r.Text(3) << "': kept '" << r.Text(4) << "', lost '" << r.Text(5)
          << "' from device " << HexEncode(r.Bytes(6)) << " (rule " << r.Text(8) << ")\n";
    } else if (format == "csv") {
      out << r.Int(0) << "," << r.Int(1) << "," << HexEncode(r.Bytes(2)) << "," << quote(r.Text(3))
          << "," << quote(r.Text(4)) << "," << quote(r.Text(5)) << "," << HexEncode(r.Bytes(6))
          << "," << r.Int(7) << "," << r.Text(8) << "," << r.Int(9) << "\n";
    } else {
      out << (i ? "," : "") << "{\"id\":" << r.Int(0) << ",\"entity\":" << r.Int(1)
          << ",\"record_id\":\"" << HexEncode(r.Bytes(2)) << "\",\"field\":" << quote(r.Text(3))
          << ",\"kept\":" << quote(r.Text(4)) << ",\"lost\":" << quote(r.Text(5))
          << ",\"lost_device\":\"" << HexEncode(r.Bytes(6)) << "\",\"rule\":" << quote(r.Text(8))
          << "}";
    }
  }
  if (format == "json") out << "]\n";
  if (format == "text" && rows.empty()) out << "No conflicts.\n";
  return core::Status::Ok();
}

}  // namespace

void AddReportCommands(std::vector<Command>& commands) {
  commands.push_back(Command{
      "report",
      "coverage, hazards, overdue, repeat findings, pending photos, evidence",
      "Usage: qiaomen-county report --data DIR [--town T] [--date YYYY-MM-DD]\n"
      "         [--format text|json|csv]\n\n"
      "Coverage counts subjects visited at least once (on --date, China time, if given) of all\n"
      "subjects, by town, village and grid, with visit outcomes; hazards by category and\n"
      "severity; open, overdue and closed hazards; repeat findings (the same rule found twice at\n"
      "one subject); photos referenced but not uploaded; visit evidence verified (signature and\n"
      "all photos), pending (photos missing) or failed.\n",
      {{"data", "db", "town", "date", "format"}, {}},
      [](const core::Args& args, std::ostream& out) -> core::Status {
        ReportOptions options;
        options.town = args.Get("town").value_or("");
        options.date = args.Get("date").value_or("");
        if (!options.date.empty() &&
            (options.date.size() != 10 || options.date[4] != '-' || options.date[7] != '-')) {
          return core::InvalidArgument("--date must be YYYY-MM-DD.");
        }
        std::string format = args.Get("format").value_or("text");
        if (format != "text" && format != "json" && format != "csv") {
          return core::InvalidArgument("--format must be text, json or csv.");
        }
        QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
        QM_ASSIGN_OR_RETURN(auto report, BuildReport(*storage, core::SystemClock(), options));
        QM_ASSIGN_OR_RETURN(auto text, FormatReport(report, format));
        out << text;
        return core::Status::Ok();
      }});
  commands.push_back(
      Command{"conflicts",
              "the conflict log, for review",
              "Usage: qiaomen-county conflicts --data DIR [--format text|json|csv]\n\n"
              "Lists every value that lost a merge: the record, the field, the "
              "value kept and the value lost, its device and the rule applied.\n",
              {{"data", "db", "format"}, {}},
              Conflicts});
}

}  // namespace qiaomen::server
