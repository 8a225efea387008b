// Store: tasks (subject x checklist x worker x due date) and the task list.

#include <string>

#include "qiaomen/core/store/store.h"
#include "store/rows.h"

namespace qiaomen::core::store {

using internal::AsBlob;

namespace {

bool IsDate(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  const int month = std::stoi(text.substr(5, 2));
  const int day = std::stoi(text.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

Status ValidateTask(const v1::Task& task) {
  if (task.template_id().empty()) return InvalidArgument("Choose the checklist for the task.");
  if (task.assignee().empty()) return InvalidArgument("Choose the worker the task is for.");
  if (!task.due_date().empty() && !IsDate(task.due_date())) {
    return InvalidArgument("The due date must be a date like 2026-12-31; got \"" + task.due_date() +
                           "\".");
  }
  return Status::Ok();
}

}  // namespace

Result<v1::Task> Store::CreateTask(v1::Task task) {
  if (task.id().empty()) task.set_id(NewId().ToBytes());
  QM_RETURN_IF_ERROR(internal::CheckId(task.id(), "task"));
  QM_RETURN_IF_ERROR(internal::CheckId(task.subject_id(), "subject"));
  QM_RETURN_IF_ERROR(ValidateTask(task));
  QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db_));
  v1::Subject subject;
  QM_RETURN_IF_ERROR(LoadRecord(v1::ENTITY_SUBJECT, task.subject_id(), subject));
  QM_ASSIGN_OR_RETURN(auto existing, LoadState(v1::ENTITY_TASK, task.id()));
  if (existing) {
    return AlreadyExists("A task with id " + internal::IdText(task.id()) + " already exists.");
  }
  QM_RETURN_IF_ERROR(CreateFields(v1::ENTITY_TASK, task));
  QM_RETURN_IF_ERROR(txn.Commit());
  return task;
}

Result<std::vector<std::string>> Store::UpdateTask(const v1::Task& edited,
                                                   const FieldStamps* seen) {
  QM_RETURN_IF_ERROR(internal::CheckId(edited.id(), "task"));
  QM_RETURN_IF_ERROR(ValidateTask(edited));
  QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db_));
  QM_ASSIGN_OR_RETURN(auto changed, UpdateFields(v1::ENTITY_TASK, edited, seen));
  if (!changed.empty()) QM_RETURN_IF_ERROR(txn.Commit());
  return changed;
}

Result<v1::Task> Store::GetTask(const Uuid& id) {
  v1::Task task;
  QM_RETURN_IF_ERROR(LoadRecord(v1::ENTITY_TASK, id.ToBytes(), task));
  return task;
}

Result<TaskPage> Store::ListTasks(const TaskQuery& query) {
  if (query.grid_id.empty()) return InvalidArgument("Choose a grid to list its tasks.");
  if (query.limit < 1 || query.limit > 200) {
    return InvalidArgument("A page holds between 1 and 200 tasks.");
  }
  // Keyset paging over (subject name, subject id, task id); the token is the last row's key.
  std::string after_subject;
  std::string after_task;
  std::string after_name;
  if (!query.page.empty()) {
    if (query.page.size() < 32) return InvalidArgument("The page token is not one this list gave.");
    after_subject = query.page.substr(0, 16);
    after_task = query.page.substr(16, 16);
    after_name = query.page.substr(32);
  }
  const std::string pattern = internal::ContainsPattern(query.search);
  // The subjects_grid_name index yields the grid's subjects in name order and the LIKE is checked
  // on the index entry; tasks are found per subject through tasks_subject.
  QM_ASSIGN_OR_RETURN(
      auto stmt,
      Stmt("SELECT t.record, s.record, t.done_visit_id IS NOT NULL, s.name, s.id, t.id "
           "FROM subjects s JOIN tasks t ON t.subject_id = s.id "
           "WHERE s.grid_id = ?1 AND s.deleted = 0 AND t.deleted = 0 AND s.name >= ?2 "
           "AND (s.name, s.id, t.id) > (?2, ?3, ?4) AND (?5 = '' OR s.name LIKE ?6 ESCAPE '\\' "
           "OR s.contact LIKE ?6 ESCAPE '\\') "
           "AND (?7 = '' OR t.assignee = ?7) AND (?8 OR t.done_visit_id IS NULL) "
           "ORDER BY s.name, s.id, t.id LIMIT ?9;"));
  stmt->Bind(1, std::string_view(query.grid_id))
      .Bind(2, std::string_view(after_name))
      .BindBlob(3, AsBlob(after_subject))
      .BindBlob(4, AsBlob(after_task))
      .Bind(5, std::string_view(query.search))
      .Bind(6, std::string_view(pattern))
      .Bind(7, std::string_view(query.assignee))
      .Bind(8, static_cast<int64_t>(query.include_done ? 1 : 0))
      .Bind(9, static_cast<int64_t>(query.limit));
  TaskPage page;
  std::string last_key;
  for (;;) {
    QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    TaskListItem item;
    QM_ASSIGN_OR_RETURN(item.task, internal::ParseRecord<v1::Task>(*stmt, 0, "task"));
    QM_ASSIGN_OR_RETURN(item.subject, internal::ParseRecord<v1::Subject>(*stmt, 1, "subject"));
    item.done = stmt->ColumnInt(2) != 0;
    last_key =
        internal::ColumnBytes(*stmt, 4) + internal::ColumnBytes(*stmt, 5) + stmt->ColumnText(3);
    page.items.push_back(std::move(item));
  }
  if (static_cast<int>(page.items.size()) == query.limit) page.next_page = last_key;
  return page;
}

Result<TaskCounts> Store::CountTasks(const std::string& grid_id, const std::string& assignee) {
  QM_ASSIGN_OR_RETURN(
      auto stmt,
      Stmt("SELECT count(*), COALESCE(sum(t.done_visit_id IS NOT NULL), 0), "
           "COALESCE(sum(t.done_visit_id IS NULL AND EXISTS (SELECT 1 FROM visits v WHERE "
           "v.task_id = t.id AND v.outcome IN (?3, ?4))), 0) "
           "FROM tasks t JOIN subjects s ON s.id = t.subject_id "
           "WHERE t.deleted = 0 AND s.deleted = 0 AND (?1 = '' OR s.grid_id = ?1) "
           "AND (?2 = '' OR t.assignee = ?2);"));
  stmt->Bind(1, std::string_view(grid_id))
      .Bind(2, std::string_view(assignee))
      .Bind(3, static_cast<int64_t>(v1::NOBODY_HOME))
      .Bind(4, static_cast<int64_t>(v1::REFUSED));  // both wait for a return visit
  QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
  TaskCounts counts;
  if (!row) return counts;
  counts.total = stmt->ColumnInt(0);
  counts.visited = stmt->ColumnInt(1);
  counts.remaining = counts.total - counts.visited;
  counts.return_visits = stmt->ColumnInt(2);
  return counts;
}

}  // namespace qiaomen::core::store
