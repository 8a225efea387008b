import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Qiaomen

// Edits the open household's phone, members and tags. The controller checks what was typed
// (a refused field shows its sentence under it) and the worker saves it as field-level edits;
// on success the page closes and the household page shows the new values.
Page {
    id: page
    objectName: "householdEditPage"
    background: Rectangle { color: Theme.background }
    readonly property var household: AppController.household
    // The tags a worker sets by tapping; others the county gave are kept as they are.
    readonly property var knownTags: [["elderly_alone", qsTr("独居老人")], ["coal_heating", qsTr("燃煤取暖")],
                                      ["bottled_gas", qsTr("瓶装液化气")], ["ebike", qsTr("电动自行车")]]
    property var tags: (household.tags || []).slice()
    property bool saving: false

    function hasTag(tag) { return tags.indexOf(tag) >= 0 }
    function toggleTag(tag) {
        var next = tags.slice()
        var at = next.indexOf(tag)
        if (at >= 0) next.splice(at, 1); else next.push(tag)
        tags = next
    }
    function save() {
        phoneError.text = ""
        membersError.text = ""
        formError.text = ""
        saving = true
        AppController.saveHousehold(phone.text, members.text, tags)
    }

    Connections {
        target: AppController
        function onHouseholdSaved(message) {
            page.saving = false
            page.StackView.view.pop(StackView.Immediate)
        }
        function onHouseholdEditProblem(field, message) {
            page.saving = false
            if (field === "phone") phoneError.text = message
            else if (field === "members") membersError.text = message
            else formError.text = message
        }
    }

    header: ToolBar {
        background: Rectangle { implicitHeight: 56; color: Theme.bar }
        RowLayout {
            anchors.fill: parent
            ToolButton {
                objectName: "editBack"
                text: "←"
                Accessible.name: qsTr("返回")
                font.pixelSize: Theme.headline
                Material.foreground: Theme.barText
                onClicked: page.StackView.view.pop(StackView.Immediate)
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("修改住户信息")
                color: Theme.barText
                font.pixelSize: Theme.title
                elide: Text.ElideRight
            }
        }
    }

    Flickable {
        anchors.fill: parent
        anchors.bottomMargin: saveButton.height + 2 * Theme.margin
        contentHeight: form.implicitHeight + 2 * Theme.margin
        clip: true
        ColumnLayout {
            id: form
            x: Theme.margin
            y: Theme.margin
            width: page.width - 2 * Theme.margin
            spacing: Theme.gap

            Label {
                Layout.fillWidth: true
                Layout.bottomMargin: Theme.gap
                text: page.household.name + " · " + (page.household.address || "")
                wrapMode: Text.Wrap
                color: Theme.muted
                font.pixelSize: Theme.body
            }
            Label { text: qsTr("联系电话"); font.pixelSize: Theme.body }
            TextField {
                id: phone
                objectName: "phoneField"
                Accessible.name: qsTr("联系电话")
                Layout.fillWidth: true
                text: page.household.phone || ""
                placeholderText: qsTr("手机或带区号的固定电话")
                inputMethodHints: Qt.ImhDialableCharactersOnly
                font.pixelSize: Theme.body
                onTextEdited: phoneError.text = ""
            }
            Label {
                id: phoneError
                objectName: "phoneError"
                Layout.fillWidth: true
                visible: text !== ""
                color: Theme.danger
                wrapMode: Text.Wrap
                font.pixelSize: Theme.body
            }
            Label { text: qsTr("家庭人数"); font.pixelSize: Theme.body; Layout.topMargin: Theme.gap }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gap
                AppButton {
                    objectName: "membersMinus"
                    Accessible.name: qsTr("家庭人数减一")
                    Layout.preferredWidth: Theme.touch
                    text: "−"
                    font.pixelSize: Theme.title
                    onClicked: members.text = String(Math.max(0, (parseInt(members.text) || 0) - 1))
                }
                TextField {
                    id: members
                    objectName: "membersField"
                    Accessible.name: qsTr("家庭人数")
                    Layout.preferredWidth: 80
                    horizontalAlignment: Text.AlignHCenter
                    text: String(page.household.members || 0)
                    inputMethodHints: Qt.ImhDigitsOnly
                    maximumLength: 3
                    font.pixelSize: Theme.body
                    onTextEdited: membersError.text = ""
                }
                AppButton {
                    objectName: "membersPlus"
                    Accessible.name: qsTr("家庭人数加一")
                    Layout.preferredWidth: Theme.touch
                    text: "+"
                    font.pixelSize: Theme.title
                    onClicked: members.text = String(Math.min(200, (parseInt(members.text) || 0) + 1))
                }
                Label { text: qsTr("人"); font.pixelSize: Theme.body }
            }
            Label {
                id: membersError
                objectName: "membersError"
                Layout.fillWidth: true
                visible: text !== ""
                color: Theme.danger
                wrapMode: Text.Wrap
                font.pixelSize: Theme.body
            }
            Label { text: qsTr("重点关注（点选）"); font.pixelSize: Theme.body; Layout.topMargin: Theme.gap }
            GridLayout {
                Layout.fillWidth: true
                columns: 2
                columnSpacing: Theme.gap
                rowSpacing: Theme.gap
                Repeater {
                    model: page.knownTags
                    AppButton {
                        objectName: "tag_" + modelData[0]
                        Layout.fillWidth: true
                        text: modelData[1]
                        highlighted: page.hasTag(modelData[0])
                        onClicked: page.toggleTag(modelData[0])
                    }
                }
            }
            Label {
                id: formError
                objectName: "formError"
                Layout.fillWidth: true
                visible: text !== ""
                color: Theme.danger
                wrapMode: Text.Wrap
                font.pixelSize: Theme.body
            }
        }
    }

    BigButton {
        id: saveButton
        objectName: "saveHouseholdButton"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin
        enabled: !page.saving
        text: page.saving ? qsTr("正在保存…") : qsTr("保存")
        onClicked: page.save()
    }
}
