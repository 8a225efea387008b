// 冲突 and 拒收: the conflicts and the refused changes in the staff member's town, each with its
// household, worker, device, time and reason in Chinese; a form per row marks it reviewed or (a
// conflict) sends the value that lost back to the devices. Posts redirect back with a flash.
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
               const base::TimeZone& zone) {
  auto it = reviews.find(id);
  if (it == reviews.end()) return;
  row.set("reviewed", true);
  row.set("reviewed_by", it->second.staff_name);
  row.set("reviewed_at", base::CountyDateTime(it->second.at_ms, zone));
  row.set("reviewed_action",
          it->second.action == kReviewKeptLost ? "改用了被搁置的值" : "已查看，保持不变");
}

std::string ShortDevice(const std::string& device_hex) {
  return device_hex.substr(0, std::min<size_t>(8, device_hex.size()));
}

HttpResponse Render(ConsoleContext& context, const ConsoleSession& session, const char* name,
                    const char* title, Data data, int status) {
  data.set("csrf", session.csrf_token);
  auto html = RenderPage(name, data, SignedInLayout(context, session, title, name));
  if (!html.ok()) return MessagePage(context, 500, html.status().message());
  return HtmlPage(status, std::move(html).value(), context.tls);
}

core::Result<Data> ConflictsData(ConsoleContext& context, const std::string& town,
                                 std::map<std::string, std::string>& query, bool csv) {
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
    row.set("subject", c.subject.empty() ? std::string("（未知住户）") : c.subject);
    row.set("what", EntityLabel(EntityName(c.entity)));
    row.set("field", c.field.empty() ? std::string("整条记录") : FieldLabel(c.field));
    row.set("kept", c.field.empty() ? std::string("保留（有修改）") : c.kept);
    row.set("lost", c.field.empty() ? std::string("删除") : c.lost);
    const std::string device = base::HexEncode(c.lost_device);
    row.set("worker", c.lost_device == context.storage.identity().server_id
                          ? std::string("县里（导入或县里的修改）")
                      : c.lost_worker.empty() ? std::string("（未知人员）")
                                              : c.lost_worker);
    row.set("device", ShortDevice(device));
    row.set("rule", RuleLabel(c.rule));
    row.set("can_keep_lost", !c.field.empty());
    SetReview(row, reviews, c.id, zone);
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
                                std::map<std::string, std::string>& query, bool csv) {
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
    row.set("subject", q.subject.empty() ? std::string("（未知住户）") : q.subject);
    row.set("what", EntityLabel(q.entity));
    row.set("worker", q.worker == "(unknown device)" ? std::string("（未知设备）") : q.worker);
    row.set("device", ShortDevice(q.device));
    row.set("seq", std::to_string(q.seq));
    row.set("reason", RefusalLabel(q.code));
    row.set("detail", q.reason);
    row.set("accepted_since", q.accepted_since);
    SetReview(row, reviews, q.id, zone);
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
void SetFlash(Data& data, const std::string& done) {
  if (done == "seen") data.set("done", "已标记为已查看。");
  if (done == "kept") {
    data.set("done", "已改用被搁置的值，各设备下次同步时会收到这次修改。");
  }
}

}  // namespace

HttpResponse ConflictsPage(ConsoleContext& context, const ConsoleSession& session,
                           const HttpRequest& request, const std::string& error, int status) {
  auto town = StaffTown(session);
  if (!town) return GridsScopePage(context);
  auto query = QueryFields(request);
  auto data = ConflictsData(context, *town, query, WantsCsv(request));
  if (!data.ok()) return MessagePage(context, 503, "冲突记录暂时读不出来，请稍后再试。");
  if (WantsCsv(request)) {
    return ListDownload(request, "conflicts", "冲突",
                        {{"时间", "at"},
                         {"住户/场所", "subject"},
                         {"记录", "what"},
                         {"哪一项", "field"},
                         {"保留的值", "kept"},
                         {"被搁置的值", "lost"},
                         {"被搁置的来自", "worker"},
                         {"设备", "device"},
                         {"规则", "rule"},
                         {"处理", "reviewed_action"},
                         {"处理人", "reviewed_by"},
                         {"处理时间", "reviewed_at"}},
                        *data->get("conflicts"), context.tls);
  }
  SetFlash(*data, query["done"]);
  if (!error.empty()) data->set("error", error);
  return Render(context, session, "conflicts", "冲突", std::move(data).value(), status);
}

HttpResponse RefusalsPage(ConsoleContext& context, const ConsoleSession& session,
                          const HttpRequest& request, const std::string& error, int status) {
  auto town = StaffTown(session);
  if (!town) return GridsScopePage(context);
  auto query = QueryFields(request);
  auto data = RefusalsData(context, *town, query, WantsCsv(request));
  if (!data.ok()) return MessagePage(context, 503, "拒收记录暂时读不出来，请稍后再试。");
  if (WantsCsv(request)) {
    return ListDownload(request, "refusals", "拒收",
                        {{"时间", "at"},
                         {"住户/场所", "subject"},
                         {"内容", "what"},
                         {"提交人", "worker"},
                         {"设备", "device"},
                         {"序号", "seq"},
                         {"原因", "reason"},
                         {"系统原文", "detail"},
                         {"已重新提交并接收", "accepted_since"},
                         {"处理", "reviewed_action"},
                         {"处理人", "reviewed_by"},
                         {"处理时间", "reviewed_at"}},
                        *data->get("refusals"), context.tls);
  }
  SetFlash(*data, query["done"]);
  if (!error.empty()) data->set("error", error);
  return Render(context, session, "refusals", "拒收", std::move(data).value(), status);
}

HttpResponse ConflictPost(ConsoleContext& context, const ConsoleSession& session,
                          const std::string& rest, const HttpRequest& request) {
  auto town = StaffTown(session);
  if (!town) return GridsScopePage(context);
  auto action = ParseAction(rest);
  if (!action || (action->second != "seen" && action->second != "keep-lost")) {
    return MessagePage(context, 404, "没有这条冲突。");
  }
  const auto [id, what] = *action;
  HttpRequest back = request;
  back.target = "/console/conflicts";
  {
    auto conn = context.storage.pool().Acquire();
    auto conflicts = ListConflicts(*conn, *town);
    if (!conflicts.ok()) return MessagePage(context, 503, "冲突记录暂时读不出来，请稍后再试。");
    if (std::none_of(conflicts->begin(), conflicts->end(),
                     [id](const ConflictRecord& c) { return c.id == id; })) {
      return MessagePage(context, 404, "没有这条冲突。");
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
      return MessagePage(context, 404, "没有这条冲突。");
    case core::Code::kAlreadyExists:
      return ConflictsPage(context, session, back, "这条冲突已经有人处理过了，没有再改。", 409);
    case core::Code::kFailedPrecondition:
      return ConflictsPage(context, session, back,
                           "这条冲突不能改用被搁置的值（记录已删除，或那次修改已不在同步日志里）"
                           "，请核对后标记为已查看。",
                           409);
    default:
      return ConflictsPage(context, session, back, "暂时没能记下，请稍后再试。", 503);
  }
}

HttpResponse RefusalPost(ConsoleContext& context, const ConsoleSession& session,
                         const std::string& rest, const HttpRequest& request) {
  auto town = StaffTown(session);
  if (!town) return GridsScopePage(context);
  auto action = ParseAction(rest);
  if (!action || action->second != "seen") return MessagePage(context, 404, "没有这条拒收记录。");
  const int64_t id = action->first;
  HttpRequest back = request;
  back.target = "/console/refusals";
  auto refusals = LoadRefusals(context.storage);
  if (!refusals.ok()) return MessagePage(context, 503, "拒收记录暂时读不出来，请稍后再试。");
  if (std::none_of(refusals->begin(), refusals->end(), [&](const Refusal& q) {
        return q.id == id && (town->empty() || q.town_id == *town);
      })) {
    return MessagePage(context, 404, "没有这条拒收记录。");
  }
  core::Status done = RecordReview(*context.storage.pool().Acquire(), kReviewRefusal, id,
                                   Review{session.staff.id, session.staff.name,
                                          std::string(kReviewSeen), context.clock.NowMillis()});
  if (done.ok()) return Redirect("/console/refusals?done=seen", context.tls);
  if (done.code() == core::Code::kAlreadyExists) {
    return RefusalsPage(context, session, back, "这条拒收记录已经有人标记过了。", 409);
  }
  return RefusalsPage(context, session, back, "暂时没能记下，请稍后再试。", 503);
}

}  // namespace qiaomen::server::console
