#include "task_list_model.h"

#include <algorithm>

namespace qiaomen::mobile {
namespace {

QString SectionOf(const TaskRow& row) { return TaskListModel::SectionName(row.village, row.grid); }

}  // namespace

TaskListModel::TaskListModel(QObject* parent) : QAbstractListModel(parent) {}

QString TaskListModel::SectionName(const QString& village, const QString& grid) {
  return village.isEmpty() ? grid : village + QStringLiteral(" · ") + grid;
}

int TaskListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

QVariant TaskListModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
    return {};
  }
  const TaskRow& row = rows_.at(index.row());
  switch (role) {
    case Qt::DisplayRole:
    case kName:
      return row.name;
    case kTaskId:
      return row.task_id;
    case kSubjectId:
      return row.subject_id;
    case kAddress:
      return row.address;
    case kPhone:
      return row.phone;
    case kVillage:
      return row.village;
    case kGrid:
      return row.grid;
    case kSection:
      return SectionOf(row);
    case kDueDate:
      return row.due_date;
    case kDone:
      return row.done;
    case kReturnDue:
      return row.return_due;
    case kHasDraft:
      return row.has_draft;
    case kOpenHazards:
      return row.open_hazards;
    case kGroupVisited:
      return group(SectionOf(row)).value(QStringLiteral("visited"), 0);
    case kGroupRemaining:
      return group(SectionOf(row)).value(QStringLiteral("remaining"), 0);
    default:
      return {};
  }
}

QHash<int, QByteArray> TaskListModel::roleNames() const {
  return {{kTaskId, "taskId"},
          {kSubjectId, "subjectId"},
          {kName, "name"},
          {kAddress, "address"},
          {kPhone, "phone"},
          {kVillage, "village"},
          {kGrid, "grid"},
          {kSection, "section"},
          {kDueDate, "dueDate"},
          {kDone, "done"},
          {kReturnDue, "returnDue"},
          {kHasDraft, "hasDraft"},
          {kOpenHazards, "openHazards"},
          {kGroupVisited, "groupVisited"},
          {kGroupRemaining, "groupRemaining"}};
}

void TaskListModel::SetRows(QList<TaskRow> rows, const QList<TaskGroup>& groups) {
  std::stable_sort(rows.begin(), rows.end(),
                   [](const TaskRow& a, const TaskRow& b) { return SectionOf(a) < SectionOf(b); });
  QVariantMap counts;
  for (const TaskGroup& g : groups) {
    counts.insert(SectionName(g.village, g.grid),
                  QVariantMap{{QStringLiteral("visited"), g.visited},
                              {QStringLiteral("remaining"), g.remaining},
                              {QStringLiteral("returnVisits"), g.return_visits},
                              {QStringLiteral("total"), g.visited + g.remaining}});
  }
  const bool count_changed = rows.size() != rows_.size();
  const bool groups_changed = counts != groups_;
  beginResetModel();
  rows_ = std::move(rows);
  groups_ = std::move(counts);
  endResetModel();
  if (count_changed) emit countChanged();
  if (groups_changed) emit groupsChanged();
}

const TaskRow* TaskListModel::Find(const QString& task_id) const {
  for (const TaskRow& row : rows_) {
    if (row.task_id == task_id) return &row;
  }
  return nullptr;
}

QVariantMap TaskListModel::get(int row) const {
  QVariantMap map;
  if (row < 0 || row >= rows_.size()) return map;
  const QHash<int, QByteArray> roles = roleNames();
  for (auto it = roles.begin(); it != roles.end(); ++it) {
    map.insert(QString::fromUtf8(it.value()), data(index(row), it.key()));
  }
  return map;
}

QVariantMap TaskListModel::group(const QString& section) const {
  return groups_.value(section).toMap();
}

}  // namespace qiaomen::mobile
