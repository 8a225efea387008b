<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AppShell</name>
    <message>
        <location filename="../qml/AppShell.qml" line="112"/>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../qml/AppShell.qml" line="113"/>
        <source>任务</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <location filename="../qml/AppShell.qml" line="114"/>
        <source>隐患</source>
        <translation>Hazards</translation>
    </message>
    <message>
        <location filename="../qml/AppShell.qml" line="115"/>
        <source>我的</source>
        <translation>Me</translation>
    </message>
</context>
<context>
    <name>CameraPage</name>
    <message>
        <location filename="../qml/CameraPage.qml" line="30"/>
        <source>拍照没有成功，请再按一次快门。</source>
        <translation>The photo was not taken. Press the shutter again.</translation>
    </message>
    <message>
        <location filename="../qml/CameraPage.qml" line="43"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../qml/CameraPage.qml" line="50"/>
        <source>拍照留证</source>
        <translation>Photo evidence</translation>
    </message>
    <message>
        <location filename="../qml/CameraPage.qml" line="70"/>
        <source>相机打不开，请返回后从文件中选择照片。</source>
        <translation>The camera cannot be opened. Go back and choose a photo file instead.</translation>
    </message>
    <message>
        <location filename="../qml/CameraPage.qml" line="85"/>
        <source>拍照</source>
        <translation>Take a photo</translation>
    </message>
</context>
<context>
    <name>ChecklistItem</name>
    <message>
        <source>隐患</source>
        <translation type="vanished">Hazards</translation>
    </message>
    <message>
        <location filename="../qml/ChecklistItem.qml" line="86"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../qml/ChecklistItem.qml" line="86"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../qml/ChecklistItem.qml" line="86"/>
        <source>不适用</source>
        <translation>N/A</translation>
    </message>
    <message>
        <location filename="../qml/ChecklistItem.qml" line="125"/>
        <source>年-月-日，如 2026-12-03</source>
        <translation>YYYY-MM-DD, e.g. 2026-12-03</translation>
    </message>
    <message>
        <location filename="../qml/ChecklistItem.qml" line="125"/>
        <source>请填写</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location filename="../qml/ChecklistItem.qml" line="137"/>
        <source>已拍 %1 张</source>
        <translation>%1 photo(s)</translation>
    </message>
    <message>
        <location filename="../qml/ChecklistItem.qml" line="137"/>
        <source>还没有照片</source>
        <translation>No photo yet</translation>
    </message>
    <message>
        <location filename="../qml/ChecklistItem.qml" line="158"/>
        <source>添加签字照片</source>
        <translation>Add a photo of the signature</translation>
    </message>
    <message>
        <location filename="../qml/ChecklistItem.qml" line="158"/>
        <source>拍照 / 选择照片</source>
        <translation>Take / choose a photo</translation>
    </message>
    <message>
        <location filename="../qml/ChecklistItem.qml" line="167"/>
        <source>定位将在完成时自动记录</source>
        <translation>The location is recorded when you finish</translation>
    </message>
    <message>
        <location filename="../qml/ChecklistItem.qml" line="67"/>
        <source>隐患</source>
        <comment>badge on a checklist item</comment>
        <translation>Hazard</translation>
    </message>
    <message>
        <location filename="../qml/ChecklistItem.qml" line="148"/>
        <source>照片 %1  删除</source>
        <translation>Photo %1  remove</translation>
    </message>
</context>
<context>
    <name>EnrolPage</name>
    <message>
        <location filename="../qml/EnrolPage.qml" line="37"/>
        <source>登记本机</source>
        <translation>Enrol this phone</translation>
    </message>
    <message>
        <source>首次使用，请填写乡镇工作人员提供的服务器地址和登记码，并设置 6 位数字密码。</source>
        <translation type="vanished">First start: enter the server address and the code your township staff gave you, and choose a 6-digit PIN.</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="28"/>
        <source>选择登记二维码的照片</source>
        <translation>Choose the photo of the enrolment QR code</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="29"/>
        <source>照片 (*.jpg *.jpeg *.png)</source>
        <translation>Photos (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="57"/>
        <source>首次使用，请拍下乡镇工作人员给的登记二维码并从照片读取，或填写服务器地址和登记码；再设置 6 位数字密码。</source>
        <translation>First start: take a photo of the enrolment QR code your township staff gave you and read it, or type the server address and the code; then choose a 6-digit PIN.</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="67"/>
        <source>从照片扫码</source>
        <translation>Scan from a photo</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="69"/>
        <source>从登记二维码的照片读取服务器地址和登记码</source>
        <translation>Read the server address and the code from a photo of the enrolment QR code</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="77"/>
        <source>已从二维码填好服务器地址和登记码，并核对服务器证书。请设置密码。</source>
        <translation>The server address and the code are filled in from the QR code, and the server&apos;s certificate will be checked. Choose your PIN.</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="78"/>
        <source>已从二维码填好服务器地址和登记码。请设置密码。</source>
        <translation>The server address and the code are filled in from the QR code. Choose your PIN.</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="85"/>
        <source>也可以手动填写：</source>
        <translation>Or type them:</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="91"/>
        <location filename="../qml/EnrolPage.qml" line="95"/>
        <source>县服务器地址</source>
        <translation>County server address</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="102"/>
        <location filename="../qml/EnrolPage.qml" line="106"/>
        <source>登记码</source>
        <translation>Enrolment code</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="108"/>
        <source>向乡镇工作人员索取</source>
        <translation>Ask your township staff</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="113"/>
        <location filename="../qml/EnrolPage.qml" line="117"/>
        <source>设置密码（6 位数字）</source>
        <translation>Choose a PIN (6 digits)</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="124"/>
        <location filename="../qml/EnrolPage.qml" line="128"/>
        <source>再次输入密码</source>
        <translation>PIN again</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="145"/>
        <source>请牢记密码：连续输错 10 次，本机数据将被清除。</source>
        <translation>Remember the PIN: 10 wrong PINs in a row wipe the data on this phone.</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="161"/>
        <source>正在登记…</source>
        <translation>Enrolling…</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="161"/>
        <source>登记</source>
        <translation>Enrol</translation>
    </message>
</context>
<context>
    <name>EnrolScan</name>
    <message>
        <location filename="../src/enrol_scan.cc" line="52"/>
        <location filename="../src/enrol_scan.cc" line="64"/>
        <source>无法读取这张照片，请换一张清晰的二维码照片，或手动填写。</source>
        <translation>This photo cannot be read. Use a sharper photo of the QR code, or type the details.</translation>
    </message>
    <message>
        <location filename="../src/enrol_scan.cc" line="69"/>
        <source>照片里没有找到二维码。请让二维码占满画面、对准拍清楚后再试，或手动填写服务器地址和登记码。</source>
        <translation>No QR code was found in the photo. Let the code fill the picture, hold steady and try again, or type the server address and the code.</translation>
    </message>
    <message>
        <location filename="../src/enrol_scan.cc" line="84"/>
        <source>这个登记二维码来自更新版本的县服务器，本应用读不懂。请先更新应用，或手动填写服务器地址和登记码。</source>
        <translation>This enrolment code comes from a newer county server that this app cannot read. Update the app, or type the server address and the code.</translation>
    </message>
    <message>
        <location filename="../src/enrol_scan.cc" line="90"/>
        <source>这不是敲门的登记二维码。请拍乡镇工作人员给的登记二维码，或手动填写。</source>
        <translation>This is not a Qiaomen enrolment code. Photograph the enrolment code your township staff gave you, or type the details.</translation>
    </message>
    <message>
        <location filename="../src/enrol_scan.cc" line="94"/>
        <source>这个登记二维码内容有误，无法使用。请向乡镇工作人员重新索取，或手动填写服务器地址和登记码。</source>
        <translation>This enrolment code is damaged and cannot be used. Ask your township staff for a new one, or type the server address and the code.</translation>
    </message>
    <message>
        <location filename="../src/enrol_scan.cc" line="109"/>
        <source>无法打开这张照片，请选择 JPG 或 PNG 格式的二维码照片。</source>
        <translation>This photo cannot be opened. Choose a JPG or PNG photo of the QR code.</translation>
    </message>
</context>
<context>
    <name>HazardPage</name>
    <message>
        <location filename="../qml/HazardPage.qml" line="27"/>
        <source>发现隐患</source>
        <translation>Hazard found</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="28"/>
        <source>下达限期整改</source>
        <translation>Ordered to rectify</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="29"/>
        <source>已整改</source>
        <translation>Rectified</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="30"/>
        <location filename="../qml/HazardPage.qml" line="251"/>
        <source>复查通过</source>
        <translation>Recheck passed</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="30"/>
        <source>复查未通过，退回整改</source>
        <translation>Recheck failed, back to rectification</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="31"/>
        <source>销号</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="32"/>
        <location filename="../qml/HazardPage.qml" line="109"/>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="33"/>
        <source>挂牌督办</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="34"/>
        <source>立案查处</source>
        <translation>Case opened</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="39"/>
        <source>未定</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="42"/>
        <source>（逾期 %1 天）</source>
        <translation> (%1 day(s) overdue)</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="43"/>
        <source>（今天到期）</source>
        <translation> (due today)</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="43"/>
        <source>（剩余 %1 天）</source>
        <translation> (%1 day(s) left)</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="56"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="63"/>
        <source>隐患详情</source>
        <translation>Hazard</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="107"/>
        <source>重大隐患</source>
        <translation>Major hazard</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="107"/>
        <source>一般隐患</source>
        <translation>General hazard</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="110"/>
        <source>即将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="112"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="113"/>
        <source>等级</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="113"/>
        <source>重大</source>
        <translation>Major</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="113"/>
        <source>一般</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="115"/>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="120"/>
        <source>住户</source>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="125"/>
        <source>情况描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="130"/>
        <source>依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="135"/>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="138"/>
        <source>还没有照片</source>
        <translation>No photo yet</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="167"/>
        <location filename="../qml/HazardPage.qml" line="173"/>
        <source>整改后</source>
        <translation>After</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="167"/>
        <location filename="../qml/HazardPage.qml" line="173"/>
        <source>发现时</source>
        <translation>When found</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="181"/>
        <source>处理记录</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="210"/>
        <source>这一步与其他手机的记录冲突，未生效。</source>
        <translation>This step clashed with another phone&apos;s record and did not take effect.</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="210"/>
        <source>附照片 %1 张</source>
        <translation>%1 photo(s) attached</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="231"/>
        <source>记录整改</source>
        <translation>Record rectification</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="244"/>
        <source>复查不通过</source>
        <translation>Recheck failed</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="263"/>
        <source>复查已通过，等待销号。</source>
        <translation>Recheck passed; waiting to be closed.</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="264"/>
        <source>这处隐患已销号。</source>
        <translation>This hazard is closed.</translation>
    </message>
</context>
<context>
    <name>HazardStepPage</name>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="53"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="60"/>
        <source>记录整改</source>
        <translation>Record rectification</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="60"/>
        <source>复查通过</source>
        <translation>Recheck passed</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="60"/>
        <source>复查不通过</source>
        <translation>Recheck failed</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="92"/>
        <source>整改后照片</source>
        <translation>Photo after rectification</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="96"/>
        <source>请拍下整改后的样子，作为整改的证据。</source>
        <translation>Take a photo of the fixed hazard as evidence.</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="115"/>
        <source>拍照 / 选择照片</source>
        <translation>Take / choose a photo</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="115"/>
        <source>换一张照片</source>
        <translation>Use another photo</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="126"/>
        <source>复查确认已整改到位。通过后等待销号。</source>
        <translation>The recheck confirms the hazard is fixed. It then waits to be closed.</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="127"/>
        <source>复查发现没有整改到位：隐患退回限期整改，请在说明里写清问题。</source>
        <translation>The hazard is not fixed: it goes back to rectification. Say what is wrong in the note.</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="130"/>
        <location filename="../qml/HazardStepPage.qml" line="134"/>
        <source>情况说明（可不填）</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="143"/>
        <source>如：已更换燃气软管</source>
        <translation>e.g. gas hose replaced</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="143"/>
        <source>如：烟道已装好，通风良好</source>
        <translation>e.g. flue fitted, well ventilated</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="174"/>
        <source>保存整改</source>
        <translation>Save rectification</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="174"/>
        <source>保存复查结果</source>
        <translation>Save recheck</translation>
    </message>
</context>
<context>
    <name>HazardSteps</name>
    <message>
        <location filename="../src/hazard_steps.cc" line="13"/>
        <source>复查须由安全检查员或乡镇、县里的工作人员进行。整改后请告诉他们来复查。</source>
        <translation>A recheck is done by a safety inspector or township or county staff. Once it is fixed, ask them to come and recheck.</translation>
    </message>
    <message>
        <location filename="../src/hazard_steps.cc" line="21"/>
        <source>找不到这张照片或这处隐患，请重新选择照片；仍不行请同步后再试。</source>
        <translation>The photo or the hazard cannot be found. Choose the photo again; if that fails, sync and try again.</translation>
    </message>
    <message>
        <location filename="../src/hazard_steps.cc" line="23"/>
        <source>这个文件不是能用的照片，请换一张或直接拍照。</source>
        <translation>This file is not a usable photo. Choose another or take one.</translation>
    </message>
    <message>
        <location filename="../src/hazard_steps.cc" line="25"/>
        <source>没有保存成功，请再试一次。</source>
        <translation>Not saved. Please try again.</translation>
    </message>
    <message>
        <location filename="../src/hazard_steps.cc" line="29"/>
        <source>这处隐患已经销号，不能再记录。如果问题又出现了，请在入户检查中重新登记。</source>
        <translation>This hazard is closed; nothing more can be recorded. If the problem is back, record it again in a home check.</translation>
    </message>
    <message>
        <location filename="../src/hazard_steps.cc" line="33"/>
        <source>这处隐患还没有下达限期整改，不能记录整改。请先下达整改通知。</source>
        <translation>No rectification order was issued for this hazard yet, so a rectification cannot be recorded. Issue the order first.</translation>
    </message>
    <message>
        <location filename="../src/hazard_steps.cc" line="36"/>
        <source>这处隐患已经记录过整改，正在等待复查，不用再记录。</source>
        <translation>The rectification of this hazard is already recorded and waits for a recheck; no need to record it again.</translation>
    </message>
    <message>
        <location filename="../src/hazard_steps.cc" line="38"/>
        <source>这处隐患已复查通过，等待销号，不用再记录整改。</source>
        <translation>This hazard passed its recheck and waits to be closed; no rectification is needed.</translation>
    </message>
    <message>
        <location filename="../src/hazard_steps.cc" line="42"/>
        <source>这处隐患已复查通过，等待销号，不能再复查。</source>
        <translation>This hazard passed its recheck and waits to be closed; it cannot be rechecked again.</translation>
    </message>
    <message>
        <location filename="../src/hazard_steps.cc" line="44"/>
        <source>还没有记录整改，不能复查。请先记录整改并拍整改后的照片。</source>
        <translation>No rectification is recorded yet, so it cannot be rechecked. Record the rectification with its photo first.</translation>
    </message>
    <message>
        <location filename="../src/hazard_steps.cc" line="46"/>
        <source>这一步现在不能记录。请刷新后查看隐患的当前状态。</source>
        <translation>This step cannot be recorded now. Refresh and look at the hazard&apos;s current state.</translation>
    </message>
</context>
<context>
    <name>HazardsPage</name>
    <message>
        <location filename="../qml/HazardsPage.qml" line="19"/>
        <source>隐患整改</source>
        <translation>Hazards</translation>
    </message>
    <message>
        <source>未销号隐患</source>
        <translation type="vanished">Open hazards</translation>
    </message>
    <message>
        <source>3 天内到期或已逾期</source>
        <translation type="vanished">Due within 3 days or overdue</translation>
    </message>
    <message>
        <source>在「任务」中点开住户，可查看该户的隐患和整改期限。</source>
        <translation type="vanished">Open a household under Tasks to see its hazards and deadlines.</translation>
    </message>
    <message>
        <location filename="../qml/HazardsPage.qml" line="53"/>
        <source>未销号</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../qml/HazardsPage.qml" line="60"/>
        <source>3 天内到期</source>
        <translation>Due in 3 days</translation>
    </message>
    <message>
        <location filename="../qml/HazardsPage.qml" line="67"/>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../qml/HazardsPage.qml" line="99"/>
        <source>%1 处</source>
        <translation>%1 hazard(s)</translation>
    </message>
    <message>
        <location filename="../qml/HazardsPage.qml" line="121"/>
        <source>重大隐患</source>
        <translation>Major hazard</translation>
    </message>
    <message>
        <location filename="../qml/HazardsPage.qml" line="121"/>
        <source>一般隐患</source>
        <translation>General hazard</translation>
    </message>
    <message>
        <location filename="../qml/HazardsPage.qml" line="125"/>
        <source>逾期 %1 天</source>
        <translation>%1 day(s) overdue</translation>
    </message>
    <message>
        <location filename="../qml/HazardsPage.qml" line="126"/>
        <source>今天到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../qml/HazardsPage.qml" line="126"/>
        <source>剩余 %1 天</source>
        <translation>%1 day(s) left</translation>
    </message>
    <message>
        <location filename="../qml/HazardsPage.qml" line="137"/>
        <source>没有逾期的隐患</source>
        <translation>No overdue hazards</translation>
    </message>
    <message>
        <location filename="../qml/HazardsPage.qml" line="138"/>
        <source>3 天内没有到期的隐患</source>
        <translation>No hazards due in the next 3 days</translation>
    </message>
    <message>
        <location filename="../qml/HazardsPage.qml" line="139"/>
        <source>没有未销号的隐患</source>
        <translation>No open hazards</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../qml/HomePage.qml" line="22"/>
        <source>今日走访</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>%1 条待上传</source>
        <translation type="vanished">%1 waiting to upload</translation>
    </message>
    <message>
        <source>全部已上传</source>
        <translation type="vanished">Everything uploaded</translation>
    </message>
    <message>
        <source>上次同步 %1</source>
        <translation type="vanished">last sync %1</translation>
    </message>
    <message>
        <location filename="../qml/HomePage.qml" line="55"/>
        <source>有一户检查还没做完：%1</source>
        <translation>A visit is not finished: %1</translation>
    </message>
    <message>
        <location filename="../qml/HomePage.qml" line="64"/>
        <source>继续检查</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../qml/HomePage.qml" line="71"/>
        <source>本次走访</source>
        <translation>This campaign</translation>
    </message>
    <message>
        <location filename="../qml/HomePage.qml" line="86"/>
        <source>已走访（户）</source>
        <translation>Visited</translation>
    </message>
    <message>
        <location filename="../qml/HomePage.qml" line="92"/>
        <source>剩余（户）</source>
        <translation>Remaining</translation>
    </message>
    <message>
        <location filename="../qml/HomePage.qml" line="98"/>
        <source>待复访</source>
        <translation>Return visit</translation>
    </message>
    <message>
        <location filename="../qml/HomePage.qml" line="105"/>
        <source>隐患 3 天内到期</source>
        <translation>Hazards due in 3 days</translation>
    </message>
    <message>
        <location filename="../qml/HomePage.qml" line="119"/>
        <source>开始走访</source>
        <translation>Start visiting</translation>
    </message>
</context>
<context>
    <name>HouseholdEdit</name>
    <message>
        <location filename="../src/household_edit.cc" line="35"/>
        <source>电话号码不对：手机号是 1 开头的 11 位数字；固定电话请带区号，如 0571-87654321。不知道号码就留空。</source>
        <translation>This phone number is not right: a mobile number has 11 digits starting with 1; give a landline with its area code, e.g. 0571-87654321. Leave it empty if you do not know the number.</translation>
    </message>
    <message>
        <location filename="../src/household_edit.cc" line="47"/>
        <source>家庭人数请填 0 到 200 之间的整数。</source>
        <translation>Enter the household members as a whole number from 0 to 200.</translation>
    </message>
</context>
<context>
    <name>HouseholdEditPage</name>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="16"/>
        <source>独居老人</source>
        <translation>Elderly living alone</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="16"/>
        <source>燃煤取暖</source>
        <translation>Coal heating</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="17"/>
        <source>瓶装液化气</source>
        <translation>Bottled gas</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="17"/>
        <source>电动自行车</source>
        <translation>E-bike</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="57"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="64"/>
        <source>修改住户信息</source>
        <translation>Edit household</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="92"/>
        <location filename="../qml/HouseholdEditPage.qml" line="96"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="99"/>
        <source>手机或带区号的固定电话</source>
        <translation>Mobile, or landline with area code</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="113"/>
        <location filename="../qml/HouseholdEditPage.qml" line="128"/>
        <source>家庭人数</source>
        <translation>Household members</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="119"/>
        <source>家庭人数减一</source>
        <translation>One fewer household member</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="139"/>
        <source>家庭人数加一</source>
        <translation>One more household member</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="145"/>
        <source>人</source>
        <translation>people</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="156"/>
        <source>重点关注（点选）</source>
        <translation>Watch for (tap to choose)</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="193"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="193"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>HouseholdPage</name>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="18"/>
        <source>已入户检查</source>
        <translation>Checked</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="19"/>
        <source>无人在家</source>
        <translation>Nobody home</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="20"/>
        <source>拒绝入户</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="21"/>
        <source>空置</source>
        <translation>Vacant</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="22"/>
        <source>已搬迁</source>
        <translation>Moved away</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="28"/>
        <source>独居老人</source>
        <translation>Elderly living alone</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="29"/>
        <source>燃煤取暖</source>
        <translation>Coal heating</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="30"/>
        <source>瓶装液化气</source>
        <translation>Bottled gas</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="31"/>
        <source>电动自行车</source>
        <translation>E-bike</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="42"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="58"/>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="82"/>
        <source>地址：%1</source>
        <translation>Address: %1</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="90"/>
        <source>电话：%1</source>
        <translation>Phone: %1</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="90"/>
        <source>未登记</source>
        <translation>none on record</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="98"/>
        <source>拨打</source>
        <translation>Call</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="102"/>
        <source>家庭人数：%1 人</source>
        <translation>Household members: %1</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="114"/>
        <source>隐患</source>
        <translation>Hazards</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="117"/>
        <source>暂无隐患</source>
        <translation>No hazards</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="138"/>
        <source>重大隐患</source>
        <translation>Major hazard</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="138"/>
        <source>一般隐患</source>
        <translation>General hazard</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="140"/>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="148"/>
        <source>整改期限：%1</source>
        <translation>Deadline: %1</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="153"/>
        <source>走访记录</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="156"/>
        <source>还没有走访记录</source>
        <translation>No visits yet</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="179"/>
        <source>开始入户检查</source>
        <translation>Start the home check</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="13"/>
        <source>敲门 · 安全检查</source>
        <translation>Qiaomen · Safety checks</translation>
    </message>
</context>
<context>
    <name>MePage</name>
    <message>
        <location filename="../qml/MePage.qml" line="34"/>
        <source>我的</source>
        <translation>Me</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="55"/>
        <source>数据同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="60"/>
        <source>待上传：%1 条记录，%2 张照片</source>
        <translation>Waiting to upload: %1 records, %2 photos</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="67"/>
        <source>上次同步：%1</source>
        <translation>Last sync: %1</translation>
    </message>
    <message>
        <source>县里退回的修改</source>
        <translation type="vanished">Changes the county refused</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="101"/>
        <source>县里拒收的记录（%1 条）</source>
        <translation>Records the county refused (%1)</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="111"/>
        <source>这些记录仍保存在本机，不会丢失。</source>
        <translation>They are still kept on this phone; nothing is lost.</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="137"/>
        <source>怎么办：%1</source>
        <translation>What to do: %1</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="144"/>
        <source>县里的说明：%1</source>
        <translation>The county says: %1</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="153"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="156"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="167"/>
        <location filename="../qml/MePage.qml" line="171"/>
        <source>深色主题</source>
        <translation>Dark theme</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="172"/>
        <source>关闭</source>
        <translation>Off</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="172"/>
        <source>开启</source>
        <translation>On</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="179"/>
        <location filename="../qml/MePage.qml" line="337"/>
        <source>解锁密码</source>
        <translation>Unlock PIN</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="183"/>
        <location filename="../qml/MePage.qml" line="267"/>
        <source>修改密码</source>
        <translation>Change PIN</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="192"/>
        <source>没有信号、很多天传不上去时：把未上传的记录导出成文件，交给乡镇工作人员带到县里导入。</source>
        <translation>No signal for days? Export the records not yet uploaded to a file and give it to your township staff to import at the county.</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="197"/>
        <source>导出未上传的记录（%1 条）</source>
        <translation>Export records not uploaded (%1)</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="213"/>
        <source>锁定本机</source>
        <translation>Lock this phone</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="216"/>
        <source>锁定</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="225"/>
        <source>服务器和本机</source>
        <translation>Server and this phone</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="230"/>
        <source>县服务器：%1</source>
        <translation>County server: %1</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="230"/>
        <source>未设置</source>
        <translation>not set</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="233"/>
        <source>版本 %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="241"/>
        <source>退出本机…</source>
        <translation>Leave this phone…</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="256"/>
        <source>停止同步</source>
        <translation>Stop sync</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="256"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="273"/>
        <location filename="../qml/MePage.qml" line="274"/>
        <source>原密码</source>
        <translation>Current PIN</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="275"/>
        <location filename="../qml/MePage.qml" line="276"/>
        <source>新密码（6 位数字）</source>
        <translation>New PIN (6 digits)</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="277"/>
        <location filename="../qml/MePage.qml" line="278"/>
        <source>再次输入新密码</source>
        <translation>New PIN again</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="292"/>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="295"/>
        <location filename="../qml/MePage.qml" line="355"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="306"/>
        <source>退出本机</source>
        <translation>Leave this phone</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="319"/>
        <source>退出后，这台手机上的走访记录、照片、隐患和密钥都会被清除，无法恢复。县里已经收到的记录不受影响。</source>
        <translation>Leaving wipes the visits, photos, hazards and keys on this phone; they cannot be recovered. What the county already received is not affected.</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="328"/>
        <source>还有 %1 条记录、%2 张照片没有上传到县里，退出后就没有了。请先同步，或先导出文件交给乡镇工作人员。</source>
        <translation>%1 records and %2 photos have not reached the county and would be lost. Sync first, or export them to a file for your township staff.</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="335"/>
        <source>要在这台手机上再用，需要向乡镇工作人员重新索取登记码。输入密码确认：</source>
        <translation>To use this phone again you will need a new enrolment code from your township staff. Enter your PIN to confirm:</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="352"/>
        <source>清除数据并退出</source>
        <translation>Wipe and leave</translation>
    </message>
</context>
<context>
    <name>PhotoPicker</name>
    <message>
        <location filename="../qml/PhotoPicker.qml" line="27"/>
        <source>添加照片</source>
        <translation>Add a photo</translation>
    </message>
    <message>
        <location filename="../qml/PhotoPicker.qml" line="42"/>
        <source>拍照</source>
        <translation>Take a photo</translation>
    </message>
    <message>
        <location filename="../qml/PhotoPicker.qml" line="53"/>
        <source>这台设备没有可用的相机，请选择已拍好的照片文件。</source>
        <translation>This device has no camera: choose a photo file.</translation>
    </message>
    <message>
        <location filename="../qml/PhotoPicker.qml" line="63"/>
        <source>选择照片文件</source>
        <translation>Choose a photo file</translation>
    </message>
    <message>
        <location filename="../qml/PhotoPicker.qml" line="72"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../qml/PhotoPicker.qml" line="81"/>
        <source>选择照片</source>
        <translation>Choose a photo</translation>
    </message>
    <message>
        <location filename="../qml/PhotoPicker.qml" line="82"/>
        <source>照片 (*.jpg *.jpeg *.png)</source>
        <translation>Photos (*.jpg *.jpeg *.png)</translation>
    </message>
</context>
<context>
    <name>RefusedWordsText</name>
    <message>
        <location filename="../src/refused_words.cc" line="19"/>
        <source>这户不在你现在的工作范围内（网格或角色已调整）。</source>
        <translation>This household is no longer in your area (your grid or role changed).</translation>
    </message>
    <message>
        <location filename="../src/refused_words.cc" line="20"/>
        <source>请联系乡镇工作人员核对你的网格和角色。记录仍保存在本机，县里核对后可重新提交。</source>
        <translation>Ask your township staff to check your grid and role. The record stays on this phone and can be sent again once they have.</translation>
    </message>
    <message>
        <location filename="../src/refused_words.cc" line="24"/>
        <source>记录内容不符合县里的检查表或规则。</source>
        <translation>The record does not match the county&apos;s checklist or rules.</translation>
    </message>
    <message>
        <location filename="../src/refused_words.cc" line="25"/>
        <source>请联系乡镇工作人员查看原因；需要时重新走访这一户，重新记录。</source>
        <translation>Ask your township staff to look at the reason; if needed, visit the household again and record it again.</translation>
    </message>
    <message>
        <location filename="../src/refused_words.cc" line="28"/>
        <source>与县里已有的记录不一致（例如隐患已被销号）。</source>
        <translation>It contradicts what the county already has (for example, the hazard was already closed).</translation>
    </message>
    <message>
        <location filename="../src/refused_words.cc" line="29"/>
        <source>请同步后查看这一户的最新情况，需要时重新记录。</source>
        <translation>Sync, look at the household as it is now, and record again if needed.</translation>
    </message>
    <message>
        <location filename="../src/refused_words.cc" line="32"/>
        <source>县里找不到这条记录所属的户或任务。</source>
        <translation>The county cannot find the household or task this record belongs to.</translation>
    </message>
    <message>
        <location filename="../src/refused_words.cc" line="33"/>
        <source>请联系乡镇工作人员核对这一户是否已被合并或删除。</source>
        <translation>Ask your township staff whether the household was merged or removed.</translation>
    </message>
    <message>
        <location filename="../src/refused_words.cc" line="35"/>
        <source>县服务器没有接收这条记录。</source>
        <translation>The county server did not accept this record.</translation>
    </message>
    <message>
        <location filename="../src/refused_words.cc" line="36"/>
        <source>请联系乡镇工作人员，并把下面的原因告诉他们。</source>
        <translation>Contact your township staff and tell them the reason below.</translation>
    </message>
</context>
<context>
    <name>TaskListPage</name>
    <message>
        <location filename="../qml/TaskListPage.qml" line="18"/>
        <source>走访任务</source>
        <translation>Visit tasks</translation>
    </message>
    <message>
        <location filename="../qml/TaskListPage.qml" line="30"/>
        <location filename="../qml/TaskListPage.qml" line="33"/>
        <source>搜索姓名、地址或电话</source>
        <translation>Search name, address or phone</translation>
    </message>
    <message>
        <location filename="../qml/TaskListPage.qml" line="53"/>
        <source>未完成</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../qml/TaskListPage.qml" line="53"/>
        <source>未走访</source>
        <translation>Not visited</translation>
    </message>
    <message>
        <location filename="../qml/TaskListPage.qml" line="54"/>
        <location filename="../qml/TaskListPage.qml" line="159"/>
        <source>待复访</source>
        <translation>Return visit</translation>
    </message>
    <message>
        <location filename="../qml/TaskListPage.qml" line="54"/>
        <source>有隐患</source>
        <translation>Hazards</translation>
    </message>
    <message>
        <location filename="../qml/TaskListPage.qml" line="55"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../qml/TaskListPage.qml" line="106"/>
        <source>已走访 %1 · 剩余 %2</source>
        <translation>Visited %1 · Left %2</translation>
    </message>
    <message>
        <location filename="../qml/TaskListPage.qml" line="149"/>
        <source>隐患 %1</source>
        <translation>Hazards %1</translation>
    </message>
    <message>
        <location filename="../qml/TaskListPage.qml" line="154"/>
        <source>未做完</source>
        <translation>Unfinished</translation>
    </message>
    <message>
        <location filename="../qml/TaskListPage.qml" line="164"/>
        <source>已走访</source>
        <translation>Visited</translation>
    </message>
    <message>
        <location filename="../qml/TaskListPage.qml" line="172"/>
        <source>没有符合条件的任务</source>
        <translation>No tasks match</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <location filename="../qml/UnlockPage.qml" line="31"/>
        <source>敲门 · 安全检查</source>
        <translation>Qiaomen · Safety checks</translation>
    </message>
    <message>
        <location filename="../qml/UnlockPage.qml" line="37"/>
        <source>正在解锁…</source>
        <translation>Unlocking…</translation>
    </message>
    <message>
        <location filename="../qml/UnlockPage.qml" line="37"/>
        <source>请输入 6 位密码</source>
        <translation>Enter your 6-digit PIN</translation>
    </message>
    <message>
        <location filename="../qml/UnlockPage.qml" line="60"/>
        <source>密码不正确，还可尝试 %1 次。</source>
        <translation>Wrong PIN. %1 tries left.</translation>
    </message>
    <message>
        <location filename="../qml/UnlockPage.qml" line="77"/>
        <source>注意：再输错 %1 次，本机数据将被全部清除，未上传的记录无法恢复，需要重新登记。</source>
        <translation>Careful: after %1 more wrong PINs all data on this phone is wiped; records not uploaded are lost and the phone must be enrolled again.</translation>
    </message>
    <message>
        <location filename="../qml/UnlockPage.qml" line="96"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>VisitPage</name>
    <message>
        <location filename="../qml/VisitPage.qml" line="63"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="77"/>
        <source>入户检查</source>
        <translation>Home check</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="93"/>
        <source>更多操作</source>
        <translation>More actions</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="101"/>
        <source>放弃本次检查</source>
        <translation>Discard this visit</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="118"/>
        <source>入户结果</source>
        <translation>Outcome of the visit</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="124"/>
        <source>已入户，开始检查</source>
        <translation>At home: start the check</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="134"/>
        <source>无人在家</source>
        <translation>Nobody home</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="135"/>
        <location filename="../qml/VisitPage.qml" line="165"/>
        <source>拒绝入户</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="136"/>
        <source>空置</source>
        <translation>Vacant</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="137"/>
        <source>已搬迁</source>
        <translation>Moved away</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="158"/>
        <source>拒绝原因</source>
        <translation>Why refused</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="166"/>
        <source>无人应答后拒绝</source>
        <translation>Refused after not answering</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="167"/>
        <source>要求改期</source>
        <translation>Asked for another day</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="168"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="188"/>
        <source>请说明拒绝的原因</source>
        <translation>Say why the visit was refused</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="198"/>
        <source>提请村委会协助入户</source>
        <translation>Ask the village committee to come along</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="213"/>
        <source>已送达告知书</source>
        <translation>Notice delivered</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="220"/>
        <source>已拍告知书</source>
        <translation>Notice photographed</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="220"/>
        <source>拍告知书</source>
        <translation>Photograph the notice</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="228"/>
        <source>记为无人在家：任务保留，列入待复访。</source>
        <translation>Nobody home: the task stays open as a return visit.</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="246"/>
        <location filename="../qml/VisitPage.qml" line="431"/>
        <source>完成并保存</source>
        <translation>Finish and save</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="263"/>
        <source>已答 %1 / %2 项</source>
        <translation>%1 of %2 answered</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="318"/>
        <source>下一步：隐患汇总</source>
        <translation>Next: hazard summary</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="336"/>
        <source>发现 %1 处隐患</source>
        <translation>%1 hazard(s) found</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="337"/>
        <source>未发现隐患</source>
        <translation>No hazards found</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="363"/>
        <source>重大隐患</source>
        <translation>Major hazard</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="363"/>
        <source>一般隐患</source>
        <translation>General hazard</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="365"/>
        <source>限期 %1 天</source>
        <translation>%1 day(s) to fix</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="365"/>
        <source>当场整改</source>
        <translation>Fix on the spot</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="375"/>
        <source>整改期限：%1前</source>
        <translation>Fix by %1</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="383"/>
        <source>还需拍照留证</source>
        <translation>A photo is still needed as evidence</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="389"/>
        <source>已当场整改（已拍整改后照片）</source>
        <translation>Fixed on the spot (after-photo taken)</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="389"/>
        <source>当场整改：拍整改后照片</source>
        <translation>Fixed on the spot: take the after-photo</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="403"/>
        <source>宣传教育：</source>
        <translation>Safety education: </translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="405"/>
        <source>发放宣传单</source>
        <translation>Leaflet handed over</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="405"/>
        <source>入户提醒</source>
        <translation>Spoken reminder</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="406"/>
        <source>家庭安全寄语</source>
        <translation>Family safety message</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="406"/>
        <source>演示灭火器使用</source>
        <translation>Extinguisher demonstration</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="448"/>
        <source>添加照片</source>
        <translation>Add a photo</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="460"/>
        <source>拍照</source>
        <translation>Take a photo</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="471"/>
        <source>这台设备没有可用的相机，请选择已拍好的照片文件。</source>
        <translation>This device has no camera. Choose a photo file that was already taken.</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="481"/>
        <source>选择照片文件</source>
        <translation>Choose a photo file</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="491"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="501"/>
        <source>选择照片</source>
        <translation>Choose a photo</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="502"/>
        <source>照片 (*.jpg *.jpeg *.png)</source>
        <translation>Photos (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>照片文件路径（JPEG）</source>
        <translation type="vanished">Photo file path (JPEG)</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="262"/>
        <source>第 %1/%2 部分</source>
        <translation>Part %1/%2</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="318"/>
        <source>下一部分</source>
        <translation>Next part</translation>
    </message>
</context>
<context>
    <name>qiaomen::mobile::AppController</name>
    <message>
        <location filename="../src/app_controller.cc" line="212"/>
        <source>请填写县服务器地址和登记码（向乡镇工作人员索取）。</source>
        <translation>Enter the county server address and the enrolment code (ask your township staff).</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="217"/>
        <source>密码须为 6 位数字。</source>
        <translation>The PIN must be 6 digits.</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="221"/>
        <source>两次输入的密码不一致，请重新输入。</source>
        <translation>The two PINs differ. Please enter them again.</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="426"/>
        <source>正在定位…（定不到位置也能照常保存）</source>
        <translation>Finding the location… (the visit saves without one too)</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="427"/>
        <source>未能定位：本次检查将不带位置保存。</source>
        <translation>No location: this visit will be saved without one.</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="428"/>
        <source>已定位</source>
        <translation>Location found</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="429"/>
        <source>已定位，误差约 %1 米</source>
        <translation>Location found, accurate to about %1 m</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="480"/>
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="493"/>
        <source>新密码须为 6 位数字。</source>
        <translation>The new PIN must be 6 digits.</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="497"/>
        <source>两次输入的新密码不一致，请重新输入。</source>
        <translation>The two new PINs differ. Please enter them again.</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="549"/>
        <source>%1 条待上传</source>
        <translation>%1 waiting to upload</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="550"/>
        <source>已同步 %1</source>
        <translation>Synced %1</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="550"/>
        <source>尚未同步</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="557"/>
        <source>正在同步 %1%</source>
        <translation>Syncing %1%</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="559"/>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="561"/>
        <source>%1 条被拒收</source>
        <translation>%1 refused</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="572"/>
        <source>预计还需 %1 秒</source>
        <translation>About %1 s left</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="573"/>
        <source>预计还需 %1 分 %2 秒</source>
        <translation>About %1 min %2 s left</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="574"/>
        <source>预计还需 %1 小时 %2 分</source>
        <translation>About %1 h %2 min left</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="600"/>
        <source>从未</source>
        <translation>never</translation>
    </message>
</context>
<context>
    <name>qiaomen::mobile::DeviceWorker</name>
    <message>
        <location filename="../src/device_worker.cc" line="85"/>
        <source>请先输入密码解锁。</source>
        <translation>Unlock with your PIN first.</translation>
    </message>
    <message>
        <location filename="../src/device_worker.cc" line="269"/>
        <source>还有未完成的检查项，请按红色提示补全。</source>
        <translation>Some items are not done yet: see the red notes.</translation>
    </message>
    <message>
        <location filename="../src/device_worker.cc" line="277"/>
        <location filename="../src/device_worker_edits.cc" line="57"/>
        <location filename="../src/device_worker_hazards.cc" line="190"/>
        <source>已保存，待上传。</source>
        <translation>Saved; waiting to upload.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/device_worker.cc" line="278"/>
        <source>已保存，发现 %n 处隐患，已下达限期整改。</source>
        <translation>
            <numerusform>Saved: %n hazard found, rectification ordered.</numerusform>
            <numerusform>Saved: %n hazards found, rectification ordered.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/device_worker_sync.cc" line="55"/>
        <source>这台手机还没有设置县服务器，无法同步。请先登记。</source>
        <translation>This phone has no county server yet, so it cannot sync. Enrol it first.</translation>
    </message>
    <message>
        <location filename="../src/device_worker_sync.cc" line="86"/>
        <source>同步完成。</source>
        <translation>Sync finished.</translation>
    </message>
    <message>
        <location filename="../src/device_worker.cc" line="35"/>
        <source>服务器地址、登记码或密码的格式不对，请核对后重试。</source>
        <translation>The server address, code or PIN is not in the right form. Check them and try again.</translation>
    </message>
    <message>
        <location filename="../src/device_worker.cc" line="37"/>
        <source>本机已经登记过，请直接输入密码解锁。</source>
        <translation>This phone is already enrolled: unlock it with your PIN.</translation>
    </message>
    <message>
        <location filename="../src/device_worker.cc" line="39"/>
        <source>登记码无效或已用过，请向乡镇工作人员重新索取。</source>
        <translation>The code is not valid or was used already. Ask your township staff for a new one.</translation>
    </message>
    <message>
        <location filename="../src/device_worker.cc" line="42"/>
        <source>连不上县服务器。请检查网络后再试，已填写的内容不会丢失。</source>
        <translation>Cannot reach the county server. Check the network and try again; what you typed is kept.</translation>
    </message>
    <message>
        <location filename="../src/device_worker.cc" line="44"/>
        <source>这个地址不是县服务器，或安全证书不对。请核对服务器地址。</source>
        <translation>This address is not a county server, or its certificate is wrong. Check the address.</translation>
    </message>
    <message>
        <location filename="../src/device_worker.cc" line="46"/>
        <source>登记没有成功，请稍后重试。</source>
        <translation>Enrolment did not work. Please try again later.</translation>
    </message>
    <message>
        <location filename="../src/device_worker_sync.cc" line="18"/>
        <source>现在连不上县服务器。记录都保存在本机，有信号时再同步。</source>
        <translation>Cannot reach the county server now. Everything is kept on the phone; sync when you have signal.</translation>
    </message>
    <message>
        <location filename="../src/device_worker_sync.cc" line="20"/>
        <source>县服务器不再认可本机，请联系乡镇工作人员重新登记。</source>
        <translation>The county server no longer accepts this phone. Ask your township staff to enrol it again.</translation>
    </message>
    <message>
        <location filename="../src/device_worker_sync.cc" line="22"/>
        <source>同步已停止，未传完的下次继续。</source>
        <translation>Sync stopped; the rest goes next time.</translation>
    </message>
    <message>
        <location filename="../src/device_worker_sync.cc" line="24"/>
        <source>同步没有完成，记录都保存在本机。</source>
        <translation>Sync did not finish; everything is kept on the phone.</translation>
    </message>
    <message>
        <location filename="../src/device_worker_sync.cc" line="33"/>
        <source>正在同步记录：%1 / %2 条</source>
        <translation>Syncing records: %1 of %2</translation>
    </message>
    <message>
        <location filename="../src/device_worker_sync.cc" line="37"/>
        <source>正在上传照片：%1 / %2 MB</source>
        <translation>Uploading photos: %1 of %2 MB</translation>
    </message>
    <message>
        <location filename="../src/device_worker_sync.cc" line="41"/>
        <source>网络不稳，稍后自动重试…</source>
        <translation>The connection is unsteady; trying again shortly…</translation>
    </message>
    <message>
        <location filename="../src/device_worker_sync.cc" line="43"/>
        <source>正在收尾…</source>
        <translation>Finishing…</translation>
    </message>
    <message>
        <location filename="../src/device_worker.cc" line="162"/>
        <source>密码错误次数过多，本机数据已按规定清除。请向乡镇工作人员索取登记码，重新登记。</source>
        <translation>Too many wrong PINs: the data on this phone was wiped as designed. Ask your township staff for a code and enrol again.</translation>
    </message>
    <message>
        <location filename="../src/device_worker_sync.cc" line="89"/>
        <source>本机不认识县里的时区 %1，日期暂按 %2 计算。</source>
        <translation>This device does not know the county&apos;s time zone %1; dates are counted in %2 for now.</translation>
    </message>
    <message>
        <location filename="../src/device_worker_sync.cc" line="95"/>
        <source>注意：已发送的第 %1 至 %2 项更改还不在县里的备份中，本机存放空间已满，已不再保留。请告诉乡镇：县里需要尽快运行备份。</source>
        <translation> Note: sent changes #%1 to #%2 are not in any county backup yet, and this phone no longer keeps them (its space for them is full). Tell the township: the county needs to run a backup soon.</translation>
    </message>
    <message>
        <location filename="../src/device_worker_edits.cc" line="18"/>
        <source>本机上找不到这户人家（可能已被县里删除）。请同步后再看。</source>
        <translation>This household is not on this phone (the county may have removed it). Sync, then look again.</translation>
    </message>
    <message>
        <location filename="../src/device_worker_edits.cc" line="20"/>
        <source>填写的内容不能保存，请核对电话、人数和标签后重试。</source>
        <translation>What you entered cannot be saved. Check the phone, members and tags, then try again.</translation>
    </message>
    <message>
        <location filename="../src/device_worker_edits.cc" line="22"/>
        <source>没有保存成功，请再试一次；仍不行请重启应用。</source>
        <translation>Not saved. Try again; if it still fails, restart the app.</translation>
    </message>
    <message>
        <location filename="../src/device_worker_edits.cc" line="57"/>
        <source>没有改动。</source>
        <translation>Nothing changed.</translation>
    </message>
    <message>
        <location filename="../src/device_worker_hazards.cc" line="52"/>
        <location filename="../src/device_worker_hazards.cc" line="135"/>
        <source>本机上找不到这处隐患，请同步后再看。</source>
        <translation>This hazard is not on this phone. Sync, then look again.</translation>
    </message>
    <message>
        <location filename="../src/device_worker_hazards.cc" line="144"/>
        <source>记录整改须附一张整改后的照片，请拍照或选择照片。</source>
        <translation>A rectification needs a photo of the fixed hazard: take or choose one.</translation>
    </message>
    <message>
        <location filename="../src/device_worker_hazards.cc" line="186"/>
        <source>已记录整改，待上传。等待复查。</source>
        <translation>Rectification recorded, waiting to upload. A recheck comes next.</translation>
    </message>
    <message>
        <location filename="../src/device_worker_hazards.cc" line="188"/>
        <source>复查通过，待上传。</source>
        <translation>Recheck passed, waiting to upload.</translation>
    </message>
    <message>
        <location filename="../src/device_worker_hazards.cc" line="188"/>
        <source>复查未通过，已退回限期整改，待上传。</source>
        <translation>Recheck failed: back to rectification, waiting to upload.</translation>
    </message>
    <message>
        <location filename="../src/device_worker_settings.cc" line="22"/>
        <source>密码已更改。下次解锁请用新密码。</source>
        <translation>PIN changed. Use the new PIN to unlock next time.</translation>
    </message>
    <message>
        <location filename="../src/device_worker_settings.cc" line="24"/>
        <source>原密码不正确，密码没有更改。连续输错 10 次，本机数据将被清除。</source>
        <translation>The current PIN is wrong; the PIN was not changed. 10 wrong PINs in a row wipe the data on this phone.</translation>
    </message>
    <message>
        <location filename="../src/device_worker_settings.cc" line="26"/>
        <source>密码没有更改，请再试一次。</source>
        <translation>The PIN was not changed. Please try again.</translation>
    </message>
    <message>
        <location filename="../src/device_worker_settings.cc" line="34"/>
        <source>无法在 %1 建立文件，请检查存储空间。</source>
        <translation>Cannot create a file in %1. Check the storage.</translation>
    </message>
    <message>
        <location filename="../src/device_worker_settings.cc" line="44"/>
        <source>没有导出：%1</source>
        <translation>Nothing exported: %1</translation>
    </message>
    <message>
        <location filename="../src/device_worker_settings.cc" line="49"/>
        <source>已把 %1 条记录、%2 张照片导出到 %3。请把这个文件交给乡镇工作人员，由县里导入；这些记录仍留在本机，下次同步时县里确认后才算送达。</source>
        <translation>%1 records and %2 photos exported to %3. Give this file to your township staff for the county to import; the records stay on this phone until a sync confirms the county has them.</translation>
    </message>
    <message>
        <location filename="../src/device_worker_settings.cc" line="67"/>
        <source>密码不正确，本机没有退出。</source>
        <translation>Wrong PIN; this phone did not leave.</translation>
    </message>
    <message>
        <location filename="../src/device_worker_settings.cc" line="76"/>
        <source>本机已退出，数据已清除。如要再用，请向乡镇工作人员索取登记码。</source>
        <translation>This phone has left and its data is wiped. To use it again, ask your township staff for an enrolment code.</translation>
    </message>
</context>
</TS>
