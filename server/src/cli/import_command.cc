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
      CountyMsg::kUsageImportSubjects,
      {{"data", "db"}, {}},
      [](const core::Args& args, std::ostream& out) -> core::Status {
        if (args.positionals().size() != 1) return core::InvalidArgument("Give one FILE.csv.");
        auto text = base::ReadFile(args.positionals()[0]);
        if (!text.ok()) return core::InvalidArgument(text.status().message());
        QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
        std::vector<ImportProblem> problems;
        auto summary = ImportSubjectsCsv(*storage, core::SystemClock(), *text, {}, &problems);
        if (!summary.ok() && !problems.empty()) {
          // Every problem, with its line, in the command's language.
          std::string all = ImportRefusedText(LanguageOf(args));
          for (const auto& p : problems) all += "\n  " + ImportProblemLine(p, LanguageOf(args));
          return core::InvalidArgument(all);
        }
        QM_RETURN_IF_ERROR(summary.status());
        if (summary->encoding != "UTF-8" && summary->encoding != "UTF-8 with BOM") {
          out << CountySay(LanguageOf(args), CountyMsg::kImportConverted, {summary->encoding});
        }
        out << CountySay(LanguageOf(args), CountyMsg::kImported,
                         {std::to_string(summary->rows), std::to_string(summary->created),
                          std::to_string(summary->updated), std::to_string(summary->unchanged),
                          std::to_string(summary->units_created)});
        return core::Status::Ok();
      }});
}

}  // namespace qiaomen::server
