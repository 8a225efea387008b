#pragma once
// The worker's tasks for the task list, sectioned by village and grid (role "section").
// UI thread only; filled from DeviceWorker::tasksLoaded.

#include <QtQml/qqmlregistration.h>

#include <QAbstractListModel>

#include "app_types.h"

namespace qiaomen::mobile {

class TaskListModel : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("Owned by AppController")
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

 public:
  enum Role {
    kTaskId = Qt::UserRole + 1,
    kSubjectId,
    kName,
    kAddress,
    kPhone,
    kVillage,
    kGrid,
    kSection,  // "village · grid" (the grid alone when the village is unknown)
    kDueDate,
    kDone,
    kReturnDue,
    kHasDraft,
  };

  explicit TaskListModel(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  // Replaces the rows; sorts them by section so that ListView sections come out whole.
  void SetRows(QList<TaskRow> rows);
  const TaskRow* Find(const QString& task_id) const;
  // The row as a map of role names to values ({} out of range), for QML and tests.
  Q_INVOKABLE QVariantMap get(int row) const;

 signals:
  void countChanged();

 private:
  QList<TaskRow> rows_;
};

}  // namespace qiaomen::mobile
