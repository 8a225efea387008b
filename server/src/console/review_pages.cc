// 冲突 and 拒收: the conflicts and the refused changes in the staff member's town, each with its
// household, worker, device, time and reason in the page's language; a form per row marks it
// reviewed or (a conflict) sends the value that lost back to the devices. Posts redirect back with
// a flash.
#include <algorithm>
#include <charconv>

#include "admin/conflict_log.h"
#include "admin/refusals.h"
#include "admin/reviews.h"
#include "console/list_view.h"
#include "console/pages.h"
#include "console/review_labels.h"
#include "console/web_forms.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/base/time_zone.h"

namespace qiaomen::server::console {
namespace {

const std::vector<std::string> kFilterNames = {"show"};

// The id at the start of `rest` ("12/seen") and the action after it; nullopt for another shape.
std::optional<std::pair<int64_t, std::string>> ParseAction(const std::string& rest) {
  const size_t slash = rest.find('/');
  if (slash == std::string::npos || slash == 0 || slash > 18) return std::nullopt;
  int64_t id = 0;
  auto [end, ec] = std::from_chars(rest.data(), rest.data() + slash, id);
  if (ec != std::errc() || end != rest.data() + slash || id <= 0) return std::nullopt;
  return std::pair{id, rest.substr(slash + 1)};
}

void SetReview(Data& row, const std::map<int64_t, Review>& reviews, int64_t id,
               const base::TimeZone& zone, Language language) {
  auto it = reviews.find(id);
  if (it == reviews.end()) return;
  row.set("reviewed", true);
  row.set("reviewed_by", it->second.staff_name);
  row.set("reviewed_at", base::CountyDateTime(it->second.at_ms, zone));
  row.set("reviewed_action", std::string(Tr(language, it->second.action == kReviewKeptLost
                                                          ? "reviews.kept_lost"
                                                          : "reviews.seen_unchanged")));
}

std::string ShortDevice(const std::string& device_hex) {
  return device_hex.substr(0, std::min<size_t>(8, device_hex.size()));
}

HttpResponse Render(ConsoleContext& context, const ConsoleSession& session, const char* name,
                    const char* title, Data data, int status) {
  data.set("csrf", session.csrf_token);
  auto html = RenderPage(
      name, data, SignedInLayout(context, session, std::string(Tr(session.language, title)), name),
      session.language);
  if (!html.ok()) return MessagePage(context, session.language, 500, html.status().message());
  return HtmlPage(status, std::move(html).value(), context.tls);
}

core::Result<Data> ConflictsData(ConsoleContext& context, const std::string& town,
                                 std::map<std::string, std::string>& query, bool csv,
                                 Language language) {
  auto say = [language](const char* key) { return std::string(Tr(language, key)); };
  const base::TimeZone& zone = context.storage.time_zone();
  auto conn = context.storage.pool().Acquire();
  QM_ASSIGN_OR_RETURN(auto conflicts, ListConflicts(*conn, town));
  QM_ASSIGN_OR_RETURN(auto reviews, LoadReviews(*conn, kReviewConflict));
  const bool all = query["show"] == "all";
  if (!all) query["show"] = "";
  const size_t page = PageNumber(query);
  Data rows{Data::type::list};
  size_t matched = 0;
  for (const ConflictRecord& c : conflicts) {
    if (!all && reviews.count(c.id)) continue;
    if (!OnPage(matched++, page) && !csv) continue;
    Data row;
    row.set("id", std::to_string(c.id));
    row.set("at", base::CountyDateTime(c.at_ms, zone));
    row.set("subject", c.subject.empty() ? say("hazard.unknown_subject") : c.subject);
    row.set("what", EntityLabel(EntityName(c.entity), language));
    row.set("field",
            c.field.empty() ? say("conflicts.whole_record") : FieldLabel(c.field, language));
    row.set("kept", c.field.empty() ? say("conflicts.kept_edited") : c.kept);
    row.set("lost", c.field.empty() ? say("conflicts.deleted") : c.lost);
    const std::string device = base::HexEncode(c.lost_device);
    row.set("worker", c.lost_device == context.storage.identity().server_id
                          ? say("conflicts.county")
                      : c.lost_worker.empty() ? say("conflicts.unknown_worker")
                                              : c.lost_worker);
    row.set("device", ShortDevice(device));
    row.set("rule", RuleLabel(c.rule, language));
    row.set("can_keep_lost", !c.field.empty());
    SetReview(row, reviews, c.id, zone, language);
    rows.push_back(row);
  }
  Data data;
  data.set("conflicts", rows);
  data.set("show_all", all);
  SetPaging(data, "/console/conflicts", query, kFilterNames, page, matched);
  data.set("csv", ListLink("/console/conflicts.csv", query, kFilterNames, 1));
  data.set("xlsx", ListLink("/console/conflicts.xlsx", query, kFilterNames, 1));
  return data;
}

core::Result<Data> RefusalsData(ConsoleContext& context, const std::string& town,
                                std::map<std::string, std::string>& query, bool csv,
                                Language language) {
  auto say = [language](const char* key) { return std::string(Tr(language, key)); };
  QM_ASSIGN_OR_RETURN(auto refusals, LoadRefusals(context.storage));
  auto conn = context.storage.pool().Acquire();
  QM_ASSIGN_OR_RETURN(auto reviews, LoadReviews(*conn, kReviewRefusal));
  const base::TimeZone& zone = context.storage.time_zone();
  const bool all = query["show"] == "all";
  if (!all) query["show"] = "";
  const size_t page = PageNumber(query);
  Data rows{Data::type::list};
  size_t matched = 0;
  // Newest first, as the conflicts.
  for (auto it = refusals.rbegin(); it != refusals.rend(); ++it) {
    const Refusal& q = *it;
    if (!town.empty() && q.town_id != town) continue;
    if (!all && reviews.count(q.id)) continue;
    if (!OnPage(matched++, page) && !csv) continue;
    Data row;
    row.set("id", std::to_string(q.id));
    row.set("at", q.received_at);
    row.set("subject", q.subject.empty() ? say("hazard.unknown_subject") : q.subject);
    row.set("what", EntityLabel(q.entity, language));
    row.set("worker", q.worker == "(unknown device)" ? say("visit.unknown_device") : q.worker);
    row.set("device", ShortDevice(q.device));
    row.set("seq", std::to_string(q.seq));
    // The catalogue's sentence in the page's language; the server's own detail (English) only
    // behind the row's <details> and in the CSV.
    row.set("reason", RefusalLabel(q.code, language));
    row.set("detail", q.reason);
    row.set("accepted_since", q.accepted_since);
    SetReview(row, reviews, q.id, zone, language);
    rows.push_back(row);
  }
  Data data;
  data.set("refusals", rows);
  data.set("show_all", all);
  SetPaging(data, "/console/refusals", query, kFilterNames, page, matched);
  data.set("csv", ListLink("/console/refusals.csv", query, kFilterNames, 1));
  data.set("xlsx", ListLink("/console/refusals.xlsx", query, kFilterNames, 1));
  return data;
}

// The flash for ?done=, from a fixed list (never the query's text).
void SetFlash(Data& data, const std::string& done, Language language) {
  if (done == "seen") data.set("done", std::string(Tr(language, "reviews.flash_seen")));
  if (done == "kept") data.set("done", std::string(Tr(language, "reviews.flash_kept")));
}

CsvColumn Column(Language language, const char* key, const char* field) {
  return CsvColumn{std::string(Tr(language, key)), field};
}

}  // namespace

HttpResponse ConflictsPage(ConsoleContext& context, const ConsoleSession& session,
                           const HttpRequest& request, const std::string& error, int status) {
  const Language language = session.language;
  auto town = StaffTown(session);
  if (!town) return GridsScopePage(context, language);
  auto query = QueryFields(request);
  auto data = ConflictsData(context, *town, query, WantsCsv(request), language);
  if (!data.ok()) {
    return MessagePage(context, language, 503, std::string(Tr(language, "conflicts.unreadable")));
  }
  if (WantsCsv(request)) {
    return ListDownload(
        request, "conflicts", std::string(Tr(language, "nav.conflicts")),
        {Column(language, "hazard.at", "at"), Column(language, "hazards.subject", "subject"),
         Column(language, "conflicts.record", "what"), Column(language, "conflicts.field", "field"),
         Column(language, "conflicts.kept", "kept"), Column(language, "conflicts.lost", "lost"),
         Column(language, "conflicts.lost_from", "worker"),
         Column(language, "today.device", "device"), Column(language, "conflicts.rule", "rule"),
         Column(language, "reviews.action", "reviewed_action"),
         Column(language, "reviews.by", "reviewed_by"),
         Column(language, "reviews.at", "reviewed_at")},
        *data->get("conflicts"), context.tls, language);
  }
  SetFlash(*data, query["done"], language);
  if (!error.empty()) data->set("error", error);
  return Render(context, session, "conflicts", "nav.conflicts", std::move(data).value(), status);
}

HttpResponse RefusalsPage(ConsoleContext& context, const ConsoleSession& session,
                          const HttpRequest& request, const std::string& error, int status) {
  const Language language = session.language;
  auto town = StaffTown(session);
  if (!town) return GridsScopePage(context, language);
  auto query = QueryFields(request);
  auto data = RefusalsData(context, *town, query, WantsCsv(request), language);
  if (!data.ok()) {
    return MessagePage(context, language, 503, std::string(Tr(language, "refusals.unreadable")));
  }
  if (WantsCsv(request)) {
    return ListDownload(
        request, "refusals", std::string(Tr(language, "nav.refusals")),
        {Column(language, "hazard.at", "at"), Column(language, "hazards.subject", "subject"),
         Column(language, "refusals.what", "what"), Column(language, "refusals.worker", "worker"),
         Column(language, "today.device", "device"), Column(language, "refusals.seq", "seq"),
         Column(language, "refusals.reason", "reason"),
         Column(language, "refusals.detail", "detail"),
         Column(language, "refusals.accepted_since", "accepted_since"),
         Column(language, "reviews.action", "reviewed_action"),
         Column(language, "reviews.by", "reviewed_by"),
         Column(language, "reviews.at", "reviewed_at")},
        *data->get("refusals"), context.tls, language);
  }
  SetFlash(*data, query["done"], language);
  if (!error.empty()) data->set("error", error);
  return Render(context, session, "refusals", "nav.refusals", std::move(data).value(), status);
}

HttpResponse ConflictPost(ConsoleContext& context, const ConsoleSession& session,
                          const std::string& rest, const HttpRequest& request) {
  const Language language = session.language;
  auto say = [language](const char* key) { return std::string(Tr(language, key)); };
  auto town = StaffTown(session);
  if (!town) return GridsScopePage(context, language);
  auto action = ParseAction(rest);
  if (!action || (action->second != "seen" && action->second != "keep-lost")) {
    return MessagePage(context, language, 404, say("conflicts.none"));
  }
  const auto [id, what] = *action;
  HttpRequest back = request;
  back.target = "/console/conflicts";
  {
    auto conn = context.storage.pool().Acquire();
    auto conflicts = ListConflicts(*conn, *town);
    if (!conflicts.ok()) return MessagePage(context, language, 503, say("conflicts.unreadable"));
    if (std::none_of(conflicts->begin(), conflicts->end(),
                     [id](const ConflictRecord& c) { return c.id == id; })) {
      return MessagePage(context, language, 404, say("conflicts.none"));
    }
  }  // Each step below takes a connection of its own: SQLite's pool has one.
  Review review{session.staff.id, session.staff.name, std::string(kReviewSeen),
                context.clock.NowMillis()};
  core::Status done =
      what == "seen" ? RecordReview(*context.storage.pool().Acquire(), kReviewConflict, id, review)
                     : KeepLostValue(context.storage, context.clock, context.random, id,
                                     session.staff.scope, review);
  switch (done.code()) {
    case core::Code::kOk:
      return Redirect(std::string("/console/conflicts?done=") + (what == "seen" ? "seen" : "kept"),
                      context.tls);
    case core::Code::kNotFound:
      return MessagePage(context, language, 404, say("conflicts.none"));
    case core::Code::kAlreadyExists:
      return ConflictsPage(context, session, back, say("conflicts.reviewed_already"), 409);
    case core::Code::kFailedPrecondition:
      return ConflictsPage(context, session, back, say("conflicts.cannot_keep_lost"), 409);
    default:
      return ConflictsPage(context, session, back, say("reviews.failed"), 503);
  }
}

HttpResponse RefusalPost(ConsoleContext& context, const ConsoleSession& session,
                         const std::string& rest, const HttpRequest& request) {
  const Language language = session.language;
  auto say = [language](const char* key) { return std::string(Tr(language, key)); };
  auto town = StaffTown(session);
  if (!town) return GridsScopePage(context, language);
  auto action = ParseAction(rest);
  if (!action || action->second != "seen") {
    return MessagePage(context, language, 404, say("refusals.none"));
  }
  const int64_t id = action->first;
  HttpRequest back = request;
  back.target = "/console/refusals";
  auto refusals = LoadRefusals(context.storage);
  if (!refusals.ok()) return MessagePage(context, language, 503, say("refusals.unreadable"));
  if (std::none_of(refusals->begin(), refusals->end(), [&](const Refusal& q) {
        return q.id == id && (town->empty() || q.town_id == *town);
      })) {
    return MessagePage(context, language, 404, say("refusals.none"));
  }
  core::Status done = RecordReview(*context.storage.pool().Acquire(), kReviewRefusal, id,
                                   Review{session.staff.id, session.staff.name,
                                          std::string(kReviewSeen), context.clock.NowMillis()});
  if (done.ok()) return Redirect("/console/refusals?done=seen", context.tls);
  if (done.code() == core::Code::kAlreadyExists) {
    return RefusalsPage(context, session, back, say("refusals.reviewed_already"), 409);
  }
  return RefusalsPage(context, session, back, say("reviews.failed"), 503);
}

}  // namespace qiaomen::server::console
