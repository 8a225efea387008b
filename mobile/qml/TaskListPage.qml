import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Qiaomen

// 任务: the worker's households by village and grid, each group with its visited / remaining
// counts; search by name, address or phone; filters (not visited, return visit due, open hazards).
Page {
    id: page
    objectName: "taskListPage"
    background: Rectangle { color: Theme.background }

    header: ToolBar {
        background: Rectangle { implicitHeight: 56; color: Theme.bar }
        Label {
            anchors.centerIn: parent
            text: qsTr("走访任务")
            color: Theme.barText
            font.pixelSize: Theme.title
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        TextField {
            id: search
            objectName: "searchField"
            Accessible.name: qsTr("搜索姓名、地址或电话")
            Layout.fillWidth: true
            Layout.margins: Theme.gap
            placeholderText: qsTr("搜索姓名、地址或电话")
            font.pixelSize: Theme.body
            text: AppController.search
            onTextEdited: searchTimer.restart()
            Timer { id: searchTimer; interval: 300; onTriggered: AppController.search = search.text }
        }
        // The filters; a row that scrolls sideways when a large system font makes it wider
        // than the phone.
        ListView {
            id: filters
            objectName: "taskFilters"
            Layout.fillWidth: true
            Layout.leftMargin: Theme.gap
            Layout.rightMargin: Theme.gap
            Layout.preferredHeight: Theme.touch
            orientation: ListView.Horizontal
            boundsBehavior: Flickable.StopAtBounds
            spacing: 6
            clip: true
            // [label, AppController.filter value, objectName]
            model: [[qsTr("未完成"), 0, "filterOpen"], [qsTr("未走访"), 1, "filterNotVisited"],
                    [qsTr("待复访"), 2, "filterReturnDue"], [qsTr("有隐患"), 4, "filterHazards"],
                    [qsTr("全部"), 3, "filterAll"]]
            delegate: AppButton {
                objectName: modelData[2]
                height: Theme.touch
                text: modelData[0]
                font.pixelSize: Theme.small
                checkable: true
                checked: AppController.filter === modelData[1]
                highlighted: checked
                onClicked: AppController.filter = modelData[1]
            }
        }
        ListView {
            id: list
            objectName: "taskList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: AppController.tasks
            spacing: 6
            section.property: "section"
            // The group's header: village · grid, and its campaign's visited / remaining counts
            // (from the model, whatever the filter shows).
            section.delegate: Item {
                id: header
                required property string section
                readonly property var counts: AppController.tasks.groups[section] || ({})
                objectName: "sectionHeader_" + section
                width: list.width
                height: headerRow.implicitHeight + 14
                property alias countsText: countsLabel.text
                RowLayout {
                    id: headerRow
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.bottom: parent.bottom
                    anchors.leftMargin: Theme.margin
                    anchors.rightMargin: Theme.margin
                    anchors.bottomMargin: 4
                    Label {
                        Layout.fillWidth: true
                        text: header.section
                        font.pixelSize: Theme.small
                        font.bold: true
                        color: Theme.muted
                        elide: Text.ElideRight
                    }
                    Label {
                        id: countsLabel
                        objectName: "sectionCounts"
                        visible: header.counts.total !== undefined
                        text: qsTr("已走访 %1 · 剩余 %2").arg(header.counts.visited || 0).arg(header.counts.remaining || 0)
                        font.pixelSize: Theme.small
                        color: (header.counts.remaining || 0) > 0 ? Theme.accent : Theme.muted
                    }
                }
            }
            delegate: ItemDelegate {
                width: list.width
                height: Math.max(72, content.implicitHeight + 20)
                Accessible.name: name + " " + address
                onClicked: window.openHousehold(subjectId, taskId)
                background: Rectangle {
                    color: parent.down ? Theme.pressed : Theme.card
                    anchors.fill: parent
                    anchors.leftMargin: Theme.gap
                    anchors.rightMargin: Theme.gap
                    radius: 8
                    border.color: Theme.line
                }
                leftPadding: Theme.margin + 4
                rightPadding: Theme.margin + 4
                contentItem: RowLayout {
                    id: content
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        Label {
                            Layout.fillWidth: true
                            text: name
                            font.pixelSize: Theme.large
                            font.bold: true
                            elide: Text.ElideRight
                        }
                        Label {
                            Layout.fillWidth: true
                            text: address + (phone !== "" ? "  " + phone : "")
                            font.pixelSize: Theme.small
                            color: Theme.muted
                            elide: Text.ElideRight
                        }
                    }
                    Chip {
                        visible: openHazards > 0
                        text: qsTr("隐患 %1").arg(openHazards)
                        tone: Theme.danger
                    }
                    Chip {
                        visible: hasDraft
                        text: qsTr("未做完")
                        tone: Theme.accent
                    }
                    Chip {
                        visible: returnDue
                        text: qsTr("待复访")
                        tone: Theme.warning
                    }
                    Chip {
                        visible: done
                        text: qsTr("已走访")
                        tone: Theme.muted
                    }
                }
            }
            Label {
                anchors.centerIn: parent
                visible: list.count === 0
                text: qsTr("没有符合条件的任务")
                color: Theme.muted
                font.pixelSize: Theme.body
            }
        }
    }
}
