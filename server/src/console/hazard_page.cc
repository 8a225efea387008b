// A hazard's page: its fields and its steps in the order the state machine applied them. A
// hazard outside the staff member's town answers exactly as an unknown id does, so a township
// cannot learn that another town's hazard exists.
#include <set>

#include "console/hazard_view.h"
#include "console/pages.h"
#include "console/photo_view.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/core/domain/labels.h"

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
                              const LedgerHazard& h) {
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
  QM_ASSIGN_OR_RETURN(auto photos, HazardPhotos(conn, town, h));
  SetPhotoItems(data, context.blobs, photos,
                "/console/hazards/" + base::HexEncode(h.id) + "/photos/", zone);
  return data;
}

}  // namespace

HttpResponse HazardPage(ConsoleContext& context, const ConsoleSession& session,
                        const std::string& rest) {
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
  auto data = HazardData(context, *conn, *town, *hazard);
  if (!data.ok()) return MessagePage(context, 503, "这处隐患暂时读不出来，请稍后再试。");
  auto html = RenderPage("hazard", *data, SignedInLayout(context, session, "隐患", "hazards"));
  if (!html.ok()) return MessagePage(context, 500, html.status().message());
  return HtmlPage(200, std::move(html).value(), context.tls);
}

}  // namespace qiaomen::server::console
