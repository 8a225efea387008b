import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Qiaomen

// A household: details with tap-to-call, open hazards, visit history, and the visit button at
// the bottom; 编辑 in the top bar edits the phone, members and tags (HouseholdEditPage).
Page {
    id: page
    objectName: "householdPage"
    background: Rectangle { color: Theme.background }
    readonly property var household: AppController.household
    readonly property Component editComponent: Component { HouseholdEditPage {} }

    function outcomeText(outcome) {
        switch (outcome) {
        case 1: return qsTr("已入户检查")
        case 2: return qsTr("无人在家")
        case 3: return qsTr("拒绝入户")
        case 4: return qsTr("空置")
        case 5: return qsTr("已搬迁")
        }
        return ""
    }
    function tagText(tag) {
        switch (tag) {
        case "elderly_alone": return qsTr("独居老人")
        case "coal_heating": return qsTr("燃煤取暖")
        case "bottled_gas": return qsTr("瓶装液化气")
        case "ebike": return qsTr("电动自行车")
        }
        return tag
    }

    header: ToolBar {
        background: Rectangle { implicitHeight: 56; color: Theme.bar }
        RowLayout {
            anchors.fill: parent
            ToolButton {
                text: "←"
                Accessible.name: qsTr("返回")
                font.pixelSize: Theme.headline
                Material.foreground: Theme.barText
                onClicked: page.StackView.view.pop()
            }
            Label {
                Layout.fillWidth: true
                text: page.household.name || ""
                color: Theme.barText
                font.pixelSize: Theme.title
                elide: Text.ElideRight
            }
            ToolButton {
                objectName: "editHouseholdButton"
                implicitWidth: Math.max(Theme.touch, implicitContentWidth + 24)
                implicitHeight: Theme.touch
                text: qsTr("编辑")
                font.pixelSize: Theme.body
                Material.foreground: Theme.barText
                enabled: (page.household.subjectId || "") !== ""
                onClicked: page.StackView.view.push(page.editComponent, {}, StackView.Immediate)
            }
        }
    }


    Flickable {
        anchors.fill: parent
        anchors.bottomMargin: visitButton.visible ? visitButton.height + 2 * Theme.margin : 0
        contentHeight: column.implicitHeight + 2 * Theme.margin
        clip: true
        ColumnLayout {
            id: column
            x: Theme.margin
            y: Theme.margin
            width: page.width - 2 * Theme.margin
            spacing: 12

            Card {
                Layout.fillWidth: true
                Label { width: parent.width; wrapMode: Text.Wrap; font.pixelSize: Theme.body; text: qsTr("地址：%1").arg(page.household.address || "") }
                RowLayout {
                    width: parent.width
                    Label {
                        objectName: "phoneText"
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        font.pixelSize: Theme.body
                        text: qsTr("电话：%1").arg(page.household.phone || qsTr("未登记"))
                    }
                    AppButton {
                        objectName: "callButton"
                        visible: (page.household.phone || "") !== ""
                        Layout.preferredHeight: Theme.touch
                        Layout.preferredWidth: Math.max(88, implicitWidth)
                        highlighted: true
                        text: qsTr("拨打")
                        onClicked: Qt.openUrlExternally("tel:" + page.household.phone)
                    }
                }
                Label { objectName: "membersText"; width: parent.width; wrapMode: Text.Wrap; font.pixelSize: Theme.body; text: qsTr("家庭人数：%1 人").arg(page.household.members || 0) }
                Label { width: parent.width; wrapMode: Text.Wrap; font.pixelSize: Theme.body; color: Theme.muted; text: page.household.grid || "" }
                Flow {
                    width: parent.width
                    spacing: 6
                    Repeater {
                        model: page.household.tags || []
                        Chip { text: page.tagText(modelData); tone: Theme.muted }
                    }
                }
            }

            Label { text: qsTr("隐患"); font.pixelSize: Theme.title; font.bold: true }
            Label {
                visible: AppController.householdHazards.count === 0
                text: qsTr("暂无隐患")
                color: Theme.muted
                font.pixelSize: Theme.body
            }
            Repeater {
                model: AppController.householdHazards
                Card {
                    Layout.fillWidth: true
                    Accessible.role: Accessible.Button
                    Accessible.name: AppInfo.chinese ? titleZh : titleEn
                    TapHandler { onTapped: window.openHazard(hazardId, null) }
                    Label {
                        width: parent.width
                        wrapMode: Text.Wrap
                        font.pixelSize: Theme.body
                        font.bold: true
                        text: AppInfo.chinese ? titleZh : titleEn
                    }
                    Flow {
                        width: parent.width
                        spacing: 6
                        Chip { text: major ? qsTr("重大隐患") : qsTr("一般隐患"); tone: major ? Theme.danger : Theme.warning }
                        Chip { text: AppInfo.chinese ? statusZh : statusEn; tone: Theme.accent }
                        Chip { visible: overdue; text: qsTr("逾期"); tone: Theme.danger }
                    }
                    Label {
                        visible: deadline !== ""
                        width: parent.width
                        wrapMode: Text.Wrap
                        font.pixelSize: Theme.small
                        color: overdue ? Theme.danger : Theme.muted
                        text: qsTr("整改期限：%1").arg(AppController.dayText(deadline))
                    }
                }
            }

            Label { text: qsTr("走访记录"); font.pixelSize: Theme.title; font.bold: true }
            Label {
                visible: AppController.visitHistory.count === 0
                text: qsTr("还没有走访记录")
                color: Theme.muted
                font.pixelSize: Theme.body
            }
            Repeater {
                model: AppController.visitHistory
                RowLayout {
                    Layout.fillWidth: true
                    Label { Layout.fillWidth: true; text: page.outcomeText(outcome); font.pixelSize: Theme.body }
                    Label { text: AppController.timeText(finishedAt); color: Theme.muted; font.pixelSize: Theme.small }
                }
            }
        }
    }

    BigButton {
        id: visitButton
        objectName: "startVisitButton"
        visible: (page.household.taskId || "") !== ""
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin
        text: qsTr("开始入户检查")
        onClicked: window.openVisit(page.household.taskId, "")
    }
}
