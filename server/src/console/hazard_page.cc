// A hazard's page: its fields and its steps in the order the state machine applied them. A
// hazard outside the staff member's town answers exactly as an unknown id does, so a township
// cannot learn that another town's hazard exists.
#include <set>

#include "console/hazard_view.h"
#include "console/pages.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/core/domain/labels.h"

namespace qiaomen::server::console {
namespace {

constexpr size_t kIdBytes = 16;

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

// The page's data; NotFound when `id` is not a hazard in `town` ("" for every town).
core::Result<Data> HazardData(ConsoleContext& context, const std::string& town,
                              const std::string& id) {
  auto conn = context.storage.pool().Acquire();
  const base::TimeZone& zone = context.storage.time_zone();
  const std::string today = base::CountyDate(context.clock.NowMillis(), zone);
  QM_ASSIGN_OR_RETURN(auto hazards, ListLedgerHazards(*conn, town, today));
  for (const auto& h : hazards) {
    if (h.id != id) continue;
    Data data = HazardItem(h, zone);
    // Set only when known: the template shows a line for each that is there.
    if (!h.responsible.empty()) data.set("responsible", h.responsible);
    if (!h.description.empty()) data.set("description", h.description);
    std::set<std::string> ignored;
    for (const auto& i : h.standing.state.ignored) ignored.insert(i.event_id);
    Data steps{Data::type::list};
    for (const auto& entry : h.log) steps.push_back(StepItem(entry, ignored, zone));
    data.set("steps", steps);
    return data;
  }
  return core::NotFound("no such hazard here");
}

}  // namespace

HttpResponse HazardPage(ConsoleContext& context, const ConsoleSession& session,
                        const std::string& hex_id) {
  auto town = StaffTown(session);
  if (!town) return GridsScopePage(context);
  auto id = base::HexDecode(hex_id);
  if (!id || id->size() != kIdBytes) return MessagePage(context, 404, "没有这处隐患。");
  auto data = HazardData(context, *town, *id);
  if (!data.ok()) {
    if (data.status().code() == core::Code::kNotFound) {
      return MessagePage(context, 404, "没有这处隐患。");
    }
    return MessagePage(context, 503, "这处隐患暂时读不出来，请稍后再试。");
  }
  auto html = RenderPage("hazard", *data, SignedInLayout(context, session, "隐患", "hazards"));
  if (!html.ok()) return MessagePage(context, 500, html.status().message());
  return HtmlPage(200, std::move(html).value(), context.tls);
}

}  // namespace qiaomen::server::console
