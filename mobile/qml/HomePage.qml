import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Qiaomen

// 首页: today at a glance. Every number opens its list.
Page {
    id: page
    objectName: "homePage"
    signal openTab(int index, int filter)
    background: Rectangle { color: Theme.background }
    readonly property var counts: AppController.counts

    header: ToolBar {
        background: Rectangle { implicitHeight: 56; color: Theme.bar }
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: Theme.margin
            Label {
                Layout.fillWidth: true
                text: qsTr("今日走访") + " · " + AppController.dayText(AppController.counts.today || "")
                color: Theme.barText
                font.pixelSize: Theme.title
                elide: Text.ElideRight
            }
        }
    }

    Flickable {
        anchors.fill: parent
        anchors.bottomMargin: startButton.height + 2 * Theme.margin
        contentHeight: column.implicitHeight + 2 * Theme.margin
        clip: true
        ColumnLayout {
            id: column
            x: Theme.margin
            y: Theme.margin
            width: page.width - 2 * Theme.margin
            spacing: 12

            Rectangle {
                objectName: "draftCard"
                Layout.fillWidth: true
                visible: AppController.drafts.count > 0
                implicitHeight: draftColumn.implicitHeight + 24
                radius: 8
                color: Theme.warningBg
                ColumnLayout {
                    id: draftColumn
                    anchors.fill: parent
                    anchors.margins: 12
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("有一户检查还没做完：%1").arg(AppController.drafts.count > 0 ? AppController.drafts.get(0).subjectName : "")
                        wrapMode: Text.Wrap
                        font.pixelSize: Theme.body
                    }
                    AppButton {
                        objectName: "continueDraftButton"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        highlighted: true
                        text: qsTr("继续检查")
                        font.pixelSize: Theme.body
                        onClicked: window.openVisit("", AppController.drafts.get(0).draftId)
                    }
                }
            }

            Label { text: qsTr("本次走访"); font.pixelSize: Theme.title; font.bold: true }
            ProgressBar {
                Layout.fillWidth: true
                from: 0
                to: Math.max(1, page.counts.total || 0)
                value: page.counts.visited || 0
            }
            GridLayout {
                Layout.fillWidth: true
                columns: 2
                rowSpacing: Theme.gap
                columnSpacing: Theme.gap
                CountCard {
                    Layout.fillWidth: true
                    number: page.counts.visited || 0
                    label: qsTr("已走访（户）")
                    onClicked: page.openTab(1, 3)
                }
                CountCard {
                    Layout.fillWidth: true
                    number: page.counts.remaining || 0
                    label: qsTr("剩余（户）")
                    onClicked: page.openTab(1, 0)
                }
                CountCard {
                    Layout.fillWidth: true
                    number: page.counts.returnVisits || 0
                    label: qsTr("待复访")
                    tone: Theme.warning
                    onClicked: page.openTab(1, 2)
                }
                CountCard {
                    Layout.fillWidth: true
                    number: page.counts.hazardsDueSoon || 0
                    label: qsTr("隐患 3 天内到期")
                    tone: Theme.danger
                    onClicked: page.openTab(2, -1)
                }
            }
        }
    }

    BigButton {
        id: startButton
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin
        text: qsTr("开始走访")
        onClicked: page.openTab(1, 1)
    }
}
