// A hazard's page: its fields, its steps in the order the state machine applied them, its photos
// and the form for the county's steps (posted, recorded by RecordCountyHazardStep, then redirected
// back here with a flash). A hazard outside the staff member's town answers exactly as an unknown
// id does, so a township cannot learn that another town's hazard exists.
#include <set>

#include "admin/templates.h"
#include "admin/visit_records.h"
#include "console/hazard_step_form.h"
#include "console/hazard_view.h"
#include "console/list_view.h"
#include "console/pages.h"
#include "console/photo_view.h"
#include "console/web_forms.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/base/text_encoding.h"
#include "qiaomen/core/domain/labels.h"
#include "qiaomen/core/forms/answer_text.h"
#include "qiaomen/core/uuid.h"
#include "qiaomen/server/hazard_steps.h"

namespace qiaomen::server::console {
namespace {

Data StepItem(const core::domain::HazardLogEntry& entry, const std::set<std::string>& ignored,
              const base::TimeZone& zone, Language language) {
  const v1::HazardEvent& event = entry.event;
  Data step;
  step.set("kind",
           std::string(core::domain::HazardEventLabel(event.kind(), event.passed()).In(language)));
  step.set("at", base::CountyDateTime(event.at_ms(), zone));
  step.set("note", event.note());
  step.set("actor", event.actor());
  step.set("ignored", ignored.count(event.id()) > 0);
  return step;
}

// The hazard `id` in `town` ("" for every town); NotFound when there is none.
core::Result<LedgerHazard> FindHazard(ConsoleContext& context, SqlConnection& conn,
                                      const std::string& town, const std::string& id) {
  const std::string today =
      base::CountyDate(context.clock.NowMillis(), context.storage.time_zone());
  QM_ASSIGN_OR_RETURN(auto hazards, ListLedgerHazards(conn, town, today));
  for (auto& h : hazards) {
    if (h.id == id) return std::move(h);
  }
  return core::NotFound("no such hazard here");
}

// What the finding rule says was found, in `language` (the checklist's own text, its English when
// it has one), when the hazard's finding visit and checklist are known here; "" otherwise.
std::string RuleTitle(SqlConnection& conn, const std::string& town, const LedgerHazard& h,
                      Language language) {
  auto visit_id = core::Uuid::Parse(h.visit_id);
  if (h.rule_id.empty() || h.visit_id.empty() || !visit_id.ok()) return "";
  auto visit = FindVisitRecord(conn, town, visit_id->ToBytes());
  if (!visit.ok()) return "";
  auto tpl =
      LoadPublishedTemplate(conn, visit->visit.template_id(), visit->visit.template_version());
  if (!tpl.ok()) return "";
  for (const auto& rule : tpl->proto().hazard_rules()) {
    if (rule.id() == h.rule_id) return core::forms::TextIn(rule.title(), language);
  }
  return "";
}

// The page's data for hazard `h` of `town`.
core::Result<Data> HazardData(ConsoleContext& context, SqlConnection& conn, const std::string& town,
                              const LedgerHazard& h, const HazardStepForm& form,
                              Language language) {
  const base::TimeZone& zone = context.storage.time_zone();
  Data data = HazardItem(h, zone, language);
  // Set only when known: the template shows a line for each that is there.
  if (!h.responsible.empty()) data.set("responsible", h.responsible);
  // The device stored the rule's title in Chinese; the checklist has it in the page's language.
  const std::string title = RuleTitle(conn, town, h, language);
  if (!title.empty()) {
    data.set("description", title);
  } else if (!h.description.empty()) {
    data.set("description", h.description);
  }
  std::set<std::string> ignored;
  for (const auto& i : h.standing.state.ignored) ignored.insert(i.event_id);
  Data steps{Data::type::list};
  for (const auto& entry : h.log) steps.push_back(StepItem(entry, ignored, zone, language));
  data.set("steps", steps);
  SetHazardStepForm(data, h.standing.state, form, language);
  QM_ASSIGN_OR_RETURN(auto photos, HazardPhotos(conn, town, h, language));
  SetPhotoItems(data, context.blobs, photos,
                "/console/hazards/" + base::HexEncode(h.id) + "/photos/", zone, language);
  return data;
}

// The hazard page for `h` with the step form in `form`, answered with `status`.
HttpResponse RenderHazard(ConsoleContext& context, const ConsoleSession& session,
                          SqlConnection& conn, const std::string& town, const LedgerHazard& h,
                          const HazardStepForm& form, int status) {
  const Language language = session.language;
  auto data = HazardData(context, conn, town, h, form, language);
  if (!data.ok()) {
    return MessagePage(context, language, 503, std::string(Tr(language, "hazard.unreadable")));
  }
  data->set("csrf", session.csrf_token);
  auto html = RenderPage(
      "hazard", *data,
      SignedInLayout(context, session, std::string(Tr(language, "hazard.page_title")), "hazards"),
      language);
  if (!html.ok()) return MessagePage(context, language, 500, html.status().message());
  return HtmlPage(status, std::move(html).value(), context.tls);
}

}  // namespace

HttpResponse HazardPage(ConsoleContext& context, const ConsoleSession& session,
                        const std::string& rest, const HttpRequest& request) {
  const Language language = session.language;
  auto say = [language](const char* key) { return std::string(Tr(language, key)); };
  auto town = StaffTown(session);
  if (!town) return GridsScopePage(context, language);
  auto path = ParseRecordPath(rest);
  if (!path) return MessagePage(context, language, 404, say("hazard.none"));
  auto conn = context.storage.pool().Acquire();
  auto hazard = FindHazard(context, *conn, *town, path->id);
  if (!hazard.ok()) {
    if (hazard.status().code() == core::Code::kNotFound) {
      return MessagePage(context, language, 404, say("hazard.none"));
    }
    return MessagePage(context, language, 503, say("hazard.unreadable"));
  }
  if (path->photo) {
    auto photos = HazardPhotos(*conn, *town, *hazard, language);
    if (!photos.ok()) return MessagePage(context, language, 503, say("photos.unreadable"));
    return ServePhoto(context, *photos, path->photo_hex, path->thumbnail, language);
  }
  HazardStepForm form;
  form.done = QueryFields(request)["done"];
  return RenderHazard(context, session, *conn, *town, *hazard, form, 200);
}

HttpResponse HazardStepPost(ConsoleContext& context, const ConsoleSession& session,
                            const std::string& rest, const HttpRequest& request) {
  const Language language = session.language;
  auto say = [language](const char* key) { return std::string(Tr(language, key)); };
  auto town = StaffTown(session);
  if (!town) return GridsScopePage(context, language);
  auto path = ParseRecordPath(rest.ends_with("/steps") ? rest.substr(0, rest.size() - 6) : "");
  if (!path || path->photo) return MessagePage(context, language, 404, say("hazard.none"));
  std::optional<SqlPool::Lease> conn(context.storage.pool().Acquire());
  auto hazard = FindHazard(context, **conn, *town, path->id);
  if (!hazard.ok()) {
    if (hazard.status().code() == core::Code::kNotFound) {
      return MessagePage(context, language, 404, say("hazard.none"));
    }
    return MessagePage(context, language, 503, say("hazard.unreadable"));
  }
  auto fields = ParseForm(request.body);
  HazardStepForm form;
  form.step = fields["step"];
  form.note = fields["note"];
  auto step = HazardStepFromCode(form.step);
  if (auto problem = StepNoteProblem(form.note, language)) {
    if (!base::IsUtf8(form.note)) form.note.clear();
    form.error = *problem;
    return RenderHazard(context, session, **conn, *town, *hazard, form, 400);
  }
  if (!step) {
    form.error = say("step.choose");
    return RenderHazard(context, session, **conn, *town, *hazard, form, 400);
  }
  if (auto refusal = HazardStepRefusal(hazard->standing.state, *step, language)) {
    form.error = *refusal;
    return RenderHazard(context, session, **conn, *town, *hazard, form, 409);
  }
  CountyHazardStep county_step{.hazard_id = hazard->id,
                               .kind = step->kind,
                               .passed = step->passed,
                               .actor = session.staff.name,
                               .note = form.note,
                               .scope = session.staff.scope};
  // The step takes a pooled connection of its own: give this one back first, or SQLite's pool of
  // one would wait on itself.
  conn.reset();
  auto recorded =
      RecordCountyHazardStep(context.storage, context.clock, context.random, county_step);
  conn.emplace(context.storage.pool().Acquire());
  if (!recorded.ok()) {
    switch (recorded.status().code()) {
      case core::Code::kNotFound:
        return MessagePage(context, language, 404, say("hazard.none"));
      case core::Code::kFailedPrecondition: {
        // Another step arrived between reading the hazard and recording this one: say why
        // from the state it is in now.
        auto now = FindHazard(context, **conn, *town, path->id);
        if (!now.ok()) return MessagePage(context, language, 503, say("hazard.unreadable"));
        form.error =
            HazardStepRefusal(now->standing.state, *step, language).value_or(say("step.raced"));
        return RenderHazard(context, session, **conn, *town, *now, form, 409);
      }
      default:
        form.error = say("step.failed");
        return RenderHazard(context, session, **conn, *town, *hazard, form, 503);
    }
  }
  return Redirect("/console/hazards/" + base::HexEncode(hazard->id) +
                      "?done=" + std::string(step->code) + "#step-form",
                  context.tls);
}

}  // namespace qiaomen::server::console
