import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Qiaomen

// A hazard: what was found, where, by which rule, its deadline, its photos (decrypted in
// memory by the image provider), every step of its life, and at the bottom the next step this
// worker may record (整改 with an after-photo; 复查 for inspectors and up).
Page {
    id: page
    objectName: "hazardPage"
    background: Rectangle { color: Theme.background }
    readonly property var hazard: AppController.hazard
    readonly property string status: hazard.statusCode || ""
    readonly property Component stepComponent: Component { HazardStepPage {} }

    function openStep(kind, passed) {
        StackView.view.push(stepComponent, { kind: kind, passed: passed }, StackView.Immediate)
    }
    // Scrolls to the history (the screenshot tour shows it).
    function showHistory() {
        flick.contentY = Math.max(0, Math.min(historyTitle.y, flick.contentHeight - flick.height))
    }
    function eventText(kind, passed) {
        switch (kind) {
        case 1: return qsTr("发现隐患")
        case 2: return qsTr("下达限期整改")
        case 3: return qsTr("已整改")
        case 4: return passed ? qsTr("复查通过") : qsTr("复查未通过，退回整改")
        case 5: return qsTr("销号")
        case 6: return qsTr("逾期")
        case 7: return qsTr("挂牌督办")
        case 8: return qsTr("立案查处")
        }
        return ""
    }
    function deadlineText() {
        if (!hazard.deadline) return qsTr("未定")
        var d = hazard.deadlineDays
        var when = status === "rectified" || status === "reinspected" || status === "closed" ? ""
                   : d < 0 ? qsTr("（逾期 %1 天）").arg(-d)
                   : d === 0 ? qsTr("（今天到期）") : qsTr("（剩余 %1 天）").arg(d)
        return AppController.dayText(hazard.deadline) + when
    }

    header: ToolBar {
        background: Rectangle { implicitHeight: 56; color: Theme.bar }
        RowLayout {
            anchors.fill: parent
            ToolButton {
                objectName: "hazardBack"
                implicitWidth: Theme.touch
                implicitHeight: Theme.touch
                text: "←"
                Accessible.name: qsTr("返回")
                font.pixelSize: Theme.headline
                Material.foreground: Theme.barText
                onClicked: page.StackView.view.pop(StackView.Immediate)
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("隐患详情")
                color: Theme.barText
                font.pixelSize: Theme.title
                elide: Text.ElideRight
            }
        }
    }

    component Field: Column {
        property alias name: nameLabel.text
        property alias value: valueLabel.text
        property color tone: Theme.text
        width: parent.width
        spacing: 2
        Label { id: nameLabel; color: Theme.muted; font.pixelSize: Theme.small }
        Label { id: valueLabel; width: parent.width; wrapMode: Text.Wrap; font.pixelSize: Theme.body; color: parent.tone }
    }

    Flickable {
        id: flick
        anchors.fill: parent
        anchors.bottomMargin: actions.height + 2 * Theme.margin
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
                Label {
                    objectName: "hazardTitle"
                    width: parent.width
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.title
                    font.bold: true
                    text: (AppInfo.chinese ? page.hazard.titleZh : page.hazard.titleEn) || ""
                }
                Flow {
                    width: parent.width
                    spacing: 6
                    Chip { text: page.hazard.major ? qsTr("重大隐患") : qsTr("一般隐患"); tone: page.hazard.major ? Theme.danger : Theme.warning }
                    Chip { objectName: "hazardStatus"; text: (AppInfo.chinese ? page.hazard.statusZh : page.hazard.statusEn) || ""; tone: Theme.accent }
                    Chip { visible: page.hazard.overdue === true; text: qsTr("逾期"); tone: Theme.danger }
                    Chip { visible: page.hazard.dueSoon === true; text: qsTr("即将到期"); tone: Theme.warning }
                }
                Field { name: qsTr("类别"); value: (AppInfo.chinese ? page.hazard.categoryZh : page.hazard.categoryEn) || "" }
                Field { name: qsTr("等级"); value: page.hazard.major ? qsTr("重大") : qsTr("一般") }
                Field {
                    name: qsTr("整改期限")
                    value: page.deadlineText()
                    tone: page.hazard.overdue ? Theme.danger : Theme.text
                }
                Field {
                    name: qsTr("住户")
                    value: (page.hazard.subjectName || "") + "  " + (page.hazard.subjectAddress || "")
                }
                Field {
                    visible: (page.hazard.description || "") !== ""
                    name: qsTr("情况描述")
                    value: page.hazard.description || ""
                }
                Field {
                    visible: value !== ""
                    name: qsTr("依据")
                    value: (AppInfo.chinese ? page.hazard.legalBasisZh : page.hazard.legalBasisEn) || ""
                }
            }

            Label { text: qsTr("照片"); font.pixelSize: Theme.title; font.bold: true }
            Label {
                visible: (page.hazard.photos || []).length === 0
                text: qsTr("还没有照片")
                color: Theme.muted
                font.pixelSize: Theme.body
            }
            Flow {
                Layout.fillWidth: true
                spacing: Theme.gap
                Repeater {
                    model: page.hazard.photos || []
                    Column {
                        spacing: 2
                        Rectangle {
                            objectName: "hazardPhoto_" + index
                            width: 100
                            height: 100
                            radius: 6
                            color: Theme.line
                            clip: true
                            Image {
                                id: thumb
                                objectName: "hazardPhotoImage_" + index
                                anchors.fill: parent
                                asynchronous: true
                                cache: false  // decrypted photos stay out of Qt's pixmap cache
                                fillMode: Image.PreserveAspectCrop
                                sourceSize: Qt.size(200, 200)
                                source: "image://hazardphoto/" + modelData.photoId
                            }
                            Accessible.role: Accessible.Button
                            Accessible.name: modelData.after ? qsTr("整改后") : qsTr("发现时")
                            TapHandler { onTapped: { viewer.photoId = modelData.photoId; viewer.open() } }
                        }
                        Label {
                            width: 100
                            elide: Text.ElideRight
                            text: modelData.after ? qsTr("整改后") : qsTr("发现时")
                            font.pixelSize: Theme.small
                            color: Theme.muted
                        }
                    }
                }
            }

            Label { id: historyTitle; text: qsTr("处理记录"); font.pixelSize: Theme.title; font.bold: true }
            Repeater {
                objectName: "hazardEvents"
                model: AppController.hazardEvents
                Card {
                    Layout.fillWidth: true
                    RowLayout {
                        width: parent.width
                        Label {
                            Layout.fillWidth: true
                            wrapMode: Text.Wrap
                            text: page.eventText(kind, passed)
                            font.pixelSize: Theme.body
                            font.bold: true
                            color: kind === 4 && !passed ? Theme.danger : Theme.text
                        }
                        Label { text: at; color: Theme.muted; font.pixelSize: Theme.small }
                    }
                    Label {
                        visible: note !== ""
                        width: parent.width
                        wrapMode: Text.Wrap
                        text: note
                        font.pixelSize: Theme.body
                    }
                    Label {
                        visible: photos > 0 || ignored
                        width: parent.width
                        wrapMode: Text.Wrap
                        text: ignored ? qsTr("这一步与其他手机的记录冲突，未生效。") : qsTr("附照片 %1 张").arg(photos)
                        color: ignored ? Theme.danger : Theme.muted
                        font.pixelSize: Theme.small
                    }
                }
            }
        }
    }

    // The next step, within the thumb's reach.
    ColumnLayout {
        id: actions
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin
        spacing: Theme.gap
        BigButton {
            objectName: "rectifyButton"
            Layout.fillWidth: true
            visible: page.status === "ordered" || page.status === "found"
            text: qsTr("记录整改")
            onClicked: page.openStep("rectify", true)
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            visible: page.status === "rectified" && page.hazard.mayReinspect === true
            BigButton {
                objectName: "recheckFailButton"
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                primary: false
                tone: Theme.danger
                text: qsTr("复查不通过")
                onClicked: page.openStep("recheck", false)
            }
            BigButton {
                objectName: "recheckPassButton"
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                text: qsTr("复查通过")
                onClicked: page.openStep("recheck", true)
            }
        }
        Label {
            objectName: "nextStepNote"
            Layout.fillWidth: true
            visible: text !== ""
            wrapMode: Text.Wrap
            color: Theme.muted
            font.pixelSize: Theme.body
            text: page.status === "rectified" && page.hazard.mayReinspect !== true ? page.hazard.recheckNote
                  : page.status === "reinspected" ? qsTr("复查已通过，等待销号。")
                  : page.status === "closed" ? qsTr("这处隐患已销号。") : ""
        }
    }

    Popup {
        id: viewer
        objectName: "photoViewer"
        property string photoId: ""
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: parent.width
        height: parent.height
        modal: true
        padding: 0
        background: Rectangle { color: "black" }
        Image {
            anchors.fill: parent
            asynchronous: true
            cache: false  // decrypted photos stay out of Qt's pixmap cache
            fillMode: Image.PreserveAspectFit
            sourceSize: Qt.size(1600, 1600)
            source: viewer.photoId !== "" ? "image://hazardphoto/" + viewer.photoId : ""
        }
        TapHandler { onTapped: viewer.close() }
    }
}
