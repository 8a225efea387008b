// 导入: a subjects CSV checked by a dry run of the county's importer (every problem with its
// line, or the counts of what would change) before a confirm step imports it. A township's import
// is limited to its own town. Nothing is written before the confirm, nor by a refused file.
#include "console/pages.h"
#include "console/web_forms.h"
#include "qiaomen/base/text_encoding.h"
#include "qiaomen/server/subject_import.h"

namespace qiaomen::server::console {
namespace {

// The importer's problems as the page lists them: each with its line and column, said in
// `language` from the importer's catalogue.
Data Problems(const std::vector<ImportProblem>& problems, Language language) {
  Data list{Data::type::list};
  for (const auto& p : problems) {
    Data item;
    if (p.line > 0) item.set("line", std::to_string(p.line));
    if (!p.column.empty()) item.set("column", p.column);
    item.set("text", ImportProblemText(p, language));
    list.push_back(item);
  }
  return list;
}

Data Counts(const ImportSummary& summary) {
  Data counts;
  counts.set("rows", std::to_string(summary.rows));
  counts.set("created", std::to_string(summary.created));
  counts.set("updated", std::to_string(summary.updated));
  counts.set("unchanged", std::to_string(summary.unchanged));
  counts.set("units", std::to_string(summary.units_created));
  counts.set("encoding", summary.encoding);
  counts.set("converted", summary.encoding != "UTF-8" && summary.encoding != "UTF-8 with BOM");
  return counts;
}

HttpResponse Page(ConsoleContext& context, const ConsoleSession& session, Data data, int status) {
  return SignedInPage(context, session, "import", std::string(Tr(session.language, "nav.import")),
                      "import", std::move(data), status);
}

}  // namespace

HttpResponse ImportPage(ConsoleContext& context, const ConsoleSession& session) {
  if (!StaffTown(session)) return GridsScopePage(context, session.language);
  Data data;
  data.set("form", true);
  return Page(context, session, data, 200);
}

HttpResponse ImportPost(ConsoleContext& context, const ConsoleSession& session,
                        const std::string& rest, const HttpRequest& request) {
  const Language language = session.language;
  auto say = [language](const char* key) { return std::string(Tr(language, key)); };
  auto town = StaffTown(session);
  if (!town) return GridsScopePage(context, language);
  if (rest != "preview" && rest != "commit") {
    return MessagePage(context, language, 404, say("gate.no_page"));
  }
  auto form = PostedForm(request.Header("content-type").value_or(""), request.body);
  const bool preview = rest == "preview";
  const std::string bytes = !form["file"].empty() ? form["file"] : form["csv"];
  Data data;
  if (bytes.empty()) {
    data.set("form", true);
    data.set("error", say("import.no_file"));
    return Page(context, session, data, 400);
  }
  ImportOptions options;
  options.dry_run = preview;
  options.town = *town;
  std::vector<ImportProblem> problems;
  auto summary = ImportSubjectsCsv(context.storage, context.clock, bytes, options, &problems);
  if (!summary.ok()) {
    if (summary.status().code() != core::Code::kInvalidArgument || problems.empty()) {
      return MessagePage(context, language, 503, say("import.failed"));
    }
    data.set("form", true);
    // Pasted text comes back in its box to be corrected; a file is chosen again.
    if (form["file"].empty()) data.set("typed", form["csv"]);
    data.set("problems", Problems(problems, language));
    data.set("problems_title", true);
    return Page(context, session, data, 400);
  }
  data.set("counts", Counts(*summary));
  if (preview) {
    // The confirm form carries the text as read (UTF-8), so a GBK file is converted once.
    auto text = base::DecodeText(bytes, "The CSV file");
    if (!text.ok()) return MessagePage(context, language, 500, say("import.unreadable"));
    data.set("preview", true);
    data.set("csv", text->text);
  } else {
    data.set("done", true);
  }
  return Page(context, session, data, 200);
}

}  // namespace qiaomen::server::console
