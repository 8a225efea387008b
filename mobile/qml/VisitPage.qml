import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Dialogs
import QtQuick.Layouts
import Qiaomen

// The visit: outcome first (nobody home, refused, vacant, moved finish in two taps), then the
// checklist with conditions applied live, then the hazards it derived with their deadlines, and
// one button: 完成并保存. Every answer is saved as a draft at once, so leaving loses nothing.
Page {
    id: page
    objectName: "visitPage"
    property string step: "outcome"  // outcome | checklist | summary
    readonly property var visit: AppController.visit
    readonly property int outcome: visit.outcome || 0
    // The checklist section at the top of the list (第 2/6 部分).
    property int section: 0
    readonly property bool lastSection: section + 1 >= (visit.sections || 1)
    // Where a photo comes from (the tests drive these).
    readonly property alias photoSourceDialog: photoSource
    readonly property alias photoFileDialog: photoFile
    background: Rectangle { color: Theme.background }

    function finish() { AppController.finishVisit() }
    // A photo of the visit itself: the notice ("@notice"), a hazard's after-photo ("@fixed:<rule>").
    function askPhoto(itemId) {
        photoSource.itemId = itemId
        photoSource.open()
    }
    // The education given, as codes (leaflet, reminder, family_message, demo).
    function toggleEducation(code, on) {
        var codes = (visit.education || []).filter(function (c) { return c !== code })
        if (on) codes.push(code)
        AppController.setEducation(codes)
    }
    function leave() {
        AppController.closeVisit()
        StackView.view.pop(StackView.Immediate)
    }
    function scrollTo(itemId) {
        step = "checklist"
        var row = AppController.checklist.rowOf(itemId)
        if (row >= 0) checklistView.positionViewAtIndex(row, ListView.Beginning)
    }

    Connections {
        target: AppController
        function onVisitProblem(itemId, message) {
            page.scrollTo(itemId)
            problem.text = message
        }
    }
    onVisitChanged: if (outcome === 1 && step === "outcome" && (visit.answered || 0) > 0) step = "checklist"

    header: ToolBar {
        background: Rectangle { implicitHeight: Math.round(56 * Math.max(1, Theme.fontScale)); color: Theme.bar }
        RowLayout {
            anchors.fill: parent
            ToolButton {
                objectName: "visitBack"
                text: "←"
                Accessible.name: qsTr("返回")
                font.pixelSize: Theme.headline
                Material.foreground: Theme.barText
                onClicked: {
                    if (page.step === "summary") page.step = "checklist"
                    else if (page.step === "checklist") page.step = "outcome"
                    else page.leave()
                }
            }
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 0
                Label {
                    Layout.fillWidth: true
                    text: page.visit.subjectName || qsTr("入户检查")
                    color: Theme.barText
                    font.pixelSize: Theme.title
                    elide: Text.ElideRight
                }
                Label {
                    Layout.fillWidth: true
                    text: page.visit.address || ""
                    color: Theme.barText
                    opacity: 0.85
                    font.pixelSize: Theme.small
                    elide: Text.ElideRight
                }
            }
            ToolButton {
                text: "⋮"
                Accessible.name: qsTr("更多操作")
                font.pixelSize: Theme.headline
                Material.foreground: Theme.barText
                onClicked: menu.open()
                Menu {
                    id: menu
                    background: Rectangle { implicitWidth: 200; color: Theme.card; border.color: Theme.line; radius: 6 }
                    MenuItem {
                        text: qsTr("放弃本次检查")
                        font.pixelSize: Theme.body
                        onTriggered: { AppController.discardVisit(); page.StackView.view.pop(StackView.Immediate) }
                    }
                }
            }
        }
    }

    BusyIndicator { anchors.centerIn: parent; running: !AppController.visitActive }

    // --- 1. Outcome ---------------------------------------------------------------------
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        visible: page.step === "outcome" && AppController.visitActive
        spacing: 10
        Label { text: qsTr("入户结果"); font.pixelSize: Theme.title; font.bold: true }
        AppButton {
            objectName: "outcomeChecked"
            Layout.fillWidth: true
            Layout.preferredHeight: 64
            highlighted: true
            text: qsTr("已入户，开始检查")
            font.pixelSize: Theme.large
            onClicked: { AppController.setOutcome(AppController.Checked); page.step = "checklist" }
        }
        GridLayout {
            Layout.fillWidth: true
            columns: 2
            rowSpacing: 10
            columnSpacing: 10
            Repeater {
                model: [[AppController.NobodyHome, qsTr("无人在家"), "outcomeNobodyHome"],
                        [AppController.Refused, qsTr("拒绝入户"), "outcomeRefused"],
                        [AppController.Vacant, qsTr("空置"), "outcomeVacant"],
                        [AppController.Moved, qsTr("已搬迁"), "outcomeMoved"]]
                AppButton {
                    objectName: modelData[2]
                    Layout.fillWidth: true
                    Layout.preferredHeight: 60
                    text: modelData[1]
                    font.pixelSize: Theme.large
                    checkable: true
                    checked: page.outcome === modelData[0]
                    tone: Theme.warning
                    highlighted: checked
                    onClicked: AppController.setOutcome(modelData[0])
                }
            }
        }
        // A refusal's reason from the township's list, and the village committee asked along.
        ColumnLayout {
            objectName: "refusalBox"
            Layout.fillWidth: true
            visible: page.outcome === AppController.Refused
            spacing: 8
            Label { text: qsTr("拒绝原因"); font.pixelSize: Theme.body; font.bold: true }
            GridLayout {
                Layout.fillWidth: true
                columns: 2
                rowSpacing: 8
                columnSpacing: 8
                Repeater {
                    model: [[AppController.RefusedEntry, qsTr("拒绝入户"), "reasonRefusedEntry"],
                            [AppController.RefusedAfterNoAnswer, qsTr("无人应答后拒绝"), "reasonAfterNoAnswer"],
                            [AppController.AskedToReschedule, qsTr("要求改期"), "reasonReschedule"],
                            [AppController.OtherReason, qsTr("其他"), "reasonOther"]]
                    AppButton {
                        objectName: modelData[2]
                        Layout.fillWidth: true
                        Layout.preferredHeight: 52
                        text: modelData[1]
                        font.pixelSize: Theme.body
                        checkable: true
                        checked: (visit.refusalReason || 0) === modelData[0]
                        highlighted: checked
                        onClicked: AppController.setRefusal(modelData[0], refusalNote.text,
                                                            escalateSwitch.checked)
                    }
                }
            }
            TextField {
                id: refusalNote
                objectName: "refusalNote"
                Layout.fillWidth: true
                visible: (visit.refusalReason || 0) === AppController.OtherReason
                placeholderText: qsTr("请说明拒绝的原因")
                text: visit.refusalNote || ""
                font.pixelSize: Theme.body
                onEditingFinished: AppController.setRefusal(AppController.OtherReason, text,
                                                            escalateSwitch.checked)
            }
            Switch {
                id: escalateSwitch
                objectName: "escalateSwitch"
                Layout.fillWidth: true
                text: qsTr("提请村委会协助入户")
                font.pixelSize: Theme.body
                enabled: (visit.refusalReason || 0) > 0
                checked: visit.escalated || false
                onToggled: AppController.setRefusal(visit.refusalReason, refusalNote.text, checked)
            }
        }
        // The notice (告知书) left with the household, proved by its photo.
        RowLayout {
            objectName: "noticeRow"
            Layout.fillWidth: true
            visible: page.outcome === AppController.NobodyHome || page.outcome === AppController.Refused
            Switch {
                objectName: "noticeSwitch"
                Layout.fillWidth: true
                text: qsTr("已送达告知书")
                font.pixelSize: Theme.body
                checked: visit.noticeDelivered || false
                onToggled: AppController.setNoticeDelivered(checked)
            }
            AppButton {
                objectName: "noticePhotoButton"
                text: visit.noticePhoto ? qsTr("已拍告知书") : qsTr("拍告知书")
                font.pixelSize: Theme.body
                onClicked: page.askPhoto("@notice")
            }
        }
        Label {
            Layout.fillWidth: true
            visible: page.outcome === AppController.NobodyHome
            text: qsTr("记为无人在家：任务保留，列入待复访。")
            wrapMode: Text.Wrap
            color: Theme.muted
            font.pixelSize: Theme.body
        }
        Item { Layout.fillHeight: true }
        Label {
            Layout.fillWidth: true
            visible: page.outcome > 1
            text: AppController.locationText
            wrapMode: Text.Wrap
            color: AppController.hasFix ? Theme.muted : Theme.warning
            font.pixelSize: Theme.small
        }
        BigButton {
            objectName: "finishOutcomeButton"
            Layout.fillWidth: true
            visible: page.outcome > 1
            text: qsTr("完成并保存")
            // A refusal is saved with its reason.
            enabled: !AppController.busy
                     && (page.outcome !== AppController.Refused || (visit.refusalReason || 0) > 0)
            onClicked: page.finish()
        }
    }

    // --- 2. Checklist -------------------------------------------------------------------
    ColumnLayout {
        anchors.fill: parent
        visible: page.step === "checklist" && AppController.visitActive
        spacing: 0
        ColumnLayout {
            Layout.fillWidth: true
            Layout.margins: Theme.gap
            Label {
                objectName: "progressLine"
                text: qsTr("第 %1/%2 部分").arg(page.section + 1).arg(page.visit.sections || 1)
                      + " · " + qsTr("已答 %1 / %2 项").arg(page.visit.answered || 0).arg(page.visit.visible || 0)
                font.pixelSize: Theme.small
                color: Theme.muted
            }
            ProgressBar {
                Layout.fillWidth: true
                value: (page.visit.visible || 0) > 0 ? page.visit.answered / page.visit.visible : 0
            }
        }
        ListView {
            id: checklistView
            objectName: "checklistView"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.gap
            cacheBuffer: 2000
            model: AppController.checklist
            onContentYChanged: {
                // The first item under the top edge (a section title may sit right there).
                for (var dy = 10; dy < 200; dy += 40) {
                    var row = indexAt(10, contentY + dy)
                    if (row >= 0) { page.section = Math.max(0, AppController.checklist.sectionOfRow(row)); return }
                }
            }
            section.property: AppInfo.chinese ? "sectionZh" : "sectionEn"
            section.delegate: Label {
                width: checklistView.width
                leftPadding: Theme.margin
                topPadding: 12
                bottomPadding: 4
                text: section
                font.pixelSize: Theme.title
                font.bold: true
            }
            delegate: ChecklistItem {
                x: Theme.gap
                width: checklistView.width - 2 * Theme.gap
                onPhotoRequested: (item) => { photoSource.itemId = item; photoSource.open() }
            }
        }
        Label {
            id: problem
            objectName: "visitProblem"
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            visible: text !== ""
            wrapMode: Text.Wrap
            color: Theme.danger
            font.pixelSize: Theme.body
        }
        BigButton {
            objectName: "toSummaryButton"
            Layout.fillWidth: true
            Layout.margins: Theme.margin
            text: page.lastSection ? qsTr("下一步：隐患汇总") : qsTr("下一部分")
            onClicked: {
                if (page.lastSection) { page.step = "summary"; return }
                var row = AppController.checklist.firstRowOfSection(page.section + 1)
                if (row >= 0) checklistView.positionViewAtIndex(row, ListView.Beginning)
                page.section = page.section + 1
            }
        }
    }

    // --- 3. Summary ---------------------------------------------------------------------
    ColumnLayout {
        anchors.fill: parent
        visible: page.step === "summary" && AppController.visitActive
        spacing: 0
        Label {
            Layout.margins: Theme.margin
            text: AppController.visitHazards.count > 0
                  ? qsTr("发现 %1 处隐患").arg(AppController.visitHazards.count)
                  : qsTr("未发现隐患")
            font.pixelSize: Theme.title
            font.bold: true
            color: AppController.visitHazards.count > 0 ? Theme.danger : Theme.accent
        }
        ListView {
            id: hazardList
            objectName: "hazardSummary"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.gap
            model: AppController.visitHazards
            delegate: Card {
                x: Theme.margin
                width: hazardList.width - 2 * Theme.margin
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
                    Chip {
                        text: deadlineDays > 0 ? qsTr("限期 %1 天").arg(deadlineDays) : qsTr("当场整改")
                        tone: Theme.accent
                    }
                }
                Label {
                    visible: deadline !== ""
                    width: parent.width
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.small
                    color: Theme.muted
                    text: qsTr("整改期限：%1前").arg(AppController.dayText(deadline))
                }
                Label {
                    visible: photoMissing
                    width: parent.width
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.small
                    color: Theme.danger
                    text: qsTr("还需拍照留证")
                }
                // 当场整改: fixed while the worker is there; the after-photo closes it.
                AppButton {
                    objectName: "fixOnSiteButton"
                    width: parent.width
                    text: fixedOnSite ? qsTr("已当场整改（已拍整改后照片）") : qsTr("当场整改：拍整改后照片")
                    font.pixelSize: Theme.body
                    highlighted: fixedOnSite
                    onClicked: page.askPhoto("@fixed:" + ruleId)
                }
            }
        }
        // Safety education given (宣传教育), recorded once, with the visit.
        Flow {
            objectName: "educationRow"
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            spacing: 6
            Label { text: qsTr("宣传教育："); font.pixelSize: Theme.body }
            Repeater {
                model: [["leaflet", qsTr("发放宣传单")], ["reminder", qsTr("入户提醒")],
                        ["family_message", qsTr("家庭安全寄语")], ["demo", qsTr("演示灭火器使用")]]
                AppButton {
                    text: modelData[1]
                    font.pixelSize: Theme.body
                    checkable: true
                    checked: (visit.education || []).indexOf(modelData[0]) >= 0
                    highlighted: checked
                    onClicked: page.toggleEducation(modelData[0], checked)
                }
            }
        }
        Label {
            objectName: "locationLine"
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            text: AppController.locationText
            wrapMode: Text.Wrap
            color: AppController.hasFix ? Theme.muted : Theme.warning
            font.pixelSize: Theme.small
        }
        BigButton {
            objectName: "finishButton"
            Layout.fillWidth: true
            Layout.margins: Theme.margin
            text: qsTr("完成并保存")
            enabled: !AppController.busy
            onClicked: page.finish()
        }
    }

    Component { id: cameraComponent; CameraPage {} }

    // Where a photo comes from: the camera when the phone has one, otherwise a picture file.
    Dialog {
        id: photoSource
        objectName: "photoSource"
        property string itemId: ""
        property bool camera: false
        anchors.centerIn: parent
        width: parent.width - 32
        modal: true
        title: qsTr("添加照片")
        background: Rectangle { color: Theme.card; border.color: Theme.line; radius: 8 }
        onAboutToShow: camera = AppController.cameraAvailable()
        ColumnLayout {
            width: parent.width
            spacing: Theme.gap
            AppButton {
                objectName: "takePhotoButton"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.bigButton
                visible: photoSource.camera
                highlighted: true
                text: qsTr("拍照")
                font.pixelSize: Theme.large
                onClicked: {
                    photoSource.close()
                    page.StackView.view.push(cameraComponent, { itemId: photoSource.itemId },
                                             StackView.Immediate)
                }
            }
            Label {
                Layout.fillWidth: true
                visible: !photoSource.camera
                text: qsTr("这台设备没有可用的相机，请选择已拍好的照片文件。")
                wrapMode: Text.Wrap
                color: Theme.muted
                font.pixelSize: Theme.body
            }
            AppButton {
                objectName: "pickFileButton"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.bigButton
                highlighted: !photoSource.camera
                text: qsTr("选择照片文件")
                font.pixelSize: Theme.large
                onClicked: {
                    photoSource.close()
                    photoFile.itemId = photoSource.itemId
                    photoFile.open()
                }
            }
            AppButton {
                Layout.fillWidth: true
                text: qsTr("取消")
                onClicked: photoSource.close()
            }
        }
    }

    FileDialog {
        id: photoFile
        objectName: "photoFileDialog"
        property string itemId: ""
        title: qsTr("选择照片")
        nameFilters: [qsTr("照片 (*.jpg *.jpeg *.png)")]
        onAccepted: AppController.addPhoto(itemId, selectedFile)
    }
}
