#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "app_tests.h"
#include "checklist_model.h"
#include "hazard_board_model.h"
#include "hazard_list_model.h"
#include "household_edit.h"
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

void ModelsTest::taskListGroupCountsAndHazards() {
  TaskListModel model;
  QAbstractItemModelTester tester(&model, Mode::QtTest);
  QSignalSpy groups_changed(&model, &TaskListModel::groupsChanged);
  TaskRow a;
  a.name = QStringLiteral("李建国");
  a.village = QStringLiteral("石门村");
  a.grid = QStringLiteral("第一网格");
  a.open_hazards = 1;
  TaskRow b;
  b.name = QStringLiteral("杨淑芬");
  b.village = QStringLiteral("东山村");
  b.grid = QStringLiteral("第一网格");
  const TaskGroup shimen{a.village, a.grid, 1, 3, 1};
  const TaskGroup dongshan{b.village, b.grid, 0, 3, 0};
  model.SetRows({a, b}, {shimen, dongshan});
  QCOMPARE(groups_changed.count(), 1);
  // Rows sorted by section: 东山村 first.
  QCOMPARE(model.data(model.index(1), TaskListModel::kOpenHazards).toInt(), 1);
  QCOMPARE(model.data(model.index(0), TaskListModel::kOpenHazards).toInt(), 0);
  QCOMPARE(model.data(model.index(1), TaskListModel::kGroupVisited).toInt(), 1);
  QCOMPARE(model.data(model.index(1), TaskListModel::kGroupRemaining).toInt(), 3);
  const QVariantMap group = model.group(QStringLiteral("石门村 · 第一网格"));
  QCOMPARE(group.value(QStringLiteral("visited")).toInt(), 1);
  QCOMPARE(group.value(QStringLiteral("remaining")).toInt(), 3);
  QCOMPARE(group.value(QStringLiteral("returnVisits")).toInt(), 1);
  QCOMPARE(group.value(QStringLiteral("total")).toInt(), 4);
  QCOMPARE(model.groups().size(), 2);
  QVERIFY(model.group(QStringLiteral("无此网格")).isEmpty());
  QVERIFY(model.roleNames().values().contains("openHazards"));
  QCOMPARE(model.get(1).value(QStringLiteral("groupVisited")).toInt(), 1);
  // The same counts again: no groupsChanged; a visit finished: the counts move.
  model.SetRows({a, b}, {shimen, dongshan});
  QCOMPARE(groups_changed.count(), 1);
  model.SetRows({a, b}, {{a.village, a.grid, 2, 2, 1}, dongshan});
  QCOMPARE(groups_changed.count(), 2);
  QCOMPARE(model.data(model.index(1), TaskListModel::kGroupVisited).toInt(), 2);
  // A filter that hides a group's rows keeps its counts; no counts at all: empty.
  model.SetRows({b}, {shimen, dongshan});
  QCOMPARE(model.rowCount(), 1);
  QCOMPARE(
      model.group(QStringLiteral("石门村 · 第一网格")).value(QStringLiteral("visited")).toInt(), 1);
  model.SetRows({}, {});
  QVERIFY(model.groups().isEmpty());
}

void ModelsTest::householdEditChecksWhatWasTyped() {
  const QStringList none;
  HouseholdEditCheck mobile =
      CheckHouseholdEdit(QStringLiteral(" 138 1234 5678 "), QStringLiteral("3"), none);
  QVERIFY(mobile.ok);
  QCOMPARE(mobile.edit.phone, QStringLiteral("13812345678"));
  QCOMPARE(mobile.edit.members, 3);
  QCOMPARE(
      CheckHouseholdEdit(QStringLiteral("0571-87654321"), QStringLiteral("1"), none).edit.phone,
      QStringLiteral("0571-87654321"));
  QCOMPARE(CheckHouseholdEdit(QStringLiteral("057187654321"), QStringLiteral("1"), none).edit.phone,
           QStringLiteral("0571-87654321"));
  QCOMPARE(
      CheckHouseholdEdit(QStringLiteral("(010) 6123 4567"), QStringLiteral("1"), none).edit.phone,
      QStringLiteral("010-61234567"));
  QCOMPARE(CheckHouseholdEdit(QStringLiteral("8765432"), QStringLiteral("1"), none).edit.phone,
           QStringLiteral("8765432"));
  HouseholdEditCheck cleared = CheckHouseholdEdit(QString(), QStringLiteral("0"), none);
  QVERIFY(cleared.ok);
  QVERIFY(cleared.edit.phone.isEmpty());
  for (const char* bad : {"1381234", "23812345678", "138123456789", "abc", "12345"}) {
    HouseholdEditCheck check =
        CheckHouseholdEdit(QString::fromLatin1(bad), QStringLiteral("2"), none);
    QVERIFY2(!check.ok, bad);
    QCOMPARE(check.field, HouseholdField::kPhone);
    QVERIFY(check.message.contains(QStringLiteral("11 位")));
  }
  for (const char* bad : {"", "-1", "201", "两"}) {
    HouseholdEditCheck check =
        CheckHouseholdEdit(QStringLiteral("13812345678"), QString::fromUtf8(bad), none);
    QVERIFY2(!check.ok, bad);
    QCOMPARE(check.field, HouseholdField::kMembers);
  }
  HouseholdEditCheck tags =
      CheckHouseholdEdit(QString(), QStringLiteral("1"),
                         {QStringLiteral("ebike"), QStringLiteral(" "), QStringLiteral("ebike"),
                          QStringLiteral("coal_heating")});
  QCOMPARE(tags.edit.tags, (QStringList{"ebike", "coal_heating"}));
}

void ModelsTest::syncEtaWords() {
  QCOMPARE(AppController::EtaText(-1), QString());
  QCOMPARE(AppController::EtaText(400), QStringLiteral("预计还需 1 秒"));
  QCOMPARE(AppController::EtaText(42'000), QStringLiteral("预计还需 42 秒"));
  QCOMPARE(AppController::EtaText(83'000), QStringLiteral("预计还需 1 分 23 秒"));
  QCOMPARE(AppController::EtaText(3'720'000), QStringLiteral("预计还需 1 小时 2 分"));
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

void ModelsTest::hazardBoardListsByHousehold() {
  HazardBoardModel board;
  QAbstractItemModelTester tester(&board, Mode::QtTest);
  const auto hazard = [](const char* id, const char* subject, const char* deadline, bool overdue,
                         bool due_soon) {
    HazardRow row;
    row.id = QString::fromLatin1(id);
    row.subject_id = QString::fromLatin1(subject);
    row.subject_name = QString::fromLatin1(subject);
    row.subject_address = QStringLiteral("石门村");
    row.deadline = QString::fromLatin1(deadline);
    row.overdue = overdue;
    row.due_soon = due_soon;
    return row;
  };
  // b's overdue hazard puts household b first; a's two stay together, nearest deadline first;
  // c's hazard without a deadline comes last.
  const QList<HazardRow> grouped = GroupHazardsByHousehold({
      hazard("a2", "a", "2026-12-20", false, false),
      hazard("c1", "c", "", false, false),
      hazard("b1", "b", "2026-12-01", true, false),
      hazard("a1", "a", "2026-12-04", false, true),
  });
  QStringList order;
  for (const HazardRow& r : grouped) order << r.id;
  QCOMPARE(order, (QStringList{"b1", "a1", "a2", "c1"}));
  QSignalSpy counts(&board, &HazardBoardModel::countsChanged);
  board.SetRows(grouped);
  QCOMPARE(counts.size(), 1);
  QCOMPARE(board.openCount(), 4);
  QCOMPARE(board.dueSoonCount(), 1);
  QCOMPARE(board.overdueCount(), 1);
  QCOMPARE(board.rowCount(), 4);
  const QString a = board.data(board.index(1), HazardBoardModel::kSection).toString();
  QCOMPARE(a, QStringLiteral("a · 石门村"));
  QCOMPARE(board.sectionCount(a), 2);
  board.setFilter(HazardBoardModel::DueSoon);
  QCOMPARE(board.rowCount(), 1);
  QCOMPARE(board.data(board.index(0), HazardBoardModel::kHazardId).toString(),
           QStringLiteral("a1"));
  QCOMPARE(board.sectionCount(a), 1);
  board.setFilter(HazardBoardModel::Overdue);
  QCOMPARE(board.rowCount(), 1);
  QVERIFY(board.listed(QStringLiteral("b1"), HazardBoardModel::Overdue));
  QVERIFY(!board.listed(QStringLiteral("a1"), HazardBoardModel::Overdue));
  board.setFilter(7);  // not a list: ignored
  QCOMPARE(board.filter(), int(HazardBoardModel::Overdue));
  board.SetRows({});
  QCOMPARE(board.rowCount(), 0);
  QCOMPARE(board.overdueCount(), 0);
}

}  // namespace qiaomen::mobile
