#pragma once
// The worker's tasks for the task list, sectioned by village and grid (role "section"), with each
// section's visited / remaining counts (the `groups` map and the group* roles).
// UI thread only; filled from DeviceWorker::tasksLoaded.

#include <QtQml/qqmlregistration.h>

#include <QAbstractListModel>
#include <QHash>

#include "app_types.h"

namespace qiaomen::mobile {

class TaskListModel : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("Owned by AppController")
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
  // Section name -> {visited, remaining, returnVisits, total} of that village and grid's whole
  // campaign (not only the rows the search and filter show); {} for a section without counts.
  Q_PROPERTY(QVariantMap groups READ groups NOTIFY groupsChanged)

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
    kOpenHazards,   // hazards of the household not closed yet
    kGroupVisited,  // the section's counts, as in `groups`
    kGroupRemaining,
  };

  explicit TaskListModel(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  // The section name of a village and grid ("village · grid", or the grid alone).
  static QString SectionName(const QString& village, const QString& grid);
  // Replaces the rows and the groups' counts; sorts the rows by section so that ListView
  // sections come out whole.
  void SetRows(QList<TaskRow> rows, const QList<TaskGroup>& groups = {});
  const TaskRow* Find(const QString& task_id) const;
  QVariantMap groups() const { return groups_; }
  // The row as a map of role names to values ({} out of range), for QML and tests.
  Q_INVOKABLE QVariantMap get(int row) const;
  // The counts of section `section` (see `groups`).
  Q_INVOKABLE QVariantMap group(const QString& section) const;

 signals:
  void countChanged();
  void groupsChanged();

 private:
  QList<TaskRow> rows_;
  QVariantMap groups_;
};

}  // namespace qiaomen::mobile
