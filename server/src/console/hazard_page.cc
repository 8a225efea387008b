// A hazard's page: its fields, its steps in the order the state machine applied them, its photos
// and the form for the county's steps (posted, recorded by RecordCountyHazardStep, then redirected
// back here with a flash). A hazard outside the staff member's town answers exactly as an unknown
// id does, so a township cannot learn that another town's hazard exists.
#include <set>

#include "console/hazard_step_form.h"
#include "console/hazard_view.h"
#include "console/list_view.h"
#include "console/pages.h"
#include "console/photo_view.h"
#include "console/web_forms.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/base/text_encoding.h"
#include "qiaomen/core/domain/labels.h"
#include "qiaomen/server/hazard_steps.h"

namespace qiaomen::server::console {
namespace {

Data StepItem(const core::domain::HazardLogEntry& entry, const std::set<std::string>& ignored,
              const base::TimeZone& zone) {
  const v1::HazardEvent& event = entry.event;
  Data step;
  step.set("kind", std::string(core::domain::HazardEventLabel(event.kind(), event.passed()).zh));
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

// The page's data for hazard `h` of `town`.
core::Result<Data> HazardData(ConsoleContext& context, SqlConnection& conn, const std::string& town,
                              const LedgerHazard& h, const HazardStepForm& form) {
  const base::TimeZone& zone = context.storage.time_zone();
  Data data = HazardItem(h, zone);
  // Set only when known: the template shows a line for each that is there.
  if (!h.responsible.empty()) data.set("responsible", h.responsible);
  if (!h.description.empty()) data.set("description", h.description);
  std::set<std::string> ignored;
  for (const auto& i : h.standing.state.ignored) ignored.insert(i.event_id);
  Data steps{Data::type::list};
  for (const auto& entry : h.log) steps.push_back(StepItem(entry, ignored, zone));
  data.set("steps", steps);
  SetHazardStepForm(data, h.standing.state, form);
  QM_ASSIGN_OR_RETURN(auto photos, HazardPhotos(conn, town, h));
  SetPhotoItems(data, context.blobs, photos,
                "/console/hazards/" + base::HexEncode(h.id) + "/photos/", zone);
  return data;
}

// The hazard page for `h` with the step form in `form`, answered with `status`.
HttpResponse RenderHazard(ConsoleContext& context, const ConsoleSession& session,
                          SqlConnection& conn, const std::string& town, const LedgerHazard& h,
                          const HazardStepForm& form, int status) {
  auto data = HazardData(context, conn, town, h, form);
  if (!data.ok()) return MessagePage(context, 503, "这处隐患暂时读不出来，请稍后再试。");
  data->set("csrf", session.csrf_token);
  auto html = RenderPage("hazard", *data, SignedInLayout(context, session, "隐患", "hazards"));
  if (!html.ok()) return MessagePage(context, 500, html.status().message());
  return HtmlPage(status, std::move(html).value(), context.tls);
}

}  // namespace

HttpResponse HazardPage(ConsoleContext& context, const ConsoleSession& session,
                        const std::string& rest, const HttpRequest& request) {
  auto town = StaffTown(session);
  if (!town) return GridsScopePage(context);
  auto path = ParseRecordPath(rest);
  if (!path) return MessagePage(context, 404, "没有这处隐患。");
  auto conn = context.storage.pool().Acquire();
  auto hazard = FindHazard(context, *conn, *town, path->id);
  if (!hazard.ok()) {
    if (hazard.status().code() == core::Code::kNotFound) {
      return MessagePage(context, 404, "没有这处隐患。");
    }
    return MessagePage(context, 503, "这处隐患暂时读不出来，请稍后再试。");
  }
  if (path->photo) {
    auto photos = HazardPhotos(*conn, *town, *hazard);
    if (!photos.ok()) return MessagePage(context, 503, "照片暂时读不出来，请稍后再试。");
    return ServePhoto(context, *photos, path->photo_hex, path->thumbnail);
  }
  HazardStepForm form;
  form.done = QueryFields(request)["done"];
  return RenderHazard(context, session, *conn, *town, *hazard, form, 200);
}

HttpResponse HazardStepPost(ConsoleContext& context, const ConsoleSession& session,
                            const std::string& rest, const HttpRequest& request) {
  auto town = StaffTown(session);
  if (!town) return GridsScopePage(context);
  auto path = ParseRecordPath(rest.ends_with("/steps") ? rest.substr(0, rest.size() - 6) : "");
  if (!path || path->photo) return MessagePage(context, 404, "没有这处隐患。");
  std::optional<SqlPool::Lease> conn(context.storage.pool().Acquire());
  auto hazard = FindHazard(context, **conn, *town, path->id);
  if (!hazard.ok()) {
    if (hazard.status().code() == core::Code::kNotFound) {
      return MessagePage(context, 404, "没有这处隐患。");
    }
    return MessagePage(context, 503, "这处隐患暂时读不出来，请稍后再试。");
  }
  auto fields = ParseForm(request.body);
  HazardStepForm form;
  form.step = fields["step"];
  form.note = fields["note"];
  auto step = HazardStepFromCode(form.step);
  if (auto problem = StepNoteProblem(form.note)) {
    if (!base::IsUtf8(form.note)) form.note.clear();
    form.error = *problem;
    return RenderHazard(context, session, **conn, *town, *hazard, form, 400);
  }
  if (!step) {
    form.error = "请选择要记录的一步（复查、销号、挂牌督办或立案查处）。";
    return RenderHazard(context, session, **conn, *town, *hazard, form, 400);
  }
  if (auto refusal = HazardStepRefusal(hazard->standing.state, *step)) {
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
        return MessagePage(context, 404, "没有这处隐患。");
      case core::Code::kFailedPrecondition: {
        // Another step arrived between reading the hazard and recording this one: say why
        // from the state it is in now.
        auto now = FindHazard(context, **conn, *town, path->id);
        if (!now.ok()) return MessagePage(context, 503, "这处隐患暂时读不出来，请稍后再试。");
        form.error = HazardStepRefusal(now->standing.state, *step)
                         .value_or("这处隐患刚有了新的记录，这一步没有记下，请看过后再试。");
        return RenderHazard(context, session, **conn, *town, *now, form, 409);
      }
      default:
        form.error = "这一步暂时没能记下，请稍后再试。";
        return RenderHazard(context, session, **conn, *town, *hazard, form, 503);
    }
  }
  return Redirect("/console/hazards/" + base::HexEncode(hazard->id) +
                      "?done=" + std::string(step->code) + "#step-form",
                  context.tls);
}

}  // namespace qiaomen::server::console
