import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Qiaomen

// 任务: the worker's households by village and grid; search by name, address or phone.
Page {
    id: page
    objectName: "taskListPage"
    background: Rectangle { color: Theme.background }

    header: ToolBar {
        background: Rectangle { implicitHeight: 56; color: Theme.accent }
        Label {
            anchors.centerIn: parent
            text: qsTr("走访任务")
            color: "white"
            font.pixelSize: Theme.title
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        TextField {
            id: search
            objectName: "searchField"
            Layout.fillWidth: true
            Layout.margins: Theme.gap
            placeholderText: qsTr("搜索姓名、地址或电话")
            font.pixelSize: Theme.body
            text: AppController.search
            onTextEdited: searchTimer.restart()
            Timer { id: searchTimer; interval: 300; onTriggered: AppController.search = search.text }
        }
        Row {
            Layout.leftMargin: Theme.gap
            spacing: 6
            Repeater {
                model: [qsTr("未完成"), qsTr("未走访"), qsTr("待复访"), qsTr("全部")]
                AppButton {
                    height: Theme.touch
                    text: modelData
                    font.pixelSize: Theme.small
                    checkable: true
                    checked: AppController.filter === index
                    highlighted: checked
                                        onClicked: AppController.filter = index
                }
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
            section.delegate: Label {
                width: list.width
                leftPadding: Theme.margin
                topPadding: 10
                bottomPadding: 4
                text: section
                font.pixelSize: Theme.small
                font.bold: true
                color: Theme.muted
            }
            delegate: ItemDelegate {
                width: list.width
                height: Math.max(72, content.implicitHeight + 20)
                onClicked: window.openHousehold(subjectId, taskId)
                background: Rectangle {
                    color: parent.down ? "#EEF3FD" : Theme.card
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
                            font.pixelSize: 18
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
