// tasks: the open tasks of this device's grids.
#include <iostream>

#include "../device_open.h"
#include "../records_view.h"
#include "qiaomen/cli/command.h"

namespace qiaomen::cli {
namespace {

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
  JsonWriter json;
  json.BeginArray();
  int count = 0, done = 0;
  for (const auto& grid : grids) {
    core::store::TaskQuery query;
    query.grid_id = grid;
    query.search = args.Get("search").value_or("");
    query.include_done = args.Has("all");
    query.limit = 200;
    for (;;) {
      QM_ASSIGN_OR_RETURN(auto page, store.ListTasks(query));
      for (const auto& item : page.items) {
        ++count;
        done += item.done ? 1 : 0;
        if (ctx.json) {
          json.BeginObject()
              .Field("task_id", IdText(item.task.id()))
              .Field("subject_id", IdText(item.subject.id()))
              .Field("external_id", item.subject.external_id())
              .Field("kind", KindName(item.subject.kind()))
              .Field("name", item.subject.name())
              .Field("address", item.subject.address())
              .Field("grid", item.subject.grid_id())
              .Field("template", item.task.template_id())
              .Field("campaign", item.task.campaign_id())
              .Field("assignee", item.task.assignee())
              .Field("due", item.task.due_date())
              .Field("done", item.done)
              .EndObject();
        } else {
          ctx.out << item.subject.external_id() << "  " << item.subject.name() << "  "
                  << item.subject.address() << "  " << item.task.template_id() << "  due "
                  << item.task.due_date() << (item.done ? "  done" : "") << "\n";
        }
      }
      if (page.next_page.empty()) break;
      query.page = page.next_page;
    }
  }
  json.EndArray();
  if (ctx.json) {
    ctx.out << json.str();
  } else {
    ctx.out << count << (count == 1 ? " task" : " tasks") << " in " << grids.size()
            << (grids.size() == 1 ? " grid" : " grids");
    if (args.Has("all")) ctx.out << ", " << done << " done";
    ctx.out << ".\n";
  }
  return core::Status::Ok();
}

}  // namespace

void AddTaskCommands(std::vector<Command>& commands) {
  commands.push_back(Command{
      "tasks",
      "list the open tasks of this device's grids",
      "Usage: qiaomen tasks [--grid GRID] [--search TEXT] [--all] [--json]\n\n"
      "Lists the tasks assigned in this device's grids that no visit has closed yet (--all: the\n"
      "done ones too), by grid and subject name. --search keeps subjects whose name contains\n"
      "TEXT. A nobody-home visit leaves its task open for the return visit.\n",
      {{"grid", "search"}, {"all"}},
      Tasks});
}

}  // namespace qiaomen::cli
