#pragma once
// The hazards tab: this device's open hazards in three lists (未销号 open, 3 天内到期 due soon,
// 已逾期 overdue), grouped by household, with each list's count and each household's count in the
// list shown. The worker classifies and groups the rows (by the county's today; see
// GroupHazardsByHousehold); this model only chooses the list. UI thread only.

#include <QtQml/qqmlregistration.h>

#include <QAbstractListModel>

#include "app_types.h"

namespace qiaomen::mobile {

// Orders open hazards for the lists: households whole, the most urgent household first (an
// overdue hazard, then the nearest deadline), inside a household the nearest deadline first and
// hazards without one last. Pure; the worker calls it before sending the rows.
QList<HazardRow> GroupHazardsByHousehold(QList<HazardRow> rows);

class HazardBoardModel : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("Owned by AppController")
  Q_PROPERTY(int filter READ filter WRITE setFilter NOTIFY filterChanged)
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
  Q_PROPERTY(int openCount READ openCount NOTIFY countsChanged)
  Q_PROPERTY(int dueSoonCount READ dueSoonCount NOTIFY countsChanged)
  Q_PROPERTY(int overdueCount READ overdueCount NOTIFY countsChanged)

 public:
  enum Filter { Open = 0, DueSoon = 1, Overdue = 2 };
  Q_ENUM(Filter)
  enum Role {
    kHazardId = Qt::UserRole + 1,
    kTitleZh,
    kTitleEn,
    kMajor,
    kDeadline,
    kDeadlineDays,
    kStatusZh,
    kStatusEn,
    kOverdue,
    kDueSoon,
    kSubjectId,
    kSubjectName,
    kSection,  // "张三 · 石门村一组 12 号": the household, for ListView sections
  };

  explicit HazardBoardModel(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  int filter() const { return filter_; }
  void setFilter(int filter);
  int openCount() const { return static_cast<int>(rows_.size()); }
  int dueSoonCount() const;
  int overdueCount() const;
  // The hazards of the household `section` (a kSection value) in the list shown.
  Q_INVOKABLE int sectionCount(const QString& section) const;
  // Whether the hazard is in the list `filter` (the tests ask).
  Q_INVOKABLE bool listed(const QString& hazard_id, int filter) const;

  // The worker's rows, already grouped (GroupHazardsByHousehold).
  void SetRows(const QList<HazardRow>& rows);

 signals:
  void filterChanged();
  void countChanged();
  void countsChanged();

 private:
  bool Shows(const HazardRow& row, int filter) const;
  void Rebuild();

  int filter_ = Open;
  QList<HazardRow> rows_;
  QList<int> shown_;  // indexes into rows_ of the list shown
};

}  // namespace qiaomen::mobile
