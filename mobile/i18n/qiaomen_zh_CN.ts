<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name>AppShell</name>
    <message>
        <location filename="../qml/AppShell.qml" line="112"/>
        <source>首页</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../qml/AppShell.qml" line="113"/>
        <source>任务</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../qml/AppShell.qml" line="114"/>
        <source>隐患</source>
        <translation>隐患</translation>
    </message>
    <message>
        <location filename="../qml/AppShell.qml" line="115"/>
        <source>我的</source>
        <translation>我的</translation>
    </message>
</context>
<context>
    <name>CameraPage</name>
    <message>
        <location filename="../qml/CameraPage.qml" line="30"/>
        <source>拍照没有成功，请再按一次快门。</source>
        <translation>拍照没有成功，请再按一次快门。</translation>
    </message>
    <message>
        <location filename="../qml/CameraPage.qml" line="43"/>
        <source>返回</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../qml/CameraPage.qml" line="50"/>
        <source>拍照留证</source>
        <translation>拍照留证</translation>
    </message>
    <message>
        <location filename="../qml/CameraPage.qml" line="70"/>
        <source>相机打不开，请返回后从文件中选择照片。</source>
        <translation>相机打不开，请返回后从文件中选择照片。</translation>
    </message>
    <message>
        <location filename="../qml/CameraPage.qml" line="85"/>
        <source>拍照</source>
        <translation>拍照</translation>
    </message>
</context>
<context>
    <name>ChecklistItem</name>
    <message>
        <source>隐患</source>
        <translation type="vanished">隐患</translation>
    </message>
    <message>
        <location filename="../qml/ChecklistItem.qml" line="86"/>
        <source>是</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../qml/ChecklistItem.qml" line="86"/>
        <source>否</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../qml/ChecklistItem.qml" line="86"/>
        <source>不适用</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location filename="../qml/ChecklistItem.qml" line="125"/>
        <source>年-月-日，如 2026-12-03</source>
        <translation>年-月-日，如 2026-12-03</translation>
    </message>
    <message>
        <location filename="../qml/ChecklistItem.qml" line="125"/>
        <source>请填写</source>
        <translation>请填写</translation>
    </message>
    <message>
        <location filename="../qml/ChecklistItem.qml" line="137"/>
        <source>已拍 %1 张</source>
        <translation>已拍 %1 张</translation>
    </message>
    <message>
        <location filename="../qml/ChecklistItem.qml" line="137"/>
        <source>还没有照片</source>
        <translation>还没有照片</translation>
    </message>
    <message>
        <location filename="../qml/ChecklistItem.qml" line="158"/>
        <source>添加签字照片</source>
        <translation>添加签字照片</translation>
    </message>
    <message>
        <location filename="../qml/ChecklistItem.qml" line="158"/>
        <source>拍照 / 选择照片</source>
        <translation>拍照 / 选择照片</translation>
    </message>
    <message>
        <location filename="../qml/ChecklistItem.qml" line="167"/>
        <source>定位将在完成时自动记录</source>
        <translation>定位将在完成时自动记录</translation>
    </message>
    <message>
        <location filename="../qml/ChecklistItem.qml" line="67"/>
        <source>隐患</source>
        <comment>badge on a checklist item</comment>
        <translation>隐患</translation>
    </message>
    <message>
        <location filename="../qml/ChecklistItem.qml" line="148"/>
        <source>照片 %1  删除</source>
        <translation>照片 %1  删除</translation>
    </message>
</context>
<context>
    <name>EnrolPage</name>
    <message>
        <location filename="../qml/EnrolPage.qml" line="37"/>
        <source>登记本机</source>
        <translation>登记本机</translation>
    </message>
    <message>
        <source>首次使用，请填写乡镇工作人员提供的服务器地址和登记码，并设置 6 位数字密码。</source>
        <translation type="vanished">首次使用，请填写乡镇工作人员提供的服务器地址和登记码，并设置 6 位数字密码。</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="28"/>
        <source>选择登记二维码的照片</source>
        <translation>选择登记二维码的照片</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="29"/>
        <source>照片 (*.jpg *.jpeg *.png)</source>
        <translation>照片 (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="57"/>
        <source>首次使用，请拍下乡镇工作人员给的登记二维码并从照片读取，或填写服务器地址和登记码；再设置 6 位数字密码。</source>
        <translation>首次使用，请拍下乡镇工作人员给的登记二维码并从照片读取，或填写服务器地址和登记码；再设置 6 位数字密码。</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="67"/>
        <source>从照片扫码</source>
        <translation>从照片扫码</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="69"/>
        <source>从登记二维码的照片读取服务器地址和登记码</source>
        <translation>从登记二维码的照片读取服务器地址和登记码</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="77"/>
        <source>已从二维码填好服务器地址和登记码，并核对服务器证书。请设置密码。</source>
        <translation>已从二维码填好服务器地址和登记码，并核对服务器证书。请设置密码。</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="78"/>
        <source>已从二维码填好服务器地址和登记码。请设置密码。</source>
        <translation>已从二维码填好服务器地址和登记码。请设置密码。</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="85"/>
        <source>也可以手动填写：</source>
        <translation>也可以手动填写：</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="91"/>
        <location filename="../qml/EnrolPage.qml" line="95"/>
        <source>县服务器地址</source>
        <translation>县服务器地址</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="102"/>
        <location filename="../qml/EnrolPage.qml" line="106"/>
        <source>登记码</source>
        <translation>登记码</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="108"/>
        <source>向乡镇工作人员索取</source>
        <translation>向乡镇工作人员索取</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="113"/>
        <location filename="../qml/EnrolPage.qml" line="117"/>
        <source>设置密码（6 位数字）</source>
        <translation>设置密码（6 位数字）</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="124"/>
        <location filename="../qml/EnrolPage.qml" line="128"/>
        <source>再次输入密码</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="145"/>
        <source>请牢记密码：连续输错 10 次，本机数据将被清除。</source>
        <translation>请牢记密码：连续输错 10 次，本机数据将被清除。</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="161"/>
        <source>正在登记…</source>
        <translation>正在登记…</translation>
    </message>
    <message>
        <location filename="../qml/EnrolPage.qml" line="161"/>
        <source>登记</source>
        <translation>登记</translation>
    </message>
</context>
<context>
    <name>EnrolScan</name>
    <message>
        <location filename="../src/enrol_scan.cc" line="52"/>
        <location filename="../src/enrol_scan.cc" line="64"/>
        <source>无法读取这张照片，请换一张清晰的二维码照片，或手动填写。</source>
        <translation>无法读取这张照片，请换一张清晰的二维码照片，或手动填写。</translation>
    </message>
    <message>
        <location filename="../src/enrol_scan.cc" line="69"/>
        <source>照片里没有找到二维码。请让二维码占满画面、对准拍清楚后再试，或手动填写服务器地址和登记码。</source>
        <translation>照片里没有找到二维码。请让二维码占满画面、对准拍清楚后再试，或手动填写服务器地址和登记码。</translation>
    </message>
    <message>
        <location filename="../src/enrol_scan.cc" line="84"/>
        <source>这个登记二维码来自更新版本的县服务器，本应用读不懂。请先更新应用，或手动填写服务器地址和登记码。</source>
        <translation>这个登记二维码来自更新版本的县服务器，本应用读不懂。请先更新应用，或手动填写服务器地址和登记码。</translation>
    </message>
    <message>
        <location filename="../src/enrol_scan.cc" line="90"/>
        <source>这不是敲门的登记二维码。请拍乡镇工作人员给的登记二维码，或手动填写。</source>
        <translation>这不是敲门的登记二维码。请拍乡镇工作人员给的登记二维码，或手动填写。</translation>
    </message>
    <message>
        <location filename="../src/enrol_scan.cc" line="94"/>
        <source>这个登记二维码内容有误，无法使用。请向乡镇工作人员重新索取，或手动填写服务器地址和登记码。</source>
        <translation>这个登记二维码内容有误，无法使用。请向乡镇工作人员重新索取，或手动填写服务器地址和登记码。</translation>
    </message>
    <message>
        <location filename="../src/enrol_scan.cc" line="109"/>
        <source>无法打开这张照片，请选择 JPG 或 PNG 格式的二维码照片。</source>
        <translation>无法打开这张照片，请选择 JPG 或 PNG 格式的二维码照片。</translation>
    </message>
</context>
<context>
    <name>HazardPage</name>
    <message>
        <location filename="../qml/HazardPage.qml" line="27"/>
        <source>发现隐患</source>
        <translation>发现隐患</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="28"/>
        <source>下达限期整改</source>
        <translation>下达限期整改</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="29"/>
        <source>已整改</source>
        <translation>已整改</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="30"/>
        <location filename="../qml/HazardPage.qml" line="251"/>
        <source>复查通过</source>
        <translation>复查通过</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="30"/>
        <source>复查未通过，退回整改</source>
        <translation>复查未通过，退回整改</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="31"/>
        <source>销号</source>
        <translation>销号</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="32"/>
        <location filename="../qml/HazardPage.qml" line="109"/>
        <source>逾期</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="33"/>
        <source>挂牌督办</source>
        <translation>挂牌督办</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="34"/>
        <source>立案查处</source>
        <translation>立案查处</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="39"/>
        <source>未定</source>
        <translation>未定</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="42"/>
        <source>（逾期 %1 天）</source>
        <translation>（逾期 %1 天）</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="43"/>
        <source>（今天到期）</source>
        <translation>（今天到期）</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="43"/>
        <source>（剩余 %1 天）</source>
        <translation>（剩余 %1 天）</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="56"/>
        <source>返回</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="63"/>
        <source>隐患详情</source>
        <translation>隐患详情</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="107"/>
        <source>重大隐患</source>
        <translation>重大隐患</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="107"/>
        <source>一般隐患</source>
        <translation>一般隐患</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="110"/>
        <source>即将到期</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="112"/>
        <source>类别</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="113"/>
        <source>等级</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="113"/>
        <source>重大</source>
        <translation>重大</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="113"/>
        <source>一般</source>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="115"/>
        <source>整改期限</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="120"/>
        <source>住户</source>
        <translation>住户</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="125"/>
        <source>情况描述</source>
        <translation>情况描述</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="130"/>
        <source>依据</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="135"/>
        <source>照片</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="138"/>
        <source>还没有照片</source>
        <translation>还没有照片</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="167"/>
        <location filename="../qml/HazardPage.qml" line="173"/>
        <source>整改后</source>
        <translation>整改后</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="167"/>
        <location filename="../qml/HazardPage.qml" line="173"/>
        <source>发现时</source>
        <translation>发现时</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="181"/>
        <source>处理记录</source>
        <translation>处理记录</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="210"/>
        <source>这一步与其他手机的记录冲突，未生效。</source>
        <translation>这一步与其他手机的记录冲突，未生效。</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="210"/>
        <source>附照片 %1 张</source>
        <translation>附照片 %1 张</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="231"/>
        <source>记录整改</source>
        <translation>记录整改</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="244"/>
        <source>复查不通过</source>
        <translation>复查不通过</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="263"/>
        <source>复查已通过，等待销号。</source>
        <translation>复查已通过，等待销号。</translation>
    </message>
    <message>
        <location filename="../qml/HazardPage.qml" line="264"/>
        <source>这处隐患已销号。</source>
        <translation>这处隐患已销号。</translation>
    </message>
</context>
<context>
    <name>HazardStepPage</name>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="53"/>
        <source>返回</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="60"/>
        <source>记录整改</source>
        <translation>记录整改</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="60"/>
        <source>复查通过</source>
        <translation>复查通过</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="60"/>
        <source>复查不通过</source>
        <translation>复查不通过</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="92"/>
        <source>整改后照片</source>
        <translation>整改后照片</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="96"/>
        <source>请拍下整改后的样子，作为整改的证据。</source>
        <translation>请拍下整改后的样子，作为整改的证据。</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="115"/>
        <source>拍照 / 选择照片</source>
        <translation>拍照 / 选择照片</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="115"/>
        <source>换一张照片</source>
        <translation>换一张照片</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="126"/>
        <source>复查确认已整改到位。通过后等待销号。</source>
        <translation>复查确认已整改到位。通过后等待销号。</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="127"/>
        <source>复查发现没有整改到位：隐患退回限期整改，请在说明里写清问题。</source>
        <translation>复查发现没有整改到位：隐患退回限期整改，请在说明里写清问题。</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="130"/>
        <location filename="../qml/HazardStepPage.qml" line="134"/>
        <source>情况说明（可不填）</source>
        <translation>情况说明（可不填）</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="143"/>
        <source>如：已更换燃气软管</source>
        <translation>如：已更换燃气软管</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="143"/>
        <source>如：烟道已装好，通风良好</source>
        <translation>如：烟道已装好，通风良好</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="174"/>
        <source>保存整改</source>
        <translation>保存整改</translation>
    </message>
    <message>
        <location filename="../qml/HazardStepPage.qml" line="174"/>
        <source>保存复查结果</source>
        <translation>保存复查结果</translation>
    </message>
</context>
<context>
    <name>HazardSteps</name>
    <message>
        <location filename="../src/hazard_steps.cc" line="13"/>
        <source>复查须由安全检查员或乡镇、县里的工作人员进行。整改后请告诉他们来复查。</source>
        <translation>复查须由安全检查员或乡镇、县里的工作人员进行。整改后请告诉他们来复查。</translation>
    </message>
    <message>
        <location filename="../src/hazard_steps.cc" line="21"/>
        <source>找不到这张照片或这处隐患，请重新选择照片；仍不行请同步后再试。</source>
        <translation>找不到这张照片或这处隐患，请重新选择照片；仍不行请同步后再试。</translation>
    </message>
    <message>
        <location filename="../src/hazard_steps.cc" line="23"/>
        <source>这个文件不是能用的照片，请换一张或直接拍照。</source>
        <translation>这个文件不是能用的照片，请换一张或直接拍照。</translation>
    </message>
    <message>
        <location filename="../src/hazard_steps.cc" line="25"/>
        <source>没有保存成功，请再试一次。</source>
        <translation>没有保存成功，请再试一次。</translation>
    </message>
    <message>
        <location filename="../src/hazard_steps.cc" line="29"/>
        <source>这处隐患已经销号，不能再记录。如果问题又出现了，请在入户检查中重新登记。</source>
        <translation>这处隐患已经销号，不能再记录。如果问题又出现了，请在入户检查中重新登记。</translation>
    </message>
    <message>
        <location filename="../src/hazard_steps.cc" line="33"/>
        <source>这处隐患还没有下达限期整改，不能记录整改。请先下达整改通知。</source>
        <translation>这处隐患还没有下达限期整改，不能记录整改。请先下达整改通知。</translation>
    </message>
    <message>
        <location filename="../src/hazard_steps.cc" line="36"/>
        <source>这处隐患已经记录过整改，正在等待复查，不用再记录。</source>
        <translation>这处隐患已经记录过整改，正在等待复查，不用再记录。</translation>
    </message>
    <message>
        <location filename="../src/hazard_steps.cc" line="38"/>
        <source>这处隐患已复查通过，等待销号，不用再记录整改。</source>
        <translation>这处隐患已复查通过，等待销号，不用再记录整改。</translation>
    </message>
    <message>
        <location filename="../src/hazard_steps.cc" line="42"/>
        <source>这处隐患已复查通过，等待销号，不能再复查。</source>
        <translation>这处隐患已复查通过，等待销号，不能再复查。</translation>
    </message>
    <message>
        <location filename="../src/hazard_steps.cc" line="44"/>
        <source>还没有记录整改，不能复查。请先记录整改并拍整改后的照片。</source>
        <translation>还没有记录整改，不能复查。请先记录整改并拍整改后的照片。</translation>
    </message>
    <message>
        <location filename="../src/hazard_steps.cc" line="46"/>
        <source>这一步现在不能记录。请刷新后查看隐患的当前状态。</source>
        <translation>这一步现在不能记录。请刷新后查看隐患的当前状态。</translation>
    </message>
</context>
<context>
    <name>HazardsPage</name>
    <message>
        <location filename="../qml/HazardsPage.qml" line="19"/>
        <source>隐患整改</source>
        <translation>隐患整改</translation>
    </message>
    <message>
        <source>未销号隐患</source>
        <translation type="vanished">未销号隐患</translation>
    </message>
    <message>
        <source>3 天内到期或已逾期</source>
        <translation type="vanished">3 天内到期或已逾期</translation>
    </message>
    <message>
        <source>在「任务」中点开住户，可查看该户的隐患和整改期限。</source>
        <translation type="vanished">在「任务」中点开住户，可查看该户的隐患和整改期限。</translation>
    </message>
    <message>
        <location filename="../qml/HazardsPage.qml" line="53"/>
        <source>未销号</source>
        <translation>未销号</translation>
    </message>
    <message>
        <location filename="../qml/HazardsPage.qml" line="60"/>
        <source>3 天内到期</source>
        <translation>3 天内到期</translation>
    </message>
    <message>
        <location filename="../qml/HazardsPage.qml" line="67"/>
        <source>已逾期</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../qml/HazardsPage.qml" line="99"/>
        <source>%1 处</source>
        <translation>%1 处</translation>
    </message>
    <message>
        <location filename="../qml/HazardsPage.qml" line="121"/>
        <source>重大隐患</source>
        <translation>重大隐患</translation>
    </message>
    <message>
        <location filename="../qml/HazardsPage.qml" line="121"/>
        <source>一般隐患</source>
        <translation>一般隐患</translation>
    </message>
    <message>
        <location filename="../qml/HazardsPage.qml" line="125"/>
        <source>逾期 %1 天</source>
        <translation>逾期 %1 天</translation>
    </message>
    <message>
        <location filename="../qml/HazardsPage.qml" line="126"/>
        <source>今天到期</source>
        <translation>今天到期</translation>
    </message>
    <message>
        <location filename="../qml/HazardsPage.qml" line="126"/>
        <source>剩余 %1 天</source>
        <translation>剩余 %1 天</translation>
    </message>
    <message>
        <location filename="../qml/HazardsPage.qml" line="137"/>
        <source>没有逾期的隐患</source>
        <translation>没有逾期的隐患</translation>
    </message>
    <message>
        <location filename="../qml/HazardsPage.qml" line="138"/>
        <source>3 天内没有到期的隐患</source>
        <translation>3 天内没有到期的隐患</translation>
    </message>
    <message>
        <location filename="../qml/HazardsPage.qml" line="139"/>
        <source>没有未销号的隐患</source>
        <translation>没有未销号的隐患</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../qml/HomePage.qml" line="22"/>
        <source>今日走访</source>
        <translation>今日走访</translation>
    </message>
    <message>
        <source>%1 条待上传</source>
        <translation type="vanished">%1 条待上传</translation>
    </message>
    <message>
        <source>全部已上传</source>
        <translation type="vanished">全部已上传</translation>
    </message>
    <message>
        <source>上次同步 %1</source>
        <translation type="vanished">上次同步 %1</translation>
    </message>
    <message>
        <location filename="../qml/HomePage.qml" line="55"/>
        <source>有一户检查还没做完：%1</source>
        <translation>有一户检查还没做完：%1</translation>
    </message>
    <message>
        <location filename="../qml/HomePage.qml" line="64"/>
        <source>继续检查</source>
        <translation>继续检查</translation>
    </message>
    <message>
        <location filename="../qml/HomePage.qml" line="71"/>
        <source>本次走访</source>
        <translation>本次走访</translation>
    </message>
    <message>
        <location filename="../qml/HomePage.qml" line="86"/>
        <source>已走访（户）</source>
        <translation>已走访（户）</translation>
    </message>
    <message>
        <location filename="../qml/HomePage.qml" line="92"/>
        <source>剩余（户）</source>
        <translation>剩余（户）</translation>
    </message>
    <message>
        <location filename="../qml/HomePage.qml" line="98"/>
        <source>待复访</source>
        <translation>待复访</translation>
    </message>
    <message>
        <location filename="../qml/HomePage.qml" line="105"/>
        <source>隐患 3 天内到期</source>
        <translation>隐患 3 天内到期</translation>
    </message>
    <message>
        <location filename="../qml/HomePage.qml" line="119"/>
        <source>开始走访</source>
        <translation>开始走访</translation>
    </message>
</context>
<context>
    <name>HouseholdEdit</name>
    <message>
        <location filename="../src/household_edit.cc" line="35"/>
        <source>电话号码不对：手机号是 1 开头的 11 位数字；固定电话请带区号，如 0571-87654321。不知道号码就留空。</source>
        <translation>电话号码不对：手机号是 1 开头的 11 位数字；固定电话请带区号，如 0571-87654321。不知道号码就留空。</translation>
    </message>
    <message>
        <location filename="../src/household_edit.cc" line="47"/>
        <source>家庭人数请填 0 到 200 之间的整数。</source>
        <translation>家庭人数请填 0 到 200 之间的整数。</translation>
    </message>
</context>
<context>
    <name>HouseholdEditPage</name>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="16"/>
        <source>独居老人</source>
        <translation>独居老人</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="16"/>
        <source>燃煤取暖</source>
        <translation>燃煤取暖</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="17"/>
        <source>瓶装液化气</source>
        <translation>瓶装液化气</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="17"/>
        <source>电动自行车</source>
        <translation>电动自行车</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="57"/>
        <source>返回</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="64"/>
        <source>修改住户信息</source>
        <translation>修改住户信息</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="92"/>
        <location filename="../qml/HouseholdEditPage.qml" line="96"/>
        <source>联系电话</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="99"/>
        <source>手机或带区号的固定电话</source>
        <translation>手机或带区号的固定电话</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="113"/>
        <location filename="../qml/HouseholdEditPage.qml" line="128"/>
        <source>家庭人数</source>
        <translation>家庭人数</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="119"/>
        <source>家庭人数减一</source>
        <translation>家庭人数减一</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="139"/>
        <source>家庭人数加一</source>
        <translation>家庭人数加一</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="145"/>
        <source>人</source>
        <translation>人</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="156"/>
        <source>重点关注（点选）</source>
        <translation>重点关注（点选）</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="193"/>
        <source>正在保存…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdEditPage.qml" line="193"/>
        <source>保存</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>HouseholdPage</name>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="18"/>
        <source>已入户检查</source>
        <translation>已入户检查</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="19"/>
        <source>无人在家</source>
        <translation>无人在家</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="20"/>
        <source>拒绝入户</source>
        <translation>拒绝入户</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="21"/>
        <source>空置</source>
        <translation>空置</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="22"/>
        <source>已搬迁</source>
        <translation>已搬迁</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="28"/>
        <source>独居老人</source>
        <translation>独居老人</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="29"/>
        <source>燃煤取暖</source>
        <translation>燃煤取暖</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="30"/>
        <source>瓶装液化气</source>
        <translation>瓶装液化气</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="31"/>
        <source>电动自行车</source>
        <translation>电动自行车</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="42"/>
        <source>返回</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="58"/>
        <source>编辑</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="82"/>
        <source>地址：%1</source>
        <translation>地址：%1</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="90"/>
        <source>电话：%1</source>
        <translation>电话：%1</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="90"/>
        <source>未登记</source>
        <translation>未登记</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="98"/>
        <source>拨打</source>
        <translation>拨打</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="102"/>
        <source>家庭人数：%1 人</source>
        <translation>家庭人数：%1 人</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="114"/>
        <source>隐患</source>
        <translation>隐患</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="117"/>
        <source>暂无隐患</source>
        <translation>暂无隐患</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="138"/>
        <source>重大隐患</source>
        <translation>重大隐患</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="138"/>
        <source>一般隐患</source>
        <translation>一般隐患</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="140"/>
        <source>逾期</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="148"/>
        <source>整改期限：%1</source>
        <translation>整改期限：%1</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="153"/>
        <source>走访记录</source>
        <translation>走访记录</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="156"/>
        <source>还没有走访记录</source>
        <translation>还没有走访记录</translation>
    </message>
    <message>
        <location filename="../qml/HouseholdPage.qml" line="179"/>
        <source>开始入户检查</source>
        <translation>开始入户检查</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="13"/>
        <source>敲门 · 安全检查</source>
        <translation>敲门 · 安全检查</translation>
    </message>
</context>
<context>
    <name>MePage</name>
    <message>
        <location filename="../qml/MePage.qml" line="34"/>
        <source>我的</source>
        <translation>我的</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="55"/>
        <source>数据同步</source>
        <translation>数据同步</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="60"/>
        <source>待上传：%1 条记录，%2 张照片</source>
        <translation>待上传：%1 条记录，%2 张照片</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="67"/>
        <source>上次同步：%1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <source>县里退回的修改</source>
        <translation type="vanished">县里退回的修改</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="101"/>
        <source>县里拒收的记录（%1 条）</source>
        <translation>县里拒收的记录（%1 条）</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="111"/>
        <source>这些记录仍保存在本机，不会丢失。</source>
        <translation>这些记录仍保存在本机，不会丢失。</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="137"/>
        <source>怎么办：%1</source>
        <translation>怎么办：%1</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="144"/>
        <source>县里的说明：%1</source>
        <translation>县里的说明：%1</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="153"/>
        <source>设置</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="156"/>
        <source>界面语言</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="167"/>
        <location filename="../qml/MePage.qml" line="171"/>
        <source>深色主题</source>
        <translation>深色主题</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="172"/>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="172"/>
        <source>开启</source>
        <translation>开启</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="179"/>
        <location filename="../qml/MePage.qml" line="337"/>
        <source>解锁密码</source>
        <translation>解锁密码</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="183"/>
        <location filename="../qml/MePage.qml" line="267"/>
        <source>修改密码</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="192"/>
        <source>没有信号、很多天传不上去时：把未上传的记录导出成文件，交给乡镇工作人员带到县里导入。</source>
        <translation>没有信号、很多天传不上去时：把未上传的记录导出成文件，交给乡镇工作人员带到县里导入。</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="197"/>
        <source>导出未上传的记录（%1 条）</source>
        <translation>导出未上传的记录（%1 条）</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="213"/>
        <source>锁定本机</source>
        <translation>锁定本机</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="216"/>
        <source>锁定</source>
        <translation>锁定</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="225"/>
        <source>服务器和本机</source>
        <translation>服务器和本机</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="230"/>
        <source>县服务器：%1</source>
        <translation>县服务器：%1</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="230"/>
        <source>未设置</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="233"/>
        <source>版本 %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="241"/>
        <source>退出本机…</source>
        <translation>退出本机…</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="256"/>
        <source>停止同步</source>
        <translation>停止同步</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="256"/>
        <source>立即同步</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="273"/>
        <location filename="../qml/MePage.qml" line="274"/>
        <source>原密码</source>
        <translation>原密码</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="275"/>
        <location filename="../qml/MePage.qml" line="276"/>
        <source>新密码（6 位数字）</source>
        <translation>新密码（6 位数字）</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="277"/>
        <location filename="../qml/MePage.qml" line="278"/>
        <source>再次输入新密码</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="292"/>
        <source>修改</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="295"/>
        <location filename="../qml/MePage.qml" line="355"/>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="306"/>
        <source>退出本机</source>
        <translation>退出本机</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="319"/>
        <source>退出后，这台手机上的走访记录、照片、隐患和密钥都会被清除，无法恢复。县里已经收到的记录不受影响。</source>
        <translation>退出后，这台手机上的走访记录、照片、隐患和密钥都会被清除，无法恢复。县里已经收到的记录不受影响。</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="328"/>
        <source>还有 %1 条记录、%2 张照片没有上传到县里，退出后就没有了。请先同步，或先导出文件交给乡镇工作人员。</source>
        <translation>还有 %1 条记录、%2 张照片没有上传到县里，退出后就没有了。请先同步，或先导出文件交给乡镇工作人员。</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="335"/>
        <source>要在这台手机上再用，需要向乡镇工作人员重新索取登记码。输入密码确认：</source>
        <translation>要在这台手机上再用，需要向乡镇工作人员重新索取登记码。输入密码确认：</translation>
    </message>
    <message>
        <location filename="../qml/MePage.qml" line="352"/>
        <source>清除数据并退出</source>
        <translation>清除数据并退出</translation>
    </message>
</context>
<context>
    <name>PhotoPicker</name>
    <message>
        <location filename="../qml/PhotoPicker.qml" line="27"/>
        <source>添加照片</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <location filename="../qml/PhotoPicker.qml" line="42"/>
        <source>拍照</source>
        <translation>拍照</translation>
    </message>
    <message>
        <location filename="../qml/PhotoPicker.qml" line="53"/>
        <source>这台设备没有可用的相机，请选择已拍好的照片文件。</source>
        <translation>这台设备没有可用的相机，请选择已拍好的照片文件。</translation>
    </message>
    <message>
        <location filename="../qml/PhotoPicker.qml" line="63"/>
        <source>选择照片文件</source>
        <translation>选择照片文件</translation>
    </message>
    <message>
        <location filename="../qml/PhotoPicker.qml" line="72"/>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../qml/PhotoPicker.qml" line="81"/>
        <source>选择照片</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <location filename="../qml/PhotoPicker.qml" line="82"/>
        <source>照片 (*.jpg *.jpeg *.png)</source>
        <translation>照片 (*.jpg *.jpeg *.png)</translation>
    </message>
</context>
<context>
    <name>RefusedWordsText</name>
    <message>
        <location filename="../src/refused_words.cc" line="19"/>
        <source>这户不在你现在的工作范围内（网格或角色已调整）。</source>
        <translation>这户不在你现在的工作范围内（网格或角色已调整）。</translation>
    </message>
    <message>
        <location filename="../src/refused_words.cc" line="20"/>
        <source>请联系乡镇工作人员核对你的网格和角色。记录仍保存在本机，县里核对后可重新提交。</source>
        <translation>请联系乡镇工作人员核对你的网格和角色。记录仍保存在本机，县里核对后可重新提交。</translation>
    </message>
    <message>
        <location filename="../src/refused_words.cc" line="24"/>
        <source>记录内容不符合县里的检查表或规则。</source>
        <translation>记录内容不符合县里的检查表或规则。</translation>
    </message>
    <message>
        <location filename="../src/refused_words.cc" line="25"/>
        <source>请联系乡镇工作人员查看原因；需要时重新走访这一户，重新记录。</source>
        <translation>请联系乡镇工作人员查看原因；需要时重新走访这一户，重新记录。</translation>
    </message>
    <message>
        <location filename="../src/refused_words.cc" line="28"/>
        <source>与县里已有的记录不一致（例如隐患已被销号）。</source>
        <translation>与县里已有的记录不一致（例如隐患已被销号）。</translation>
    </message>
    <message>
        <location filename="../src/refused_words.cc" line="29"/>
        <source>请同步后查看这一户的最新情况，需要时重新记录。</source>
        <translation>请同步后查看这一户的最新情况，需要时重新记录。</translation>
    </message>
    <message>
        <location filename="../src/refused_words.cc" line="32"/>
        <source>县里找不到这条记录所属的户或任务。</source>
        <translation>县里找不到这条记录所属的户或任务。</translation>
    </message>
    <message>
        <location filename="../src/refused_words.cc" line="33"/>
        <source>请联系乡镇工作人员核对这一户是否已被合并或删除。</source>
        <translation>请联系乡镇工作人员核对这一户是否已被合并或删除。</translation>
    </message>
    <message>
        <location filename="../src/refused_words.cc" line="35"/>
        <source>县服务器没有接收这条记录。</source>
        <translation>县服务器没有接收这条记录。</translation>
    </message>
    <message>
        <location filename="../src/refused_words.cc" line="36"/>
        <source>请联系乡镇工作人员，并把下面的原因告诉他们。</source>
        <translation>请联系乡镇工作人员，并把下面的原因告诉他们。</translation>
    </message>
</context>
<context>
    <name>TaskListPage</name>
    <message>
        <location filename="../qml/TaskListPage.qml" line="18"/>
        <source>走访任务</source>
        <translation>走访任务</translation>
    </message>
    <message>
        <location filename="../qml/TaskListPage.qml" line="30"/>
        <location filename="../qml/TaskListPage.qml" line="33"/>
        <source>搜索姓名、地址或电话</source>
        <translation>搜索姓名、地址或电话</translation>
    </message>
    <message>
        <location filename="../qml/TaskListPage.qml" line="53"/>
        <source>未完成</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../qml/TaskListPage.qml" line="53"/>
        <source>未走访</source>
        <translation>未走访</translation>
    </message>
    <message>
        <location filename="../qml/TaskListPage.qml" line="54"/>
        <location filename="../qml/TaskListPage.qml" line="159"/>
        <source>待复访</source>
        <translation>待复访</translation>
    </message>
    <message>
        <location filename="../qml/TaskListPage.qml" line="54"/>
        <source>有隐患</source>
        <translation>有隐患</translation>
    </message>
    <message>
        <location filename="../qml/TaskListPage.qml" line="55"/>
        <source>全部</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../qml/TaskListPage.qml" line="106"/>
        <source>已走访 %1 · 剩余 %2</source>
        <translation>已走访 %1 · 剩余 %2</translation>
    </message>
    <message>
        <location filename="../qml/TaskListPage.qml" line="149"/>
        <source>隐患 %1</source>
        <translation>隐患 %1</translation>
    </message>
    <message>
        <location filename="../qml/TaskListPage.qml" line="154"/>
        <source>未做完</source>
        <translation>未做完</translation>
    </message>
    <message>
        <location filename="../qml/TaskListPage.qml" line="164"/>
        <source>已走访</source>
        <translation>已走访</translation>
    </message>
    <message>
        <location filename="../qml/TaskListPage.qml" line="172"/>
        <source>没有符合条件的任务</source>
        <translation>没有符合条件的任务</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <location filename="../qml/UnlockPage.qml" line="31"/>
        <source>敲门 · 安全检查</source>
        <translation>敲门 · 安全检查</translation>
    </message>
    <message>
        <location filename="../qml/UnlockPage.qml" line="37"/>
        <source>正在解锁…</source>
        <translation>正在解锁…</translation>
    </message>
    <message>
        <location filename="../qml/UnlockPage.qml" line="37"/>
        <source>请输入 6 位密码</source>
        <translation>请输入 6 位密码</translation>
    </message>
    <message>
        <location filename="../qml/UnlockPage.qml" line="60"/>
        <source>密码不正确，还可尝试 %1 次。</source>
        <translation>密码不正确，还可尝试 %1 次。</translation>
    </message>
    <message>
        <location filename="../qml/UnlockPage.qml" line="77"/>
        <source>注意：再输错 %1 次，本机数据将被全部清除，未上传的记录无法恢复，需要重新登记。</source>
        <translation>注意：再输错 %1 次，本机数据将被全部清除，未上传的记录无法恢复，需要重新登记。</translation>
    </message>
    <message>
        <location filename="../qml/UnlockPage.qml" line="96"/>
        <source>删除</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>VisitPage</name>
    <message>
        <location filename="../qml/VisitPage.qml" line="63"/>
        <source>返回</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="77"/>
        <source>入户检查</source>
        <translation>入户检查</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="93"/>
        <source>更多操作</source>
        <translation>更多操作</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="101"/>
        <source>放弃本次检查</source>
        <translation>放弃本次检查</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="118"/>
        <source>入户结果</source>
        <translation>入户结果</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="124"/>
        <source>已入户，开始检查</source>
        <translation>已入户，开始检查</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="134"/>
        <source>无人在家</source>
        <translation>无人在家</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="135"/>
        <location filename="../qml/VisitPage.qml" line="165"/>
        <source>拒绝入户</source>
        <translation>拒绝入户</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="136"/>
        <source>空置</source>
        <translation>空置</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="137"/>
        <source>已搬迁</source>
        <translation>已搬迁</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="158"/>
        <source>拒绝原因</source>
        <translation>拒绝原因</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="166"/>
        <source>无人应答后拒绝</source>
        <translation>无人应答后拒绝</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="167"/>
        <source>要求改期</source>
        <translation>要求改期</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="168"/>
        <source>其他</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="188"/>
        <source>请说明拒绝的原因</source>
        <translation>请说明拒绝的原因</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="198"/>
        <source>提请村委会协助入户</source>
        <translation>提请村委会协助入户</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="213"/>
        <source>已送达告知书</source>
        <translation>已送达告知书</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="220"/>
        <source>已拍告知书</source>
        <translation>已拍告知书</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="220"/>
        <source>拍告知书</source>
        <translation>拍告知书</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="228"/>
        <source>记为无人在家：任务保留，列入待复访。</source>
        <translation>记为无人在家：任务保留，列入待复访。</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="246"/>
        <location filename="../qml/VisitPage.qml" line="431"/>
        <source>完成并保存</source>
        <translation>完成并保存</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="263"/>
        <source>已答 %1 / %2 项</source>
        <translation>已答 %1 / %2 项</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="318"/>
        <source>下一步：隐患汇总</source>
        <translation>下一步：隐患汇总</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="336"/>
        <source>发现 %1 处隐患</source>
        <translation>发现 %1 处隐患</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="337"/>
        <source>未发现隐患</source>
        <translation>未发现隐患</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="363"/>
        <source>重大隐患</source>
        <translation>重大隐患</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="363"/>
        <source>一般隐患</source>
        <translation>一般隐患</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="365"/>
        <source>限期 %1 天</source>
        <translation>限期 %1 天</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="365"/>
        <source>当场整改</source>
        <translation>当场整改</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="375"/>
        <source>整改期限：%1前</source>
        <translation>整改期限：%1前</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="383"/>
        <source>还需拍照留证</source>
        <translation>还需拍照留证</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="389"/>
        <source>已当场整改（已拍整改后照片）</source>
        <translation>已当场整改（已拍整改后照片）</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="389"/>
        <source>当场整改：拍整改后照片</source>
        <translation>当场整改：拍整改后照片</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="403"/>
        <source>宣传教育：</source>
        <translation>宣传教育：</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="405"/>
        <source>发放宣传单</source>
        <translation>发放宣传单</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="405"/>
        <source>入户提醒</source>
        <translation>入户提醒</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="406"/>
        <source>家庭安全寄语</source>
        <translation>家庭安全寄语</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="406"/>
        <source>演示灭火器使用</source>
        <translation>演示灭火器使用</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="448"/>
        <source>添加照片</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="460"/>
        <source>拍照</source>
        <translation>拍照</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="471"/>
        <source>这台设备没有可用的相机，请选择已拍好的照片文件。</source>
        <translation>这台设备没有可用的相机，请选择已拍好的照片文件。</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="481"/>
        <source>选择照片文件</source>
        <translation>选择照片文件</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="491"/>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="501"/>
        <source>选择照片</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="502"/>
        <source>照片 (*.jpg *.jpeg *.png)</source>
        <translation>照片 (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>照片文件路径（JPEG）</source>
        <translation type="vanished">照片文件路径（JPEG）</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="262"/>
        <source>第 %1/%2 部分</source>
        <translation>第 %1/%2 部分</translation>
    </message>
    <message>
        <location filename="../qml/VisitPage.qml" line="318"/>
        <source>下一部分</source>
        <translation>下一部分</translation>
    </message>
</context>
<context>
    <name>qiaomen::mobile::AppController</name>
    <message>
        <location filename="../src/app_controller.cc" line="212"/>
        <source>请填写县服务器地址和登记码（向乡镇工作人员索取）。</source>
        <translation>请填写县服务器地址和登记码（向乡镇工作人员索取）。</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="217"/>
        <source>密码须为 6 位数字。</source>
        <translation>密码须为 6 位数字。</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="221"/>
        <source>两次输入的密码不一致，请重新输入。</source>
        <translation>两次输入的密码不一致，请重新输入。</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="426"/>
        <source>正在定位…（定不到位置也能照常保存）</source>
        <translation>正在定位…（定不到位置也能照常保存）</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="427"/>
        <source>未能定位：本次检查将不带位置保存。</source>
        <translation>未能定位：本次检查将不带位置保存。</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="428"/>
        <source>已定位</source>
        <translation>已定位</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="429"/>
        <source>已定位，误差约 %1 米</source>
        <translation>已定位，误差约 %1 米</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="480"/>
        <source>正在同步…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="493"/>
        <source>新密码须为 6 位数字。</source>
        <translation>新密码须为 6 位数字。</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="497"/>
        <source>两次输入的新密码不一致，请重新输入。</source>
        <translation>两次输入的新密码不一致，请重新输入。</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="549"/>
        <source>%1 条待上传</source>
        <translation>%1 条待上传</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="550"/>
        <source>已同步 %1</source>
        <translation>已同步 %1</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="550"/>
        <source>尚未同步</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="557"/>
        <source>正在同步 %1%</source>
        <translation>正在同步 %1%</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="559"/>
        <source>离线</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="561"/>
        <source>%1 条被拒收</source>
        <translation>%1 条被拒收</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="572"/>
        <source>预计还需 %1 秒</source>
        <translation>预计还需 %1 秒</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="573"/>
        <source>预计还需 %1 分 %2 秒</source>
        <translation>预计还需 %1 分 %2 秒</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="574"/>
        <source>预计还需 %1 小时 %2 分</source>
        <translation>预计还需 %1 小时 %2 分</translation>
    </message>
    <message>
        <location filename="../src/app_controller.cc" line="600"/>
        <source>从未</source>
        <translation>从未</translation>
    </message>
</context>
<context>
    <name>qiaomen::mobile::DeviceWorker</name>
    <message>
        <location filename="../src/device_worker.cc" line="85"/>
        <source>请先输入密码解锁。</source>
        <translation>请先输入密码解锁。</translation>
    </message>
    <message>
        <location filename="../src/device_worker.cc" line="269"/>
        <source>还有未完成的检查项，请按红色提示补全。</source>
        <translation>还有未完成的检查项，请按红色提示补全。</translation>
    </message>
    <message>
        <location filename="../src/device_worker.cc" line="277"/>
        <location filename="../src/device_worker_edits.cc" line="57"/>
        <location filename="../src/device_worker_hazards.cc" line="190"/>
        <source>已保存，待上传。</source>
        <translation>已保存，待上传。</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/device_worker.cc" line="278"/>
        <source>已保存，发现 %n 处隐患，已下达限期整改。</source>
        <translation>
            <numerusform>已保存，发现 %n 处隐患，已下达限期整改。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../src/device_worker_sync.cc" line="55"/>
        <source>这台手机还没有设置县服务器，无法同步。请先登记。</source>
        <translation>这台手机还没有设置县服务器，无法同步。请先登记。</translation>
    </message>
    <message>
        <location filename="../src/device_worker_sync.cc" line="86"/>
        <source>同步完成。</source>
        <translation>同步完成。</translation>
    </message>
    <message>
        <location filename="../src/device_worker.cc" line="35"/>
        <source>服务器地址、登记码或密码的格式不对，请核对后重试。</source>
        <translation>服务器地址、登记码或密码的格式不对，请核对后重试。</translation>
    </message>
    <message>
        <location filename="../src/device_worker.cc" line="37"/>
        <source>本机已经登记过，请直接输入密码解锁。</source>
        <translation>本机已经登记过，请直接输入密码解锁。</translation>
    </message>
    <message>
        <location filename="../src/device_worker.cc" line="39"/>
        <source>登记码无效或已用过，请向乡镇工作人员重新索取。</source>
        <translation>登记码无效或已用过，请向乡镇工作人员重新索取。</translation>
    </message>
    <message>
        <location filename="../src/device_worker.cc" line="42"/>
        <source>连不上县服务器。请检查网络后再试，已填写的内容不会丢失。</source>
        <translation>连不上县服务器。请检查网络后再试，已填写的内容不会丢失。</translation>
    </message>
    <message>
        <location filename="../src/device_worker.cc" line="44"/>
        <source>这个地址不是县服务器，或安全证书不对。请核对服务器地址。</source>
        <translation>这个地址不是县服务器，或安全证书不对。请核对服务器地址。</translation>
    </message>
    <message>
        <location filename="../src/device_worker.cc" line="46"/>
        <source>登记没有成功，请稍后重试。</source>
        <translation>登记没有成功，请稍后重试。</translation>
    </message>
    <message>
        <location filename="../src/device_worker_sync.cc" line="18"/>
        <source>现在连不上县服务器。记录都保存在本机，有信号时再同步。</source>
        <translation>现在连不上县服务器。记录都保存在本机，有信号时再同步。</translation>
    </message>
    <message>
        <location filename="../src/device_worker_sync.cc" line="20"/>
        <source>县服务器不再认可本机，请联系乡镇工作人员重新登记。</source>
        <translation>县服务器不再认可本机，请联系乡镇工作人员重新登记。</translation>
    </message>
    <message>
        <location filename="../src/device_worker_sync.cc" line="22"/>
        <source>同步已停止，未传完的下次继续。</source>
        <translation>同步已停止，未传完的下次继续。</translation>
    </message>
    <message>
        <location filename="../src/device_worker_sync.cc" line="24"/>
        <source>同步没有完成，记录都保存在本机。</source>
        <translation>同步没有完成，记录都保存在本机。</translation>
    </message>
    <message>
        <location filename="../src/device_worker_sync.cc" line="33"/>
        <source>正在同步记录：%1 / %2 条</source>
        <translation>正在同步记录：%1 / %2 条</translation>
    </message>
    <message>
        <location filename="../src/device_worker_sync.cc" line="37"/>
        <source>正在上传照片：%1 / %2 MB</source>
        <translation>正在上传照片：%1 / %2 MB</translation>
    </message>
    <message>
        <location filename="../src/device_worker_sync.cc" line="41"/>
        <source>网络不稳，稍后自动重试…</source>
        <translation>网络不稳，稍后自动重试…</translation>
    </message>
    <message>
        <location filename="../src/device_worker_sync.cc" line="43"/>
        <source>正在收尾…</source>
        <translation>正在收尾…</translation>
    </message>
    <message>
        <location filename="../src/device_worker.cc" line="162"/>
        <source>密码错误次数过多，本机数据已按规定清除。请向乡镇工作人员索取登记码，重新登记。</source>
        <translation>密码错误次数过多，本机数据已按规定清除。请向乡镇工作人员索取登记码，重新登记。</translation>
    </message>
    <message>
        <location filename="../src/device_worker_sync.cc" line="89"/>
        <source>本机不认识县里的时区 %1，日期暂按 %2 计算。</source>
        <translation>本机不认识县里的时区 %1，日期暂按 %2 计算。</translation>
    </message>
    <message>
        <location filename="../src/device_worker_sync.cc" line="95"/>
        <source>注意：已发送的第 %1 至 %2 项更改还不在县里的备份中，本机存放空间已满，已不再保留。请告诉乡镇：县里需要尽快运行备份。</source>
        <translation>注意：已发送的第 %1 至 %2 项更改还不在县里的备份中，本机存放空间已满，已不再保留。请告诉乡镇：县里需要尽快运行备份。</translation>
    </message>
    <message>
        <location filename="../src/device_worker_edits.cc" line="18"/>
        <source>本机上找不到这户人家（可能已被县里删除）。请同步后再看。</source>
        <translation>本机上找不到这户人家（可能已被县里删除）。请同步后再看。</translation>
    </message>
    <message>
        <location filename="../src/device_worker_edits.cc" line="20"/>
        <source>填写的内容不能保存，请核对电话、人数和标签后重试。</source>
        <translation>填写的内容不能保存，请核对电话、人数和标签后重试。</translation>
    </message>
    <message>
        <location filename="../src/device_worker_edits.cc" line="22"/>
        <source>没有保存成功，请再试一次；仍不行请重启应用。</source>
        <translation>没有保存成功，请再试一次；仍不行请重启应用。</translation>
    </message>
    <message>
        <location filename="../src/device_worker_edits.cc" line="57"/>
        <source>没有改动。</source>
        <translation>没有改动。</translation>
    </message>
    <message>
        <location filename="../src/device_worker_hazards.cc" line="52"/>
        <location filename="../src/device_worker_hazards.cc" line="135"/>
        <source>本机上找不到这处隐患，请同步后再看。</source>
        <translation>本机上找不到这处隐患，请同步后再看。</translation>
    </message>
    <message>
        <location filename="../src/device_worker_hazards.cc" line="144"/>
        <source>记录整改须附一张整改后的照片，请拍照或选择照片。</source>
        <translation>记录整改须附一张整改后的照片，请拍照或选择照片。</translation>
    </message>
    <message>
        <location filename="../src/device_worker_hazards.cc" line="186"/>
        <source>已记录整改，待上传。等待复查。</source>
        <translation>已记录整改，待上传。等待复查。</translation>
    </message>
    <message>
        <location filename="../src/device_worker_hazards.cc" line="188"/>
        <source>复查通过，待上传。</source>
        <translation>复查通过，待上传。</translation>
    </message>
    <message>
        <location filename="../src/device_worker_hazards.cc" line="188"/>
        <source>复查未通过，已退回限期整改，待上传。</source>
        <translation>复查未通过，已退回限期整改，待上传。</translation>
    </message>
    <message>
        <location filename="../src/device_worker_settings.cc" line="22"/>
        <source>密码已更改。下次解锁请用新密码。</source>
        <translation>密码已更改。下次解锁请用新密码。</translation>
    </message>
    <message>
        <location filename="../src/device_worker_settings.cc" line="24"/>
        <source>原密码不正确，密码没有更改。连续输错 10 次，本机数据将被清除。</source>
        <translation>原密码不正确，密码没有更改。连续输错 10 次，本机数据将被清除。</translation>
    </message>
    <message>
        <location filename="../src/device_worker_settings.cc" line="26"/>
        <source>密码没有更改，请再试一次。</source>
        <translation>密码没有更改，请再试一次。</translation>
    </message>
    <message>
        <location filename="../src/device_worker_settings.cc" line="34"/>
        <source>无法在 %1 建立文件，请检查存储空间。</source>
        <translation>无法在 %1 建立文件，请检查存储空间。</translation>
    </message>
    <message>
        <location filename="../src/device_worker_settings.cc" line="44"/>
        <source>没有导出：%1</source>
        <translation>没有导出：%1</translation>
    </message>
    <message>
        <location filename="../src/device_worker_settings.cc" line="49"/>
        <source>已把 %1 条记录、%2 张照片导出到 %3。请把这个文件交给乡镇工作人员，由县里导入；这些记录仍留在本机，下次同步时县里确认后才算送达。</source>
        <translation>已把 %1 条记录、%2 张照片导出到 %3。请把这个文件交给乡镇工作人员，由县里导入；这些记录仍留在本机，下次同步时县里确认后才算送达。</translation>
    </message>
    <message>
        <location filename="../src/device_worker_settings.cc" line="67"/>
        <source>密码不正确，本机没有退出。</source>
        <translation>密码不正确，本机没有退出。</translation>
    </message>
    <message>
        <location filename="../src/device_worker_settings.cc" line="76"/>
        <source>本机已退出，数据已清除。如要再用，请向乡镇工作人员索取登记码。</source>
        <translation>本机已退出，数据已清除。如要再用，请向乡镇工作人员索取登记码。</translation>
    </message>
</context>
</TS>
