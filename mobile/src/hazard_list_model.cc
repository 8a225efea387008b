#include "hazard_list_model.h"

namespace qiaomen::mobile {

HazardListModel::HazardListModel(QObject* parent) : QAbstractListModel(parent) {}

int HazardListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

QVariant HazardListModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
    return {};
  }
  const HazardRow& row = rows_.at(index.row());
  switch (role) {
    case Qt::DisplayRole:
    case kTitleZh:
      return row.title_zh;
    case kHazardId:
      return row.id;
    case kTitleEn:
      return row.title_en;
    case kCategory:
      return row.category;
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
    case kPhotoMissing:
      return row.photo_missing;
    case kSubjectId:
      return row.subject_id;
    case kSubjectName:
      return row.subject_name;
    case kRuleId:
      return row.rule_id;
    case kFixedOnSite:
      return row.fixed_on_site;
    default:
      return {};
  }
}

QHash<int, QByteArray> HazardListModel::roleNames() const {
  return {{kHazardId, "hazardId"},
          {kTitleZh, "titleZh"},
          {kTitleEn, "titleEn"},
          {kCategory, "category"},
          {kMajor, "major"},
          {kDeadline, "deadline"},
          {kDeadlineDays, "deadlineDays"},
          {kStatusZh, "statusZh"},
          {kStatusEn, "statusEn"},
          {kOverdue, "overdue"},
          {kPhotoMissing, "photoMissing"},
          {kSubjectId, "subjectId"},
          {kSubjectName, "subjectName"},
          {kRuleId, "ruleId"},
          {kFixedOnSite, "fixedOnSite"}};
}

void HazardListModel::SetRows(const QList<HazardRow>& rows) {
  const bool count_changed = rows.size() != rows_.size();
  beginResetModel();
  rows_ = rows;
  endResetModel();
  if (count_changed) emit countChanged();
}

}  // namespace qiaomen::mobile
