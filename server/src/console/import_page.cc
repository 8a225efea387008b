// 导入: a subjects CSV checked by a dry run of the county's importer (every problem with its
// line, or the counts of what would change) before a confirm step imports it. A township's import
// is limited to its own town. Nothing is written before the confirm, nor by a refused file.
#include <sstream>

#include "console/pages.h"
#include "console/web_forms.h"
#include "qiaomen/base/text_encoding.h"
#include "qiaomen/server/subject_import.h"

namespace qiaomen::server::console {
namespace {

// The importer's refusal as a list of problems: its "line N: reason" lines, or its one sentence.
Data Problems(const std::string& message) {
  Data list{Data::type::list};
  std::istringstream lines(message);
  std::string line;
  bool first = true;
  while (std::getline(lines, line)) {
    // The first line is the importer's "nothing was imported" sentence, said by the page.
    if (first && line.rfind("line ", 0) != 0 && message.find("\nline ") != std::string::npos) {
      first = false;
      continue;
    }
    first = false;
    if (line.empty()) continue;
    Data item;
    if (line.rfind("line ", 0) == 0) {
      const size_t colon = line.find(':');
      item.set("line", line.substr(5, colon - 5));
      item.set("text", colon == std::string::npos ? line : line.substr(colon + 2));
    } else {
      item.set("text", line);
    }
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
  return SignedInPage(context, session, "import", "导入", "import", std::move(data), status);
}

}  // namespace

HttpResponse ImportPage(ConsoleContext& context, const ConsoleSession& session) {
  if (!StaffTown(session)) return GridsScopePage(context);
  Data data;
  data.set("form", true);
  return Page(context, session, data, 200);
}

HttpResponse ImportPost(ConsoleContext& context, const ConsoleSession& session,
                        const std::string& rest, const HttpRequest& request) {
  auto town = StaffTown(session);
  if (!town) return GridsScopePage(context);
  if (rest != "preview" && rest != "commit") return MessagePage(context, 404, "没有这个页面。");
  auto form = PostedForm(request.Header("content-type").value_or(""), request.body);
  const bool preview = rest == "preview";
  const std::string bytes = !form["file"].empty() ? form["file"] : form["csv"];
  Data data;
  if (bytes.empty()) {
    data.set("form", true);
    data.set("error", "请选择一个 CSV 文件，或把内容粘贴到文本框里。");
    return Page(context, session, data, 400);
  }
  ImportOptions options;
  options.dry_run = preview;
  options.town = *town;
  auto summary = ImportSubjectsCsv(context.storage, context.clock, bytes, options);
  if (!summary.ok()) {
    if (summary.status().code() != core::Code::kInvalidArgument) {
      return MessagePage(context, 503, "服务器暂时无法导入，请稍后再试。没有写入任何内容。");
    }
    data.set("form", true);
    // Pasted text comes back in its box to be corrected; a file is chosen again.
    if (form["file"].empty()) data.set("typed", form["csv"]);
    data.set("problems", Problems(summary.status().message()));
    data.set("problems_title", true);
    return Page(context, session, data, 400);
  }
  data.set("counts", Counts(*summary));
  if (preview) {
    // The confirm form carries the text as read (UTF-8), so a GBK file is converted once.
    auto text = base::DecodeText(bytes, "The CSV file");
    if (!text.ok()) return MessagePage(context, 500, "无法读取这个文件。没有写入任何内容。");
    data.set("preview", true);
    data.set("csv", text->text);
  } else {
    data.set("done", true);
  }
  return Page(context, session, data, 200);
}

}  // namespace qiaomen::server::console
