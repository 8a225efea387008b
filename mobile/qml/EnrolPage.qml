import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Dialogs
import QtQuick.Layouts
import Qiaomen

// First start: the county server, the one-time code from township staff, the PIN twice. The
// server and the code come from a photo of the county's QR code (从照片扫码) or are typed.
Page {
    id: page
    objectName: "enrolPage"
    background: Rectangle { color: Theme.background }
    property bool scanned: false  // the fields hold what a QR code said

    Connections {
        target: AppController
        function onEnrolChanged() {
            server.text = AppController.enrolServer
            code.text = AppController.enrolCode
            page.scanned = true
        }
    }

    FileDialog {
        id: qrDialog
        objectName: "enrolQrDialog"
        title: qsTr("选择登记二维码的照片")
        nameFilters: [qsTr("照片 (*.jpg *.jpeg *.png)")]
        onAccepted: AppController.enrolFromPhoto(String(selectedFile))
    }

    header: ToolBar {
        background: Rectangle { implicitHeight: 56; color: Theme.bar }
        Label {
            anchors.centerIn: parent
            text: qsTr("登记本机")
            color: Theme.barText
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
                text: qsTr("首次使用，请拍下乡镇工作人员给的登记二维码并从照片读取，或填写服务器地址和登记码；再设置 6 位数字密码。")
                wrapMode: Text.Wrap
                color: Theme.muted
                font.pixelSize: Theme.body
            }
            AppButton {
                objectName: "enrolScanButton"
                Layout.fillWidth: true
                highlighted: true
                enabled: !AppController.busy
                text: qsTr("从照片扫码")
                font.pixelSize: Theme.body
                Accessible.name: qsTr("从登记二维码的照片读取服务器地址和登记码")
                onClicked: qrDialog.open()
            }
            Label {
                objectName: "enrolScanned"
                Layout.fillWidth: true
                visible: page.scanned
                text: AppController.enrolPinned
                      ? qsTr("已从二维码填好服务器地址和登记码，并核对服务器证书。请设置密码。")
                      : qsTr("已从二维码填好服务器地址和登记码。请设置密码。")
                color: Theme.accent
                wrapMode: Text.Wrap
                font.pixelSize: Theme.body
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("也可以手动填写：")
                visible: !page.scanned
                color: Theme.muted
                wrapMode: Text.Wrap
                font.pixelSize: Theme.body
            }
            Label { text: qsTr("县服务器地址"); font.pixelSize: Theme.body }
            TextField {
                id: server
                objectName: "serverField"
                Accessible.name: qsTr("县服务器地址")
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
                Accessible.name: qsTr("登记码")
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
                Accessible.name: qsTr("设置密码（6 位数字）")
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
                Accessible.name: qsTr("再次输入密码")
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
