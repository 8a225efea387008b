#include "hazard_board_model.h"

#include <QHash>
#include <algorithm>

namespace qiaomen::mobile {
namespace {

QString SectionOf(const HazardRow& row) {
  return row.subject_address.isEmpty()
             ? row.subject_name
             : row.subject_name + QStringLiteral(" · ") + row.subject_address;
}

// Before: more urgent. Overdue first, then the nearest deadline, then no deadline.
bool MoreUrgent(const HazardRow& a, const HazardRow& b) {
  if (a.overdue != b.overdue) return a.overdue;
  if (a.deadline.isEmpty() != b.deadline.isEmpty()) return b.deadline.isEmpty();
  return a.deadline < b.deadline;
}

}  // namespace

QList<HazardRow> GroupHazardsByHousehold(QList<HazardRow> rows) {
  std::stable_sort(rows.begin(), rows.end(), MoreUrgent);
  // Each household takes the place of its most urgent hazard (the first one met).
  QHash<QString, int> rank;
  for (const HazardRow& row : rows) {
    if (!rank.contains(row.subject_id)) rank.insert(row.subject_id, static_cast<int>(rank.size()));
  }
  std::stable_sort(rows.begin(), rows.end(), [&](const HazardRow& a, const HazardRow& b) {
    return rank.value(a.subject_id) < rank.value(b.subject_id);
  });
  return rows;
}

HazardBoardModel::HazardBoardModel(QObject* parent) : QAbstractListModel(parent) {}

int HazardBoardModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(shown_.size());
}

QVariant HazardBoardModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
    return {};
  }
  const HazardRow& row = rows_.at(shown_.at(index.row()));
  switch (role) {
    case Qt::DisplayRole:
    case kTitleZh:
      return row.title_zh;
    case kHazardId:
      return row.id;
    case kTitleEn:
      return row.title_en;
    case kMajor:
      return row.major;
    case kDeadline:
      return row.deadline;
    case kDeadlineDays:
      return row.deadline_days;
    case kStatusZh:
      return row.status_zh;
    case kStatusEn:
      return row.status_en;
    case kOverdue:
      return row.overdue;
    case kDueSoon:
      return row.due_soon;
    case kSubjectId:
      return row.subject_id;
    case kSubjectName:
      return row.subject_name;
    case kSection:
      return SectionOf(row);
    default:
      return {};
  }
}

QHash<int, QByteArray> HazardBoardModel::roleNames() const {
  return {{kHazardId, "hazardId"}, {kTitleZh, "titleZh"},     {kTitleEn, "titleEn"},
          {kMajor, "major"},       {kDeadline, "deadline"},   {kDeadlineDays, "deadlineDays"},
          {kStatusZh, "statusZh"}, {kStatusEn, "statusEn"},   {kOverdue, "overdue"},
          {kDueSoon, "dueSoon"},   {kSubjectId, "subjectId"}, {kSubjectName, "subjectName"},
          {kSection, "household"}};
}

bool HazardBoardModel::Shows(const HazardRow& row, int filter) const {
  switch (filter) {
    case DueSoon:
      return row.due_soon;
    case Overdue:
      return row.overdue;
    default:
      return true;
  }
}

void HazardBoardModel::setFilter(int filter) {
  if (filter == filter_ || filter < Open || filter > Overdue) return;
  filter_ = filter;
  Rebuild();
  emit filterChanged();
}

int HazardBoardModel::dueSoonCount() const {
  return static_cast<int>(
      std::count_if(rows_.begin(), rows_.end(), [](const HazardRow& r) { return r.due_soon; }));
}

int HazardBoardModel::overdueCount() const {
  return static_cast<int>(
      std::count_if(rows_.begin(), rows_.end(), [](const HazardRow& r) { return r.overdue; }));
}

int HazardBoardModel::sectionCount(const QString& section) const {
  int n = 0;
  for (int i : shown_) n += SectionOf(rows_.at(i)) == section ? 1 : 0;
  return n;
}

bool HazardBoardModel::listed(const QString& hazard_id, int filter) const {
  return std::any_of(rows_.begin(), rows_.end(),
                     [&](const HazardRow& r) { return r.id == hazard_id && Shows(r, filter); });
}

void HazardBoardModel::SetRows(const QList<HazardRow>& rows) {
  rows_ = rows;
  Rebuild();
  emit countsChanged();
}

void HazardBoardModel::Rebuild() {
  const int before = static_cast<int>(shown_.size());
  beginResetModel();
  shown_.clear();
  for (int i = 0; i < rows_.size(); ++i) {
    if (Shows(rows_.at(i), filter_)) shown_.push_back(i);
  }
  endResetModel();
  if (shown_.size() != before) emit countChanged();
}

}  // namespace qiaomen::mobile
