import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Qiaomen

// 隐患: three lists of this device's open hazards (未销号, 3 天内到期, 已逾期), grouped by
// household with each household's count; a card opens the hazard.
Page {
    id: page
    objectName: "hazardsPage"
    background: Rectangle { color: Theme.background }
    readonly property var board: AppController.hazardBoard

    header: ToolBar {
        background: Rectangle { implicitHeight: 56; color: Theme.bar }
        Label {
            anchors.centerIn: parent
            text: qsTr("隐患整改")
            color: Theme.barText
            font.pixelSize: Theme.title
        }
    }

    component FilterCard: CountCard {
        property int value: 0
        readonly property bool chosen: page.board.filter === value
        Layout.fillWidth: true
        Layout.preferredWidth: 1
        Layout.fillHeight: true  // the three as tall as the tallest (a caption may wrap)
        implicitHeight: Math.max(80, implicitContentHeight + 12)
        onClicked: page.board.filter = value
        background: Rectangle {
            radius: 8
            color: parent.chosen ? Qt.rgba(parent.tone.r, parent.tone.g, parent.tone.b, 0.10) : Theme.card
            border.color: parent.chosen ? parent.tone : Theme.line
            border.width: parent.chosen ? 2 : 1
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: 12
        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: false  // as tall as its tallest card; the list takes the rest
            spacing: Theme.gap
            FilterCard {
                objectName: "hazardFilterOpen"
                value: HazardBoardModel.Open
                number: page.board.openCount
                label: qsTr("未销号")
                tone: Theme.accent
            }
            FilterCard {
                objectName: "hazardFilterDueSoon"
                value: HazardBoardModel.DueSoon
                number: page.board.dueSoonCount
                label: qsTr("3 天内到期")
                tone: Theme.warning
            }
            FilterCard {
                objectName: "hazardFilterOverdue"
                value: HazardBoardModel.Overdue
                number: page.board.overdueCount
                label: qsTr("已逾期")
                tone: Theme.danger
            }
        }
        ListView {
            id: list
            objectName: "hazardList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.gap
            model: page.board
            section.property: "household"
            section.delegate: Item {
                id: sectionItem
                required property string section
                width: list.width
                height: sectionRow.implicitHeight + 12
                RowLayout {
                    id: sectionRow
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.bottom: parent.bottom
                    anchors.bottomMargin: 4
                    Label {
                        Layout.fillWidth: true
                        text: sectionItem.section
                        font.pixelSize: Theme.body
                        font.bold: true
                        elide: Text.ElideRight
                    }
                    Label {
                        text: qsTr("%1 处").arg(page.board.count >= 0 ? page.board.sectionCount(sectionItem.section) : 0)
                        color: Theme.muted
                        font.pixelSize: Theme.small
                    }
                }
            }
            delegate: Card {
                id: card
                width: list.width
                objectName: "hazard_" + index
                Accessible.role: Accessible.Button
                Accessible.name: (AppInfo.chinese ? titleZh : titleEn) + " " + subjectName
                TapHandler { onTapped: window.openHazard(hazardId, null) }
                Label {
                    width: parent.width
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.body
                    text: AppInfo.chinese ? titleZh : titleEn
                }
                Flow {
                    width: parent.width
                    spacing: 6
                    Chip { text: major ? qsTr("重大隐患") : qsTr("一般隐患"); tone: major ? Theme.danger : Theme.warning }
                    Chip { text: AppInfo.chinese ? statusZh : statusEn; tone: Theme.accent }
                    Chip {
                        visible: deadline !== "" && (overdue || dueSoon)
                        text: deadlineDays < 0 ? qsTr("逾期 %1 天").arg(-deadlineDays)
                              : deadlineDays === 0 ? qsTr("今天到期") : qsTr("剩余 %1 天").arg(deadlineDays)
                        tone: overdue || deadlineDays === 0 ? Theme.danger : Theme.warning
                    }
                }
            }
            Label {
                anchors.centerIn: parent
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                visible: list.count === 0
                text: page.board.filter === HazardBoardModel.Overdue ? qsTr("没有逾期的隐患")
                      : page.board.filter === HazardBoardModel.DueSoon ? qsTr("3 天内没有到期的隐患")
                      : qsTr("没有未销号的隐患")
                color: Theme.muted
                font.pixelSize: Theme.body
            }
        }
    }
}
