// report, conflicts.
#include <cctype>
#include <sstream>

#include "admin/csv.h"
#include "cli/command.h"
#include "cli/county_messages.h"
#include "cli/report_text.h"
#include "cli/report_xlsx.h"
#include "qiaomen/base/civil_date.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/core/clock.h"
#include "qiaomen/server/report.h"
#include "qiaomen/v1/change.pb.h"
#include "util/bytes.h"

namespace qiaomen::server {
namespace {

core::Status Conflicts(const core::Args& args, std::ostream& out) {
  const core::domain::Language language = LanguageOf(args);
  std::string format = args.Get("format").value_or("text");
  if (format != "text" && format != "json" && format != "csv") {
    return core::InvalidArgument("--format must be text, json or csv.");
  }
  QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
  auto conn = storage->pool().Acquire();
  // Named for the reviewer: the subject by its county id, the losing device by its worker.
  QM_ASSIGN_OR_RETURN(
      auto rows,
      conn->Query("SELECT c.id, c.entity, c.record_id, c.field, c.kept, c.lost, c.lost_device, "
                  "c.lost_hlc, c.rule, c.at_ms, COALESCE(s.external_id, ''), "
                  "COALESCE(w.name, ''), COALESCE(w.id, '') FROM conflicts c "
                  "LEFT JOIN subject_ids s ON s.subject_id = c.record_id "
                  "LEFT JOIN devices d ON d.device_id = c.lost_device "
                  "LEFT JOIN workers w ON w.id = d.worker_id ORDER BY c.id"));
  auto entity_name = [](int64_t entity) {
    std::string name = v1::Entity_Name(static_cast<v1::Entity>(entity));
    if (name.rfind("ENTITY_", 0) == 0) name = name.substr(7);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name.empty() ? std::to_string(entity) : name;
  };
  if (format == "csv") {
    out << "id,entity,record_id,subject,field,kept,lost,lost_device,lost_worker,lost_hlc,rule,"
           "at_ms\n";
  }
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
    const std::string what = r.Text(10).empty()
                                 ? entity_name(r.Int(1)) + " " + base::HexEncode(r.Bytes(2))
                                 : entity_name(r.Int(1)) + " " + r.Text(10);
    const std::string who = r.Text(11).empty() ? CountySay(language, CountyMsg::kConflictDevice,
                                                           {base::HexEncode(r.Bytes(6))})
                                               : r.Text(11) + " (" + r.Text(12) + ")";
    if (format == "text") {
      out << CountySay(
          language, CountyMsg::kConflictLine,
          {std::to_string(r.Int(0)), what, r.Text(3), r.Text(4), r.Text(5), who, r.Text(8)});
    } else if (format == "csv") {
      // CSV, not JSON quoting: quotes doubled, and cells that a spreadsheet would run as a
      // formula neutralised (a worker can type "=..." into a subject's field).
      out << r.Int(0) << "," << entity_name(r.Int(1)) << "," << base::HexEncode(r.Bytes(2)) << ","
          << CsvCell(r.Text(10)) << "," << CsvCell(r.Text(3)) << "," << CsvCell(r.Text(4)) << ","
          << CsvCell(r.Text(5)) << "," << base::HexEncode(r.Bytes(6)) << "," << CsvCell(r.Text(12))
          << "," << r.Int(7) << "," << CsvCell(r.Text(8)) << "," << r.Int(9) << "\n";
    } else {
      out << (i ? "," : "") << "{\"id\":" << r.Int(0)
          << ",\"entity\":" << quote(entity_name(r.Int(1))) << ",\"record_id\":\""
          << base::HexEncode(r.Bytes(2)) << "\",\"subject\":" << quote(r.Text(10))
          << ",\"field\":" << quote(r.Text(3)) << ",\"kept\":" << quote(r.Text(4))
          << ",\"lost\":" << quote(r.Text(5)) << ",\"lost_device\":\""
          << base::HexEncode(r.Bytes(6)) << "\",\"lost_worker\":" << quote(r.Text(12))
          << ",\"rule\":" << quote(r.Text(8)) << "}";
    }
  }
  if (format == "json") out << "]\n";
  if (format == "text" && rows.empty()) out << CountySay(language, CountyMsg::kNoConflicts);
  return core::Status::Ok();
}

}  // namespace

void AddReportCommands(std::vector<Command>& commands) {
  commands.push_back(Command{
      "report",
      CountyMsg::kSummaryReport,
      CountyMsg::kUsageReport,
      {{"data", "db", "town", "date", "format", "campaign", "out"}, {}},
      [](const core::Args& args, std::ostream& out) -> core::Status {
        ReportOptions options;
        options.town = args.Get("town").value_or("");
        options.date = args.Get("date").value_or("");
        options.campaign = args.Get("campaign").value_or("");
        std::string format = args.Get("format").value_or("text");
        QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
        QM_ASSIGN_OR_RETURN(auto report, BuildReport(*storage, core::SystemClock(), options));
        if (format == "text") {
          out << ReportText(report, LanguageOf(args));
          return core::Status::Ok();
        }
        if (format == "csv") {
          out << ReportCsv(report, LanguageOf(args));
          return core::Status::Ok();
        }
        if (format == "xlsx") {
          const std::string file = *args.Get("out");
          QM_RETURN_IF_ERROR(workbook::WriteXlsxFile(file, ReportSheets(report, LanguageOf(args))));
          out << CountySay(LanguageOf(args), CountyMsg::kXlsxWritten, {file});
          return core::Status::Ok();
        }
        QM_ASSIGN_OR_RETURN(auto text, FormatReport(report, format));
        out << text;
        return core::Status::Ok();
      },
      [](const core::Args& args) -> core::Status {
        const bool xlsx = args.Get("format").value_or("") == "xlsx";
        if (xlsx != args.Get("out").has_value()) {
          return core::InvalidArgument(
              "--format xlsx writes to --out FILE.xlsx; give both or "
              "neither.");
        }
        if (xlsx && args.Get("out")->empty()) {
          return core::InvalidArgument("--out needs a file name such as report.xlsx.");
        }
        auto date = args.Get("date");
        if (!date || base::ParseIsoDate(*date)) return core::Status::Ok();
        return core::InvalidArgument(
            CountySay(LanguageOf(args), CountyMsg::kDateNotADay, {"--date", *date}));
      }});
  commands.push_back(Command{"conflicts",
                             CountyMsg::kSummaryConflicts,
                             CountyMsg::kUsageConflicts,
                             {{"data", "db", "format"}, {}},
                             Conflicts});
}

}  // namespace qiaomen::server
