import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Qiaomen

ApplicationWindow {
    id: window
    width: 400
    height: 720
    visible: true
    title: AppInfo.tr2("敲门 · 安全检查", "Qiaomen · Safety checks")

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            Label {
                text: window.title
                font.pixelSize: 18
                Layout.leftMargin: 12
                Layout.fillWidth: true
            }
            ToolButton {
                objectName: "languageButton"
                text: AppInfo.chinese ? "EN" : "中"
                onClicked: AppInfo.chinese = !AppInfo.chinese
            }
        }
    }

    ColumnLayout {
        anchors.centerIn: parent
        spacing: 12
        Label {
            Layout.alignment: Qt.AlignHCenter
            text: AppInfo.tr2("尚未登记设备", "This device is not enrolled yet")
            font.pixelSize: 16
        }
        Label {
            Layout.alignment: Qt.AlignHCenter
            text: AppInfo.tr2("版本 ", "Version ") + AppInfo.version
            opacity: 0.6
        }
    }
}
