// tasks: the open tasks of this device's grids, in the order a worker walks them.
#include <algorithm>
#include <cctype>
#include <set>

#include "../device_open.h"
#include "../records_view.h"
#include "qiaomen/base/display_width.h"
#include "qiaomen/base/natural_order.h"
#include "qiaomen/cli/command.h"

namespace qiaomen::cli {
namespace {

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Whether the task's subject matches `search` by name, address, phone, county id or task/subject
// id (ASCII letters in any case).
bool Matches(const core::store::TaskListItem& item, const std::string& search) {
  if (search.empty()) return true;
  const std::string needle = Lower(search);
  for (const std::string& field :
       {item.subject.name(), item.subject.address(), item.subject.phone(),
        item.subject.external_id(), IdText(item.subject.id()), IdText(item.task.id())}) {
    if (Lower(field).find(needle) != std::string::npos) return true;
  }
  return false;
}

// Every task of `grids`, by address in natural order (村, 组, 号 as numbers), then name and id.
core::Result<std::vector<core::store::TaskListItem>> CollectTasks(
    core::store::Store& store, const std::vector<std::string>& grids, const core::Args& args) {
  std::vector<core::store::TaskListItem> items;
  const std::string search = args.Get("search").value_or("");
  for (const auto& grid : grids) {
    core::store::TaskQuery query;
    query.grid_id = grid;
    query.include_done = args.Has("all");
    query.limit = 200;
    for (;;) {
      QM_ASSIGN_OR_RETURN(auto page, store.ListTasks(query));
      for (auto& item : page.items) {
        if (Matches(item, search)) items.push_back(std::move(item));
      }
      if (page.next_page.empty()) break;
      query.page = page.next_page;
    }
  }
  std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
    if (int c = base::CompareNatural(a.subject.address(), b.subject.address())) return c < 0;
    if (int c = base::CompareNatural(a.subject.name(), b.subject.name())) return c < 0;
    return base::CompareNatural(a.subject.external_id(), b.subject.external_id()) < 0;
  });
  return items;
}

void PrintTable(std::ostream& out, const std::vector<core::store::TaskListItem>& items,
                const CliContext& ctx) {
  std::vector<std::vector<std::string>> rows(1);
  const std::string columns = ctx.T(Msg::kTasksColumns);
  for (size_t at = 0; at <= columns.size();) {
    const size_t bar = std::min(columns.find('|', at), columns.size());
    rows[0].push_back(columns.substr(at, bar - at));
    at = bar + 1;
  }
  for (const auto& item : items) {
    rows.push_back({item.subject.external_id(), item.subject.name(), item.subject.address(),
                    item.subject.phone(), item.subject.grid_id(), item.task.template_id(),
                    item.task.due_date(), ctx.T(item.done ? Msg::kTaskDone : Msg::kTaskOpen)});
  }
  std::vector<size_t> widths(rows[0].size(), 0);
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      widths[c] = std::max(widths[c], base::DisplayWidth(row[c]));
    }
  }
  for (const auto& row : rows) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      line += c + 1 == row.size() ? row[c] : base::PadToWidth(row[c], widths[c]) + "  ";
    }
    out << line << "\n";
  }
}

core::Status Tasks(const core::Args& args, CliContext& ctx) {
  auto key_store = KeyStoreFor(ctx);
  QM_ASSIGN_OR_RETURN(auto device, OpenDevice(ctx, key_store));
  auto& store = device->profile().store();
  std::vector<std::string> grids;
  if (auto grid = args.Get("grid")) {
    grids.push_back(*grid);
  } else {
    QM_ASSIGN_OR_RETURN(grids, DeviceGrids(store));
  }
  QM_ASSIGN_OR_RETURN(auto items, CollectTasks(store, grids, args));
  if (ctx.json) {
    JsonWriter json;
    json.BeginArray();
    for (const auto& item : items) {
      json.BeginObject()
          .Field("task_id", IdText(item.task.id()))
          .Field("subject_id", IdText(item.subject.id()))
          .Field("external_id", item.subject.external_id())
          .Field("kind", KindName(item.subject.kind()))
          .Field("name", item.subject.name())
          .Field("address", item.subject.address())
          .Field("phone", item.subject.phone())
          .Field("grid", item.subject.grid_id())
          .Field("template", item.task.template_id())
          .Field("campaign", item.task.campaign_id())
          .Field("assignee", item.task.assignee())
          .Field("due", item.task.due_date())
          .Field("done", item.done)
          .EndObject();
    }
    json.EndArray();
    ctx.out << json.str();
    return core::Status::Ok();
  }
  // The grids counted are those the listed tasks are in, not every grid the device holds.
  std::set<std::string> in_grids;
  int done = 0;
  for (const auto& item : items) {
    in_grids.insert(item.subject.grid_id());
    done += item.done ? 1 : 0;
  }
  if (!items.empty()) PrintTable(ctx.out, items, ctx);
  ctx.out << ctx.T(Msg::kTasksTotal,
                   {std::to_string(items.size()), std::to_string(in_grids.size())});
  if (args.Has("all")) ctx.out << ctx.T(Msg::kTasksDone, {std::to_string(done)});
  ctx.out << (ctx.language == core::domain::Language::kZh ? "。\n" : ".\n");
  return core::Status::Ok();
}

}  // namespace

void AddTaskCommands(std::vector<Command>& commands) {
  commands.push_back(
      Command{"tasks", Msg::kSummaryTasks, Msg::kUsageTasks, {{"grid", "search"}, {"all"}}, Tasks});
}

}  // namespace qiaomen::cli
