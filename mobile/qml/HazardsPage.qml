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
        Label {
            Layout.fillWidth: true
            text: qsTr("在「任务」中点开住户，可查看该户的隐患和整改期限。")
            wrapMode: Text.Wrap
            color: Theme.muted
            font.pixelSize: Theme.body
        }
        Item { Layout.fillHeight: true }
    }
}
