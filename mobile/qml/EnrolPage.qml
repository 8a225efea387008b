import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Qiaomen

// First start: the county server, the one-time code from township staff, the PIN twice.
Page {
    id: page
    objectName: "enrolPage"
    background: Rectangle { color: Theme.background }

    header: ToolBar {
        background: Rectangle { implicitHeight: 56; color: Theme.accent }
        Label {
            anchors.centerIn: parent
            text: qsTr("登记本机")
            color: "white"
            font.pixelSize: Theme.title
        }
    }

    Flickable {
        anchors.fill: parent
        anchors.bottomMargin: enrolButton.height + 2 * Theme.margin
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
                Layout.bottomMargin: Theme.margin
                text: qsTr("首次使用，请填写乡镇工作人员提供的服务器地址和登记码，并设置 6 位数字密码。")
                wrapMode: Text.Wrap
                color: Theme.muted
                font.pixelSize: Theme.body
            }
            Label { text: qsTr("县服务器地址"); font.pixelSize: Theme.body }
            TextField {
                id: server
                objectName: "serverField"
                Layout.fillWidth: true
                placeholderText: "https://"
                text: AppController.enrolServer
                inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
                font.pixelSize: Theme.body
            }
            Label { text: qsTr("登记码"); font.pixelSize: Theme.body }
            TextField {
                id: code
                objectName: "codeField"
                Layout.fillWidth: true
                placeholderText: qsTr("向乡镇工作人员索取")
                text: AppController.enrolCode
                inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhPreferUppercase
                font.pixelSize: Theme.body
            }
            Label { text: qsTr("设置密码（6 位数字）"); font.pixelSize: Theme.body }
            TextField {
                id: pin
                objectName: "pinField"
                Layout.fillWidth: true
                echoMode: TextInput.Password
                inputMethodHints: Qt.ImhDigitsOnly
                maximumLength: 6
                font.pixelSize: Theme.body
            }
            Label { text: qsTr("再次输入密码"); font.pixelSize: Theme.body }
            TextField {
                id: pinAgain
                objectName: "pinAgainField"
                Layout.fillWidth: true
                echoMode: TextInput.Password
                inputMethodHints: Qt.ImhDigitsOnly
                maximumLength: 6
                font.pixelSize: Theme.body
            }
            Label {
                Layout.fillWidth: true
                visible: AppController.message !== ""
                text: AppController.message
                color: Theme.danger
                wrapMode: Text.Wrap
                font.pixelSize: Theme.body
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("请牢记密码：连续输错 10 次，本机数据将被清除。")
                color: Theme.muted
                wrapMode: Text.Wrap
                font.pixelSize: Theme.small
            }
        }
    }

    BigButton {
        id: enrolButton
        objectName: "enrolButton"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin
        enabled: !AppController.busy
        text: AppController.busy ? qsTr("正在登记…") : qsTr("登记")
        onClicked: AppController.enroll(server.text, code.text, pin.text, pinAgain.text)
    }
}
