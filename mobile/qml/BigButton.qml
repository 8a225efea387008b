import QtQuick
import QtQuick.Controls
import Qiaomen

// The one primary action of a screen, full width at the bottom, within the thumb's reach.
AppButton {
    property bool primary: true
    implicitHeight: Theme.bigButton
    font.pixelSize: Theme.large
    highlighted: primary
}
