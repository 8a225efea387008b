#pragma once
// A small read-only list of records given as maps with fixed role names: a household's visit
// history, the changes the county refused, the drafts left open. UI thread only.

#include <QtQml/qqmlregistration.h>

#include <QAbstractListModel>
#include <QVariantMap>

namespace qiaomen::mobile {

class RecordListModel : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("Owned by AppController")
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

 public:
  // `roles`: the keys of each record, exposed as roles in this order.
  explicit RecordListModel(QList<QByteArray> roles, QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  void SetRows(QList<QVariantMap> rows);
  Q_INVOKABLE QVariantMap get(int row) const;

 signals:
  void countChanged();

 private:
  QList<QByteArray> roles_;
  QList<QVariantMap> rows_;
};

}  // namespace qiaomen::mobile
