#pragma once
// Hazards as a list: the ones a visit in progress derives (its summary, with deadlines), or a
// household's recorded ones with their status. UI thread only.

#include <QtQml/qqmlregistration.h>

#include <QAbstractListModel>

#include "app_types.h"

namespace qiaomen::mobile {

class HazardListModel : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("Owned by AppController")
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

 public:
  enum Role {
    kHazardId = Qt::UserRole + 1,
    kTitleZh,
    kTitleEn,
    kCategory,
    kMajor,
    kDeadline,
    kDeadlineDays,
    kStatusZh,
    kStatusEn,
    kOverdue,
    kPhotoMissing,
    kSubjectId,
    kSubjectName,
    kRuleId,
    kFixedOnSite,
  };

  explicit HazardListModel(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  void SetRows(const QList<HazardRow>& rows);

 signals:
  void countChanged();

 private:
  QList<HazardRow> rows_;
};

}  // namespace qiaomen::mobile
