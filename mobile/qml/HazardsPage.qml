import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Qiaomen

// 隐患: open hazards and those due soon. Each household's hazards are on its page.
Page {
    id: page
    objectName: "hazardsPage"
    background: Rectangle { color: Theme.background }
    readonly property var counts: AppController.counts

    header: ToolBar {
        background: Rectangle { implicitHeight: 56; color: Theme.accent }
        Label {
            anchors.centerIn: parent
            text: qsTr("隐患整改")
            color: "white"
            font.pixelSize: Theme.title
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: 12
        GridLayout {
            Layout.fillWidth: true
            columns: 2
            columnSpacing: Theme.gap
            CountCard {
                Layout.fillWidth: true
                number: page.counts.hazardsOpen || 0
                label: qsTr("未销号隐患")
                tone: Theme.danger
            }
            CountCard {
                Layout.fillWidth: true
                number: page.counts.hazardsDueSoon || 0
                label: qsTr("3 天内到期或已逾期")
                tone: Theme.warning
            }
        }
        ListView {
            id: list
            objectName: "openHazardList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.gap
            model: AppController.openHazards
            delegate: Card {
                id: card
                width: list.width
                TapHandler { onTapped: window.openHousehold(subjectId, "") }
                Label {
                    width: parent.width
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.body
                    font.bold: true
                    text: AppInfo.chinese ? titleZh : titleEn
                }
                Label {
                    width: parent.width
                    elide: Text.ElideRight
                    font.pixelSize: Theme.small
                    color: Theme.muted
                    text: subjectName
                }
                Flow {
                    width: parent.width
                    spacing: 6
                    Chip { text: major ? qsTr("重大隐患") : qsTr("一般隐患"); tone: major ? Theme.danger : Theme.warning }
                    Chip { text: AppInfo.chinese ? statusZh : statusEn; tone: Theme.accent }
                    Chip {
                        visible: deadline !== ""
                        readonly property int days: AppController.daysUntil(deadline)
                        text: days < 0 ? qsTr("逾期 %1 天").arg(-days)
                              : days === 0 ? qsTr("今天到期") : qsTr("剩余 %1 天").arg(days)
                        tone: days <= 0 ? Theme.danger : days <= 3 ? Theme.warning : Theme.muted
                    }
                }
            }
            Label {
                anchors.centerIn: parent
                visible: list.count === 0
                text: qsTr("没有未销号的隐患")
                color: Theme.muted
                font.pixelSize: Theme.body
            }
        }
    }
}
