#include <QAbstractItemModelTester>
#include <QTest>

#include "app_tests.h"
#include "checklist_model.h"
#include "hazard_list_model.h"
#include "record_list_model.h"
#include "task_list_model.h"

namespace qiaomen::mobile {
namespace {

using Mode = QAbstractItemModelTester::FailureReportingMode;

ChecklistRow Item(const QString& id) {
  ChecklistRow row;
  row.item_id = id;
  row.label_zh = id;
  row.kind = QStringLiteral("yesno");
  return row;
}

QStringList Ids(const ChecklistModel& model) {
  QStringList ids;
  for (int i = 0; i < model.rowCount(); ++i) {
    ids << model.data(model.index(i), ChecklistModel::kItemId).toString();
  }
  return ids;
}

}  // namespace

void ModelsTest::taskListSortsBySection() {
  TaskListModel model;
  QAbstractItemModelTester tester(&model, Mode::QtTest);
  TaskRow a;
  a.name = QStringLiteral("李建国");
  a.village = QStringLiteral("石门村");
  a.grid = QStringLiteral("第二网格");
  TaskRow b = a;
  b.name = QStringLiteral("张桂兰");
  b.grid = QStringLiteral("第一网格");
  b.return_due = true;
  TaskRow c = a;
  c.name = QStringLiteral("王秀英");
  model.SetRows({a, b, c});
  QCOMPARE(model.rowCount(), 3);
  // Sections come out whole (ListView needs that) and keep the worker's order inside.
  QCOMPARE(model.data(model.index(0), TaskListModel::kSection).toString(),
           QStringLiteral("石门村 · 第一网格"));
  QCOMPARE(model.data(model.index(1), TaskListModel::kName).toString(), QStringLiteral("李建国"));
  QCOMPARE(model.data(model.index(2), TaskListModel::kName).toString(), QStringLiteral("王秀英"));
  QVERIFY(model.data(model.index(0), TaskListModel::kReturnDue).toBool());
  QVERIFY(model.roleNames().values().contains("returnDue"));
  model.SetRows({});
  QCOMPARE(model.rowCount(), 0);
}

void ModelsTest::checklistInsertsAndRemovesOnlyWhatChanged() {
  ChecklistModel model;
  QAbstractItemModelTester tester(&model, Mode::QtTest);
  model.SetRows({Item("a"), Item("d")});
  int inserted = 0;
  int removed = 0;
  int resets = 0;
  connect(&model, &QAbstractItemModel::rowsInserted, this, [&] { ++inserted; });
  connect(&model, &QAbstractItemModel::rowsRemoved, this, [&] { ++removed; });
  connect(&model, &QAbstractItemModel::modelReset, this, [&] { ++resets; });
  model.SetRows({Item("a"), Item("b"), Item("c"), Item("d")});  // an answer shows b and c
  QCOMPARE(Ids(model), (QStringList{"a", "b", "c", "d"}));
  QCOMPARE(inserted, 2);
  model.SetRows({Item("a"), Item("c"), Item("e")});  // hides b and d, shows e
  QCOMPARE(Ids(model), (QStringList{"a", "c", "e"}));
  QCOMPARE(removed, 2);
  QCOMPARE(inserted, 3);
  QCOMPARE(resets, 0);
  ChecklistRow answered = Item("c");
  answered.answer = QStringLiteral("no");
  answered.error_zh = QStringLiteral("必填，请作答");
  model.SetRows({Item("a"), answered, Item("e")});
  QCOMPARE(model.data(model.index(1), ChecklistModel::kAnswer).toString(), QStringLiteral("no"));
  QCOMPARE(model.rowOf(QStringLiteral("e")), 2);
  QCOMPARE(model.rowOf(QStringLiteral("b")), -1);
}

void ModelsTest::checklistSections() {
  ChecklistModel model;
  QAbstractItemModelTester tester(&model, Mode::QtTest);
  ChecklistRow a = Item("a");
  ChecklistRow b = Item("b");
  ChecklistRow c = Item("c");
  c.section_index = 1;
  model.SetRows({a, b, c});
  QCOMPARE(model.sectionOfRow(1), 0);
  QCOMPARE(model.sectionOfRow(2), 1);
  QCOMPARE(model.sectionOfRow(3), -1);
  QCOMPARE(model.firstRowOfSection(1), 2);
  QCOMPARE(model.firstRowOfSection(2), -1);
}

void ModelsTest::checklistResetsWhenTheOrderChanges() {
  ChecklistModel model;
  QAbstractItemModelTester tester(&model, Mode::QtTest);
  model.SetRows({Item("a"), Item("b")});
  model.SetRows({Item("b"), Item("a")});
  QCOMPARE(Ids(model), (QStringList{"b", "a"}));
  model.SetRows({});
  QCOMPARE(model.rowCount(), 0);
}

void ModelsTest::hazardAndRecordLists() {
  HazardListModel hazards;
  QAbstractItemModelTester hazard_tester(&hazards, Mode::QtTest);
  HazardRow row;
  row.title_zh = QStringLiteral("燃煤炉具未安装烟囱");
  row.major = true;
  row.deadline = QStringLiteral("2026-12-04");
  hazards.SetRows({row, row});
  QCOMPARE(hazards.rowCount(), 2);
  QVERIFY(hazards.data(hazards.index(0), HazardListModel::kMajor).toBool());
  hazards.SetRows({});

  RecordListModel records({"what", "reason"});
  QAbstractItemModelTester record_tester(&records, Mode::QtTest);
  records.SetRows({{{QStringLiteral("what"), QStringLiteral("照片")},
                    {QStringLiteral("reason"), QStringLiteral("超出范围")}}});
  QCOMPARE(records.data(records.index(0), Qt::UserRole + 2).toString(), QStringLiteral("超出范围"));
  QCOMPARE(records.get(0).value(QStringLiteral("what")).toString(), QStringLiteral("照片"));
  QVERIFY(records.get(5).isEmpty());
}

}  // namespace qiaomen::mobile
