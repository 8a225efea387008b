#pragma once
// The visible items of the visit in progress, as the forms engine decides them after each
// answer. An answer that shows or hides items inserts or removes just those rows (so the list
// keeps its place under the worker's thumb); the others get dataChanged. UI thread only.

#include <QtQml/qqmlregistration.h>

#include <QAbstractListModel>

#include "app_types.h"

namespace qiaomen::mobile {

class ChecklistModel : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("Owned by AppController")
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

 public:
  enum Role {
    kItemId = Qt::UserRole + 1,
    kSectionId,
    kSectionZh,
    kSectionEn,
    kSectionIndex,
    kKind,
    kLabelZh,
    kLabelEn,
    kHelpZh,
    kHelpEn,
    kUnit,
    kRequired,
    kAnswer,
    kChoices,
    kErrorZh,
    kErrorEn,
    kPhotoCount,
    kPhotoIds,
    kHazard,
  };

  explicit ChecklistModel(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  // Moves to `rows` (visible items in template order) with the fewest row changes.
  void SetRows(const QList<ChecklistRow>& rows);
  // The row of `item_id`, or -1.
  Q_INVOKABLE int rowOf(const QString& item_id) const;
  // The 0-based section of `row` (-1 out of range), and the first row of `section` (-1: none).
  Q_INVOKABLE int sectionOfRow(int row) const;
  Q_INVOKABLE int firstRowOfSection(int section) const;

 signals:
  void countChanged();

 private:
  QList<ChecklistRow> rows_;
};

}  // namespace qiaomen::mobile
