// A visit's page: the household, who made it with which device and when (county time), where,
// its outcome, its answers under the checklist's own labels section by section, its photos, and
// whether its signature and every photo's hash verified. A visit of another town answers exactly
// as an unknown id does.
#include <map>

#include "admin/templates.h"
#include "console/pages.h"
#include "console/photo_view.h"
#include "console/visit_view.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/core/domain/labels.h"
#include "qiaomen/core/forms/answer_text.h"

namespace qiaomen::server::console {
namespace {

using core::domain::Language;
using core::forms::AnswerText;
using core::forms::TextIn;

// Each section of the checklist with the items the visit answered, in the checklist's order;
// answers to items the checklist does not have (none, for a visit the county accepted) last.
Data Sections(const v1::Visit& visit, const core::forms::CompiledTemplate* tpl, Language language) {
  std::map<std::string, const v1::AnswerValue*> answers;
  for (const auto& a : visit.answers()) answers[a.item_id()] = &a.value();
  Data sections{Data::type::list};
  if (tpl) {
    for (const auto& section : tpl->proto().sections()) {
      Data rows{Data::type::list};
      for (const auto& item : section.items()) {
        auto it = answers.find(item.id());
        if (it == answers.end()) continue;
        Data row;
        row.set("label", TextIn(item.label(), language));
        row.set("answer", AnswerText(item, *it->second, language));
        row.set("no", it->second->has_yes_no() && it->second->yes_no() == v1::NO);
        rows.push_back(row);
        answers.erase(it);
      }
      if (rows.is_empty_list()) continue;
      Data s;
      s.set("title", TextIn(section.title(), language));
      s.set("answers", rows);
      sections.push_back(s);
    }
  }
  if (!answers.empty()) {
    Data rows{Data::type::list};
    for (const auto& [id, value] : answers) {
      Data row;
      row.set("label", id);
      row.set("answer", AnswerText(v1::Item(), *value, language));
      rows.push_back(row);
    }
    Data s;
    s.set("title", std::string(Tr(language, tpl ? "visit.extra_items" : "visit.no_checklist")));
    s.set("answers", rows);
    sections.push_back(s);
  }
  return sections;
}

// The education given, in `language`: the checklist's own "education_given" labels when it has
// that item, else the domain's.
std::string Education(const v1::Visit& visit, const core::forms::CompiledTemplate* tpl,
                      Language language) {
  const v1::Item* item = tpl ? tpl->FindItem("education_given") : nullptr;
  std::string text;
  for (const auto& code : visit.education()) {
    if (!text.empty()) text += Tr(language, "visit.list_sep");
    v1::AnswerValue value;
    value.set_choice(code);
    std::string label = item ? AnswerText(*item, value, language) : code;
    if (label == code) label = std::string(core::domain::EducationLabel(code).In(language));
    text += label;
  }
  return text;
}

std::string Coordinate(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  return buf;
}

core::Result<Data> VisitData(ConsoleContext& context, const VisitRecord& record,
                             const core::forms::CompiledTemplate* tpl, SqlConnection& conn,
                             Language language) {
  const v1::Visit& visit = record.visit;
  const base::TimeZone& zone = context.storage.time_zone();
  QM_ASSIGN_OR_RETURN(auto workers, WorkerNames(conn));
  QM_ASSIGN_OR_RETURN(auto blob_rows, conn.Query("SELECT sha256 FROM blobs"));
  std::set<std::string> blobs;
  for (const auto& b : blob_rows) blobs.insert(b.Text(0));
  std::map<std::string, std::string> titles;
  auto worker = workers.find(visit.worker_id());
  Data data = VisitItem(record, ChecklistTitle(conn, visit, titles, language),
                        worker == workers.end() ? "" : worker->second, blobs, zone, language);
  data.set("worker_id", visit.worker_id());
  data.set("external_id", record.subject_external_id);
  data.set("checklist_key", visit.template_id() + "@" + std::to_string(visit.template_version()));
  if (visit.started_at_ms() > 0)
    data.set("started", base::CountyDateTime(visit.started_at_ms(), zone));
  if (visit.finished_at_ms() > 0) {
    data.set("finished_at", base::CountyDateTime(visit.finished_at_ms(), zone));
  }
  data.set("time_zone", zone.name());
  QM_ASSIGN_OR_RETURN(auto device, conn.Query("SELECT name FROM devices WHERE device_id = $1",
                                              {Blob(visit.device_id())}));
  data.set("device_name",
           device.empty() ? std::string(Tr(language, "visit.unknown_device")) : device[0].Text(0));
  data.set("device_id", base::HexEncode(visit.device_id()));
  if (visit.has_location() &&
      (visit.location().latitude() != 0 || visit.location().longitude() != 0)) {
    std::string where =
        TrFill(language, "visit.location",
               {Coordinate(visit.location().latitude()), Coordinate(visit.location().longitude())});
    if (visit.location().accuracy_m() > 0) {
      where += TrFill(language, "visit.accuracy",
                      {std::to_string(static_cast<int>(visit.location().accuracy_m()))});
    }
    data.set("location", where);
  }
  if (!visit.education().empty()) data.set("education", Education(visit, tpl, language));
  if (!visit.note().empty()) data.set("note", visit.note());
  data.set("signature_verified", record.signature_verified);
  data.set("sections", Sections(visit, tpl, language));
  QM_ASSIGN_OR_RETURN(auto photos, VisitPhotos(conn, record, tpl, language));
  SetPhotoItems(data, context.blobs, photos,
                "/console/visits/" + base::HexEncode(visit.id()) + "/photos/", zone, language);
  return data;
}

}  // namespace

HttpResponse VisitPage(ConsoleContext& context, const ConsoleSession& session,
                       const std::string& rest) {
  const Language language = session.language;
  auto say = [language](const char* key) { return std::string(Tr(language, key)); };
  auto town = StaffTown(session);
  if (!town) return GridsScopePage(context, language);
  auto path = ParseRecordPath(rest);
  if (!path) return MessagePage(context, language, 404, say("visit.none"));
  auto conn = context.storage.pool().Acquire();
  auto record = FindVisitRecord(*conn, *town, path->id);
  if (!record.ok()) {
    if (record.status().code() == core::Code::kNotFound) {
      return MessagePage(context, language, 404, say("visit.none"));
    }
    return MessagePage(context, language, 503, say("visit.unreadable"));
  }
  auto tpl =
      LoadPublishedTemplate(*conn, record->visit.template_id(), record->visit.template_version());
  const core::forms::CompiledTemplate* checklist = tpl.ok() ? &*tpl : nullptr;
  if (path->photo) {
    auto photos = VisitPhotos(*conn, *record, checklist, language);
    if (!photos.ok()) return MessagePage(context, language, 503, say("photos.unreadable"));
    return ServePhoto(context, *photos, path->photo_hex, path->thumbnail, language);
  }
  auto data = VisitData(context, *record, checklist, *conn, language);
  if (!data.ok()) return MessagePage(context, language, 503, say("visit.unreadable"));
  auto html =
      RenderPage("visit", *data,
                 SignedInLayout(context, session, say("visit.page_title"), "visits"), language);
  if (!html.ok()) return MessagePage(context, language, 500, html.status().message());
  return HtmlPage(200, std::move(html).value(), context.tls);
}

}  // namespace qiaomen::server::console
