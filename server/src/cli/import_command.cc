// import-subjects.
#include "cli/command.h"
#include "cli/county_messages.h"
#include "qiaomen/base/durable_file.h"
#include "qiaomen/core/clock.h"
#include "qiaomen/server/subject_import.h"
#include "util/bytes.h"

namespace qiaomen::server {

void AddImportCommand(std::vector<Command>& commands) {
  commands.push_back(Command{
      "import-subjects",
      CountyMsg::kSummaryImportSubjects,
      "Usage: qiaomen-county import-subjects --data DIR FILE.csv\n\n"
      "FILE.csv has a header row with the columns external_id, kind, town, village, grid, name,\n"
      "address, phone, members, tags (any order). kind is household, premises, facility or\n"
      "village (a village's own record, e.g. for a village with no emergency shelter);\n"
      "town/village/grid hold ids, optionally ID:Name (they are created as needed); tags are\n"
      "separated by ';'. An optional column premises_type gives a premises' or facility's type\n"
      "(shop, restaurant, hotel, entertainment, internet_cafe, beauty, bathhouse, clinic, school,\n"
      "kindergarten, elderly_home, workshop, warehouse, ebike_site, shelter, or the Chinese name\n"
      "such as 餐饮场所), which `campaign create --premises-type` targets; a file without it\n"
      "keeps the types imported before. UTF-8 (as Excel's \"CSV UTF-8\") is read as is; GBK as\n"
      "Chinese Excel\n"
      "saves a plain CSV is converted. If any row is bad nothing is imported and every bad line\n"
      "is listed.\n"
      "Importing the same file again changes nothing (rows are matched by external_id).\n",
      {{"data", "db"}, {}},
      [](const core::Args& args, std::ostream& out) -> core::Status {
        if (args.positionals().size() != 1) return core::InvalidArgument("Give one FILE.csv.");
        auto text = base::ReadFile(args.positionals()[0]);
        if (!text.ok()) return core::InvalidArgument(text.status().message());
        QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
        QM_ASSIGN_OR_RETURN(auto summary, ImportSubjectsCsv(*storage, core::SystemClock(), *text));
        if (summary.encoding != "UTF-8" && summary.encoding != "UTF-8 with BOM") {
          out << CountySay(LanguageOf(args), CountyMsg::kImportConverted, {summary.encoding});
        }
        out << CountySay(LanguageOf(args), CountyMsg::kImported,
                         {std::to_string(summary.rows), std::to_string(summary.created),
                          std::to_string(summary.updated), std::to_string(summary.unchanged),
                          std::to_string(summary.units_created)});
        return core::Status::Ok();
      }});
}

}  // namespace qiaomen::server
