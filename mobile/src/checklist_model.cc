#include "checklist_model.h"

#include <QSet>

namespace qiaomen::mobile {

ChecklistModel::ChecklistModel(QObject* parent) : QAbstractListModel(parent) {}

int ChecklistModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

QVariant ChecklistModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
    return {};
  }
  const ChecklistRow& row = rows_.at(index.row());
  switch (role) {
    case Qt::DisplayRole:
    case kLabelZh:
      return row.label_zh;
    case kItemId:
      return row.item_id;
    case kSectionId:
      return row.section_id;
    case kSectionZh:
      return row.section_zh;
    case kSectionEn:
      return row.section_en;
    case kSectionIndex:
      return row.section_index;
    case kKind:
      return row.kind;
    case kLabelEn:
      return row.label_en;
    case kHelpZh:
      return row.help_zh;
    case kHelpEn:
      return row.help_en;
    case kUnit:
      return row.unit;
    case kRequired:
      return row.required;
    case kAnswer:
      return row.answer;
    case kChoices:
      return row.choices;
    case kErrorZh:
      return row.error_zh;
    case kErrorEn:
      return row.error_en;
    case kPhotoCount:
      return row.photo_count;
    case kPhotoIds:
      return row.photo_ids;
    case kHazard:
      return row.hazard;
    default:
      return {};
  }
}

QHash<int, QByteArray> ChecklistModel::roleNames() const {
  return {{kItemId, "itemId"},
          {kSectionId, "sectionId"},
          {kSectionZh, "sectionZh"},
          {kSectionEn, "sectionEn"},
          {kSectionIndex, "sectionIndex"},
          {kKind, "kind"},
          {kLabelZh, "labelZh"},
          {kLabelEn, "labelEn"},
          {kHelpZh, "helpZh"},
          {kHelpEn, "helpEn"},
          {kUnit, "unit"},
          {kRequired, "mandatory"},
          {kAnswer, "answer"},
          {kChoices, "choices"},
          {kErrorZh, "errorZh"},
          {kErrorEn, "errorEn"},
          {kPhotoCount, "photoCount"},
          {kPhotoIds, "photoIds"},
          {kHazard, "hazard"}};
}

void ChecklistModel::SetRows(const QList<ChecklistRow>& rows) {
  const qsizetype before = rows_.size();
  QSet<QString> next_ids;
  for (const ChecklistRow& row : rows) next_ids.insert(row.item_id);
  // Remove the rows that went away (from the bottom, so indices stay right).
  for (qsizetype i = rows_.size() - 1; i >= 0; --i) {
    if (next_ids.contains(rows_.at(i).item_id)) continue;
    beginRemoveRows(QModelIndex(), static_cast<int>(i), static_cast<int>(i));
    rows_.removeAt(i);
    endRemoveRows();
  }
  // Both lists are now in template order and the old one is a subsequence of the new one: walk
  // the new list and insert what the old one lacks where it belongs.
  QSet<QString> kept;
  for (const ChecklistRow& row : rows_) kept.insert(row.item_id);
  for (qsizetype i = 0; i < rows.size(); ++i) {
    if (kept.contains(rows.at(i).item_id)) continue;
    beginInsertRows(QModelIndex(), static_cast<int>(i), static_cast<int>(i));
    rows_.insert(i, rows.at(i));
    endInsertRows();
  }
  // Same ids in the same order unless the template changed under us: then start over.
  bool same_order = rows_.size() == rows.size();
  for (qsizetype i = 0; same_order && i < rows.size(); ++i) {
    same_order = rows_.at(i).item_id == rows.at(i).item_id;
  }
  if (!same_order) {
    beginResetModel();
    rows_ = rows;
    endResetModel();
  } else {
    rows_ = rows;
    if (!rows_.isEmpty()) emit dataChanged(index(0), index(static_cast<int>(rows_.size()) - 1));
  }
  if (rows_.size() != before) emit countChanged();
}

int ChecklistModel::rowOf(const QString& item_id) const {
  for (qsizetype i = 0; i < rows_.size(); ++i) {
    if (rows_.at(i).item_id == item_id) return static_cast<int>(i);
  }
  return -1;
}

int ChecklistModel::sectionOfRow(int row) const {
  return row >= 0 && row < rows_.size() ? rows_.at(row).section_index : -1;
}

int ChecklistModel::firstRowOfSection(int section) const {
  for (qsizetype i = 0; i < rows_.size(); ++i) {
    if (rows_.at(i).section_index == section) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace qiaomen::mobile
