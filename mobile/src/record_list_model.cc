#include "record_list_model.h"

namespace qiaomen::mobile {

RecordListModel::RecordListModel(QList<QByteArray> roles, QObject* parent)
    : QAbstractListModel(parent), roles_(std::move(roles)) {}

int RecordListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

QVariant RecordListModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
    return {};
  }
  const int key = role == Qt::DisplayRole ? 0 : role - Qt::UserRole - 1;
  if (key < 0 || key >= roles_.size()) return {};
  return rows_.at(index.row()).value(QString::fromUtf8(roles_.at(key)));
}

QHash<int, QByteArray> RecordListModel::roleNames() const {
  QHash<int, QByteArray> names;
  for (int i = 0; i < roles_.size(); ++i) names.insert(Qt::UserRole + 1 + i, roles_.at(i));
  return names;
}

void RecordListModel::SetRows(QList<QVariantMap> rows) {
  const bool count_changed = rows.size() != rows_.size();
  beginResetModel();
  rows_ = std::move(rows);
  endResetModel();
  if (count_changed) emit countChanged();
}

QVariantMap RecordListModel::get(int row) const {
  return row >= 0 && row < rows_.size() ? rows_.at(row) : QVariantMap();
}

}  // namespace qiaomen::mobile
