// publish-template: checks a checklist template (JSON, an .xlsx workbook or a folder of CSV
// sheets) and stores it; visits naming id@version are then validated against it.
// export-template: writes a published checklist (or a JSON file) as a workbook.
#include <google/protobuf/util/json_util.h>
#include <sys/stat.h>

#include <cstdlib>

#include "admin/templates.h"
#include "cli/command.h"
#include "cli/county_messages.h"
#include "qiaomen/base/durable_file.h"
#include "qiaomen/core/clock.h"
#include "qiaomen/core/forms/compiled_template.h"
#include "util/bytes.h"
#include "workbook/csv_folder.h"
#include "workbook/template_sheets.h"
#include "workbook/xlsx_reader.h"

namespace qiaomen::server {
namespace {

using core::domain::Language;

bool IsFolder(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::string Say(Language lang, const workbook::SheetProblem& p) {
  const auto& a = p.args;
  if (a.empty()) return CountySay(lang, p.message);
  if (a.size() == 1) return CountySay(lang, p.message, {a[0]});
  return CountySay(lang, p.message, {a[0], a[1]});
}

// The template in the workbook (or CSV folder) at `path`, as the JSON publish-template stores;
// InvalidArgument listing every problem by sheet, row and column.
core::Result<std::string> TemplateJsonFromWorkbook(const std::string& path, Language lang) {
  auto book = IsFolder(path) ? workbook::ReadCsvFolder(path, workbook::ChecklistSheetNames())
                             : workbook::ReadXlsxFile(path);
  if (!book.ok()) {
    return core::InvalidArgument(
        CountySay(lang, CountyMsg::kWorkbookUnreadable, {path, book.status().message()}));
  }
  const workbook::ChecklistReading reading = workbook::ReadChecklistWorkbook(*book);
  if (!reading.problems.empty()) {
    std::string text = CountySay(lang, CountyMsg::kWorkbookRefused,
                                 {path, std::to_string(reading.problems.size())});
    for (const auto& p : reading.problems) {
      text += CountySay(lang, CountyMsg::kWorkbookProblemLine,
                        {workbook::ProblemWhere(p, book->sheet_suffix), Say(lang, p)});
    }
    while (!text.empty() && text.back() == '\n') text.pop_back();
    return core::InvalidArgument(std::move(text));
  }
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(reading.tpl, &json, options).ok()) {
    return core::Internal("Cannot write the checklist read from " + path + " as JSON.");
  }
  return json;
}

core::Status Publish(const core::Args& args, std::ostream& out) {
  if (args.positionals().size() != 1) {
    return core::InvalidArgument("Give one FILE.json, FILE.xlsx or a folder of CSV sheets.");
  }
  const std::string& path = args.positionals()[0];
  std::string json;
  if (IsFolder(path) || EndsWith(path, ".xlsx") || EndsWith(path, ".XLSX")) {
    QM_ASSIGN_OR_RETURN(json, TemplateJsonFromWorkbook(path, LanguageOf(args)));
  } else {
    auto text = base::ReadFile(path);
    if (!text.ok()) return core::InvalidArgument(text.status().message());
    json = std::move(text).value();
  }
  QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
  QM_ASSIGN_OR_RETURN(auto published, PublishTemplate(*storage, core::SystemClock(), json));
  out << CountySay(LanguageOf(args), CountyMsg::kPublished,
                   {published.id, std::to_string(published.version)});
  return core::Status::Ok();
}

core::Status Export(const core::Args& args, std::ostream& out) {
  QM_ASSIGN_OR_RETURN(std::string file, args.Require("xlsx"));
  core::Result<core::forms::CompiledTemplate> compiled = core::InvalidArgument("");
  if (auto json_path = args.Get("json")) {
    auto text = base::ReadFile(*json_path);
    if (!text.ok()) return core::InvalidArgument(text.status().message());
    compiled = core::forms::LoadTemplateJson(*text);
    if (!compiled.ok()) {
      return core::InvalidArgument(*json_path + ": " + compiled.status().message());
    }
  } else {
    if (args.positionals().size() != 1) {
      return core::InvalidArgument("Give the checklist's id (or --json FILE.json).");
    }
    const std::string& id = args.positionals()[0];
    QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
    auto conn = storage->pool().Acquire();
    if (auto version = args.Get("version")) {
      char* end = nullptr;
      const unsigned long v = std::strtoul(version->c_str(), &end, 10);
      if (version->empty() || *end != '\0' || v == 0 || v > 0xFFFFFFFFul) {
        return core::InvalidArgument("--version must be a version number such as 3.");
      }
      compiled = LoadPublishedTemplate(*conn, id, static_cast<uint32_t>(v));
    } else {
      compiled = LoadLatestTemplate(*conn, id);
    }
    if (!compiled.ok()) return compiled.status();
  }
  // From a JSON file (the shipped checklists): a fixed creation time, so an unchanged checklist
  // regenerates to the same bytes.
  workbook::WriteOptions options;
  if (args.Get("json")) options.created_unix = 1767225600;  // 2026-01-01
  QM_RETURN_IF_ERROR(
      workbook::WriteXlsxFile(file, workbook::ChecklistSheets(compiled->proto()), options));
  out << CountySay(LanguageOf(args), CountyMsg::kTemplateExported,
                   {compiled->id(), std::to_string(compiled->version()), file});
  return core::Status::Ok();
}

}  // namespace

void AddTemplateCommand(std::vector<Command>& commands) {
  commands.push_back(Command{"publish-template",
                             CountyMsg::kSummaryPublishTemplate,
                             CountyMsg::kUsagePublishTemplate,
                             {{"data", "db"}, {}},
                             Publish});
  commands.push_back(Command{"export-template",
                             CountyMsg::kSummaryExportTemplate,
                             CountyMsg::kUsageExportTemplate,
                             {{"data", "db", "version", "xlsx", "json"}, {}},
                             Export,
                             [](const core::Args& args) -> core::Status {
                               if (!args.Get("xlsx"))
                                 return core::InvalidArgument("Give --xlsx FILE.xlsx to write.");
                               if (!args.Get("json") && !args.Get("data")) {
                                 return core::InvalidArgument(
                                     "Give --data DIR and the checklist's id, or --json FILE.");
                               }
                               return core::Status::Ok();
                             },
                             false});
}

}  // namespace qiaomen::server
