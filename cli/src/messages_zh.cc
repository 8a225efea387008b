// 中文: the field client's default language.
#include "messages_catalogue.h"

namespace qiaomen::cli {

std::span<const MessageEntry> ZhMessages() {
  static constexpr MessageEntry kMessages[] = {
      {Msg::kNever, "从未"},
      {Msg::kEnrolled,
       "设备 {0} 已注册：{1}（{2}，{3}，{4}），{5}。运行 `qiaomen sync` 获取任务。\n"},
      {Msg::kReenrolled,
       "设备 {0} 已重新注册：{1}（{2}，{3}，{4}），{5}；{6} 项未发送的更改仍保留在本机。运行 "
       "`qiaomen sync` 发送。\n"},
      {Msg::kSyncSummary, "已发送 {0} 项更改、{1} 张照片；已接收 {2} 项更改。"},
      {Msg::kSyncAlreadyOnServer, "{0} 张照片服务器上已有。"},
      {Msg::kSyncRefusedCount, "{0} 项更改被县服务器拒收，保留在本机待人工处理。"},
      {Msg::kSyncClockSkewAhead, "本机时钟比县服务器快约 {0} 分钟，请校准日期和时间。"},
      {Msg::kSyncClockSkewBehind, "本机时钟比县服务器慢约 {0} 分钟，请校准日期和时间。"},
      {Msg::kSyncHeldForWifi, "照片等待 Wi-Fi 再上传。"},
      {Msg::kSyncEpochReset, "县服务器已从备份恢复，本机已重新发送工作。"},
      {Msg::kSyncStopped, "已停止：{0}"},
      {Msg::kSyncBytes, "发送 {0}，接收 {1}"},
      {Msg::kSyncRetries, "，重试 {0} 次"},
      {Msg::kSyncUnknownZone,
       "  本机的时区数据库中没有县的时区 {0}（请安装 tzdata）；在此之前按 {1} 计算日期。\n"},
      {Msg::kSyncRefusedChange, "  被拒收的更改 #{0}（{1}）：{2}\n"},
      {Msg::kRefusedHint,
       "  `qiaomen quarantine` 列出被拒收的更改；原因消除后，`qiaomen quarantine resend 编号` "
       "重新发送。\n"},
      {Msg::kProgressRecords, "记录"},
      {Msg::kProgressPhotos, "照片"},
      {Msg::kProgressWaiting, "等待"},
      {Msg::kProgressEta, "  约 {0} 秒"},
      {Msg::kStatusDevice, "设备 {0}（{1}）\n"},
      {Msg::kStatusServer, "  服务器：      {0}\n"},
      {Msg::kStatusNotEnrolled, "（未注册）"},
      {Msg::kStatusZone, "  县时区：      {0}\n"},
      {Msg::kStatusLastSync, "  上次同步：    {0}\n"},
      {Msg::kStatusPendingChanges, "  待发送更改：  {0}\n"},
      {Msg::kStatusPendingPhotos, "  待上传照片：  {0}（{1}）\n"},
      {Msg::kStatusDrafts, "  未完成走访：  {0}\n"},
      {Msg::kStatusBackup, "  县备份：      {0}\n"},
      {Msg::kStatusRefused, "  被拒收：      {0}\n"},
      {Msg::kStatusTimesIn, "时间均为县时间（{0}）。\n"},
      {Msg::kBackupNothingSent, "尚未发送任何内容"},
      {Msg::kBackupNoneYet, "尚无本机的更改（保留在本机）"},
      {Msg::kBackupAll, "包含已发送的全部更改"},
      {Msg::kBackupReleasedUnbacked,
       "警告：第 #{0} 至 #{1} "
       "项更改已发送，但不在县里的任何备份中，本机也已不再保留（存放空间已满）。"
       "请乡镇联系县里每天运行 `qiaomen-county backup`。"},
      {Msg::kBackupUpTo, "包含到 #{0} 的更改；此后发送的 {1} 项在下次备份前保留在本机"},
      {Msg::kVisitRecorded, "已记录对 {1} 的走访 {0}（{2}，{3} 张照片，已签名）"},
      {Msg::kVisitNoHazards, "；无隐患。\n"},
      {Msg::kVisitHazards, "；{0} 项隐患：\n"},
      {Msg::kVisitHazardLine, "  {0}  {1}  {2}  {3}  整改期限 {4}\n"},
      {Msg::kVisitAlreadyRecorded, "{0} 已记录为对 {2} 的走访 {1}，未重复记录。\n"},
      {Msg::kHazardLine, "{0}  {1}  {2}  {3}  {4}  期限 {5}  {6}\n"},
      {Msg::kHazardStepNotTaken, "    步骤 {0} 未生效：{1}\n"},
      {Msg::kHazardsTotal, "共 {0} 项隐患，其中重大隐患 {1} 项。\n"},
      {Msg::kHazardsOpenTotal, "未销号隐患 {0} 项，其中重大隐患 {1} 项。\n"},
      {Msg::kHazardChanged, "隐患 {0}（{1}）：{2} → {3}。\n"},
      {Msg::kSubjectTitle, "{0}（{1}，{2}）\n"},
      {Msg::kSubjectId, "  编号：  "},
      {Msg::kSubjectGrid, "  网格：  "},
      {Msg::kSubjectAddress, "  地址：  "},
      {Msg::kSubjectPhone, "  电话：  "},
      {Msg::kSubjectMembers, "  人数：  "},
      {Msg::kSubjectTags, "  标签：  "},
      {Msg::kSubjectNote, "  备注：  "},
      {Msg::kSubjectVisits, "  走访：  {0}\n"},
      {Msg::kSubjectVisitLine, "    {0}  {1}  {2}  检查人 {3}\n"},
      {Msg::kSubjectHazards, "  隐患：  {0}\n"},
      {Msg::kSubjectHazardLine, "    {0}  {1}  {2}  {3}  期限 {4}\n"},
      {Msg::kQuarantineNone, "县服务器没有拒收本机的任何更改。\n"},
      {Msg::kQuarantineLine, "#{0}  {1}  {2}"},
      {Msg::kQuarantineOf, "：{0} {1}"},
      {Msg::kQuarantineFooter,
       "时间为县时间（{0}）。原因消除后，`qiaomen quarantine resend 编号` 重新发送该更改。\n"},
      {Msg::kTasksTotal, "共 {0} 项任务，分布在 {1} 个网格"},
      {Msg::kTasksDone, "，其中 {0} 项已完成"},
      {Msg::kBundleWritten,
       "已写入 {0}：{1} 项更改、{2} 张照片（{3}，已加密并签名）。在县里用 `qiaomen-county "
       "import-bundle` 导入；下次同步时本机确认。\n"},
      {Msg::kPinChanged, "PIN 已更改，今后请使用新 PIN。\n"},
      {Msg::kTasksColumns, "编号|姓名|地址|电话|网格|检查表|截止日期|状态"},
      {Msg::kTaskDone, "已完成"},
      {Msg::kTaskOpen, "待走访"},
      {Msg::kChecklistKind, "\n对象类型: {0} ({1})\n"},
      {Msg::kChecklistShownWhen, "  显示条件: {0}"},
      {Msg::kChecklistRepeatFixed, "  逐个检查，共 {0} 个"},
      {Msg::kChecklistRepeatCounted, "  逐个检查，个数为 {0} 的回答（最多 {1} 个）"},
      {Msg::kChecklistRepeatOpen, "  逐个检查，由检查人员添加（{0}–{1} 个）"},
      {Msg::kChecklistRepeatKeys, "  访问文件中每个的回答写作 {0}（第 2 个）\n"},
      {Msg::kChecklistNote, "说明"},
      {Msg::kChecklistRange, "  范围: {0}"},
      {Msg::kChecklistRequired, "  必填"},
      {Msg::kChecklistRequiredWhen, "  必填条件: {0}"},
      {Msg::kChecklistConstraint, "      约束: {0}\n"},
      {Msg::kChecklistChoices, "      可选:"},
      {Msg::kChecklistHazardRules, "\n隐患规则:\n"},
      {Msg::kChecklistDeadlineDays, "  限期 {0} 天"},
      {Msg::kChecklistWhen, "\n      条件: {0}\n"},
      {Msg::kChecklistLegalBasis, "      依据: {0}\n"},
      {Msg::kItemYesNoNa, "是/否/不适用 (\"yes\"/\"no\"/\"na\")"},
      {Msg::kItemSingleChoice, "单选 (一个代码)"},
      {Msg::kItemMultiChoice, "多选 (代码列表)"},
      {Msg::kItemInteger, "整数"},
      {Msg::kItemDecimal, "数值"},
      {Msg::kItemText, "文字"},
      {Msg::kItemDate, "日期 (YYYY-MM-DD)"},
      {Msg::kItemPhoto, "照片 (在 \"photos\" 下列出文件)"},
      {Msg::kItemSignature, "签名图片 (在 \"photos\" 下列出文件)"},
      {Msg::kItemLocation, "位置 ({\"latitude\": .., \"longitude\": ..})"},
      {Msg::kItemUnknown, "未知"},
      {Msg::kEntitySubject, "对象信息"},
      {Msg::kEntityTask, "任务"},
      {Msg::kEntityVisit, "走访"},
      {Msg::kEntityPhoto, "照片"},
      {Msg::kEntityHazard, "隐患"},
      {Msg::kEntityHazardEvent, "隐患处置"},
      {Msg::kEntityOther, "记录"},
      {Msg::kResendQueued, "更改 #{0} 重新排队为 #{1}"},
      {Msg::kResendWith, "，与之一同被拒收的也一并排队：{0}"},
      {Msg::kResendRun, "。运行 `qiaomen sync` 发送。\n"},
      {Msg::kSubjectUnchanged, "未作更改：{0} 已是这些值。\n"},
      {Msg::kFieldName, "名称"},
      {Msg::kFieldAddress, "地址"},
      {Msg::kFieldPhone, "电话"},
      {Msg::kFieldMembers, "人数"},
      {Msg::kFieldTags, "标签"},
      {Msg::kFieldNote, "备注"},
      {Msg::kFieldSeparator, "、"},
      {Msg::kSubjectUpdated, "已更新 {0}：{1}。更改已保存，下次同步时发往县里。\n"},
      {Msg::kTemplateWritten,
       "已写入 {0}：把每个 <...> 换成回答（不显示的项可删去），再运行 `qiaomen visit record "
       "{0}`。\n"},
      {Msg::kHelpIntro,
       "qiaomen — 敲门 现场客户端\n\n用法：qiaomen [--data DIR] [--keystore DIR] [--json] "
       "[--verbose] [--lang "
       "zh|en] 命令 [选项]\n\n命令：\n"},
      {Msg::kHelpShowThis, "显示本说明"},
      {Msg::kHelpVersion, "显示版本"},
      {Msg::kHelpFooter,
       "\n每个命令都接受 --help。--data DIR 是档案目录（默认 "
       "$QIAOMEN_DATA，否则\n~/.local/share/qiaomen/profile）；设备密钥库与它分开，放在 --keystore "
       "DIR\n（默认 $QIAOMEN_KEYSTORE，否则 DIR.keystore）。PIN 取自 "
       "$QIAOMEN_PIN，否则在终端询问。\n输出数据的命令接受 --json。给人看的文字默认是中文；--lang "
       "en 或语言环境（LANGUAGE、\nLC_ALL、LC_MESSAGES、LANG）为 en* 时是英文。\n\n"},
      {Msg::kSummaryExportBundle, "把未发送的更改和照片写入一个加密、签名的文件"},
      {Msg::kSummaryChecklistShow, "显示检查表的检查项、可选回答、必填标记和条件"},
      {Msg::kSummaryVisitTemplate, "为某个对象的检查表写出走访文件模板"},
      {Msg::kSummaryEnroll, "创建本设备的档案并向县服务器注册"},
      {Msg::kSummaryHazards, "列出本设备上的隐患及其状态"},
      {Msg::kSummaryHazardUpdate,
       "记录隐患的一个处理步骤：责令整改、已整改、复查、销号、疑似重大隐患"},
      {Msg::kSummaryChangePin, "修改解锁本档案的 PIN"},
      {Msg::kSummaryQuarantine, "列出县里拒收的更改及原因"},
      {Msg::kSummaryQuarantineResend, "原因解决后重新发送一项被拒收的更改"},
      {Msg::kSummaryStatus, "待发送的更改和照片、被拒收的更改、最后同步、服务器"},
      {Msg::kSummarySubjectShow, "显示一个对象及其走访和隐患"},
      {Msg::kSummarySubjectUpdate, "修改对象的电话、人数、标签或备注"},
      {Msg::kSummarySync, "把本设备的工作发送到县服务器并取回新的内容"},
      {Msg::kSummaryTasks, "列出本设备所管网格的未完成任务"},
      {Msg::kSummaryVisitRecord, "从 JSON 文件记录一次完整的走访"},
      {Msg::kFailWrongPin,
       "PIN 不对。还可以再试 {0} 次，之后本机上的数据会被永久抹掉。请设置正确的 QIAOMEN_PIN，"
       "或在询问时输入。"},
      {Msg::kFailKeysDestroyed,
       "PIN 输错太多次，本档案的密钥已销毁，数据再也无法读取。请乡镇管理员发一个新注册码，"
       "然后运行：{0}"},
      {Msg::kFailProfileDamaged,
       "档案 {0} 已损坏，无法读取。不要删除它；请联系乡镇管理员（加 --verbose 看详情）。"},
      {Msg::kFailUnreachable,
       "连不上县服务器 {0}。什么都没丢：工作都还在本机。请检查网络（移动数据或 Wi-Fi），"
       "稍后再运行这个命令。"},
      {Msg::kFailCodeRefused,
       "县服务器不接受这个注册码：已用过、已过期或输错了。请向乡镇管理员要一个新码。"},
      {Msg::kFailDeviceRevoked,
       "县服务器不再接受本设备（{0}）：它已被吊销或换了设备。未发送的工作仍保存在本机。请乡镇"
       "管理员运行 `qiaomen-county enroll-code --worker 工号 --device {0}` 发一个新码，再运行 "
       "`qiaomen enroll --server URL --code 新码` 重新注册并发送。"},
      {Msg::kFailDetail, "详情：{0}"},
      {Msg::kRefusalInvalid, "内容不符合检查表或格式，改正后重发"},
      {Msg::kRefusalScope, "超出你的工作范围，请乡镇管理员核实"},
      {Msg::kRefusalState, "县里的状态不允许（例如检查表版本未发布、隐患已销号）"},
      {Msg::kRefusalNotFound, "县里找不到它引用的记录，先同步再重发"},
      {Msg::kRefusalDuplicate, "县里已有同样的记录"},
      {Msg::kRefusalSignature, "签名或设备身份无效，请乡镇管理员核实"},
      {Msg::kRefusalOther, "县服务器拒收（{0}）"},
      {Msg::kQuarantineReason, "\n    {0}：{1} [{2}]\n"},
      // Issue 16: an emergency the answers raised (a gas leak), shown before anything else.
      {Msg::kVisitEmergency, "！紧急情况：{0}。请立即：\n"},
      {Msg::kVisitEmergencyAction, "  {0}. {1}\n"},
      {Msg::kProblemRaw, "{0}"},
      {Msg::kProblemField, "字段 {0}：{1}。"},
      {Msg::kProblemItem, "检查项 {0}：{1}"},
      {Msg::kVisitFileOneProblem, "走访文件有 1 处问题，请改正后重新记录：{0}"},
      {Msg::kVisitFileProblems, "走访文件有 {0} 处问题，请改正后重新记录：{1}"},
      {Msg::kVisitFileNotJson,
       "走访文件不是有效的 JSON：请检查引号、逗号和括号（用 `python3 -m json.tool 文件` 这样的 "
       "JSON 检查工具可以找到出错的行）。"},
      {Msg::kVisitFileNotJsonAt,
       "走访文件第 {0} 行第 {1} 列不是有效的 JSON：请检查那里或紧挨在前面的引号、逗号和括号。"},
      {Msg::kVisitFileNotObject, "走访文件必须是一个 JSON 对象（{...}）。"},
      {Msg::kVisitFileMissing, "没有走访文件 {0}。"},
      {Msg::kFieldUnknown,
       "不是走访文件的字段（可用的有：subject、task、template、template_version、outcome、started_"
       "at、finished_at、location、answers、photos、education、note、refusal、notice、fixed_on_"
       "site）"},
      {Msg::kMustBeString, "必须是字符串"},
      {Msg::kMustBeVersion, "必须是版本号（1、2……）"},
      {Msg::kOutcomeUnknown,
       "结果“{0}”无法识别；请用 checked、nobody_home、refused、vacant、moved 或 "
       "no_shelter（村的记录）"},
      {Msg::kLocationNotObject, "必须是含数字 latitude 和 longitude 的对象"},
      {Msg::kAnswersNotObject, "必须是“检查项编号: 回答”的对象"},
      {Msg::kPhotosNotObject, "必须是“检查项编号: 照片文件列表”的对象"},
      {Msg::kPhotosNotListed, "必须列出照片文件"},
      {Msg::kEducationNotList, "必须是列表，例如 [\"leaflet\", \"reminder\"]"},
      {Msg::kSubjectRequired, "必须填写（对象编号或县里的编号）"},
      {Msg::kFieldRequired, "必须填写"},
      {Msg::kTemplateRequired, "已检查（checked）的走访必须填写"},
      {Msg::kTimeNotWholeMs, "以毫秒表示的时间必须是正整数"},
      {Msg::kTimeWrongType, "时间必须是字符串，例如 2026-11-28T09:05:00+08:00"},
      {Msg::kTimeNotATime, "“{0}”不是有效的时间，应写成 2026-11-28T09:05:00+08:00 这样"},
      {Msg::kTimeNoOffset,
       "“{0}”没有时区偏移：请写上偏移，例如县时间（北京时间）写作 {1}，UTC 时间在末尾加 Z"},
      {Msg::kTimeBadOffset, "“{0}”的时区偏移写错了（应写成 +08:00 这样）"},
      {Msg::kItemNotInChecklist, "不是检查表 {0} 的检查项"},
      {Msg::kItemIsPhoto, "是照片项：请在 \"photos\" 下列出照片文件"},
      {Msg::kItemNeedsKind, "需要填{0}，不是 {1}"},
      {Msg::kItemTakesNoPhotos, "要填{0}，不收照片"},
      {Msg::kItemUnanswered, "必答，但没有回答"},
      {Msg::kItemConstraint, "回答不符合要求"},
      {Msg::kItemHazardPhoto, "需要一张证明隐患“{0}”的照片"},
      {Msg::kPhotoFileMissing, "照片文件 {0} 不存在"},
      {Msg::kVisitOneProblem,
       "对 {0} 的走访有 1 处问题，什么都没有保存。请改正文件后重新记录：{1}"},
      {Msg::kVisitProblems,
       "对 {0} 的走访有 {1} 处问题，什么都没有保存。请改正文件后重新记录：{2}"},
      {Msg::kVisitFilesNotRecorded, "{1} 个走访文件中有 {0} 个没有记录（见上）。"},
      {Msg::kUsageExportBundle,
       "用法：qiaomen export-bundle 文件 [--json]\n"
       "\n"
       "给完全没有信号的小组用：文件里装着县服务器还没有确认收到的所有更改和照片，按本设备所属县的"
       "\n"
       "密钥加密，并用本设备的密钥签名。县里用 `qiaomen-county import-bundle --data 目录 文件` "
       "导入；\n"
       "同一个文件导入两次不会改变任何东西。这些工作在本机上仍算待发送，直到一次同步确认为止。\n"},
      {Msg::kUsageChecklistShow,
       "用法：qiaomen checklist show 编号[@版本] [--json]\n"
       "\n"
       "列出检查表的每一项（本设备上的最新版本，除非写了 "
       "@版本）：编号、名称、回答的类型以及在走访\n"
       "文件里的写法、可选的代码、范围、是否必答（或在什么条件下必答）、什么时候显示，以及隐患规则"
       "。\n"
       "不需要 PIN。\n"},
      {Msg::kUsageVisitTemplate,
       "用法：qiaomen visit template 对象 [--checklist 编号] [--out 文件.json]\n"
       "\n"
       "为对象（编号或县里的编号）写一个 `qiaomen visit record` 能读的走访文件：用它未完成任务的\n"
       "检查表（或 --checklist 指定的），时间设为县时区的现在，每一项都填一个占位符，例如\n"
       "\"<yes|no|na>\"。把每个占位符换成回答，照片文件列在 \"photos\" 下，检查表不显示的项删掉\n"
       "（见 `qiaomen checklist show 编号`），然后记录这个文件。\n"},
      {Msg::kUsageEnroll,
       "用法：qiaomen enroll --server 地址 --code 注册码 [--ca-cert 文件] [--pin-sha256 哈希]\n"
       "         [--name 设备名] [--json]\n"
       "\n"
       "在 --data 目录里建立加密的档案（密钥由你的 PIN "
       "保护，还有数据库和照片库），并用乡镇工作人员\n"
       "给的一次性注册码把设备的签名密钥登记到服务器。PIN 取自 QIAOMEN_PIN，否则会问两遍。\n"
       "--ca-cert 信任县里自己的证书颁发机构；--pin-sha256 固定服务器的公钥（sha256//BASE64，与\n"
       "`curl --pinnedpubkey` 相同）。服务器拒绝时什么都不保留。\n"
       "在已经注册过的档案上（被吊销的手机、丢了令牌的手机）它会问 PIN，用新的注册码把同一台设备\n"
       "重新注册（乡镇工作人员用 `enroll-code --device` "
       "发码）；未发送的工作留着，下次同步时发出。\n"},
      {Msg::kUsageHazards,
       "用法：qiaomen hazards [--open] [--subject 编号] [--json]\n"
       "\n"
       "本设备网格内各对象发现的每一条隐患：类别、等级、整改期限和状态（由它的事件推出）。\n"
       "--open 不显示已销号的。\n"},
      {Msg::kUsageHazardUpdate,
       "用法：qiaomen hazard update 编号 --event "
       "ordered|rectified|reinspected|closed|suspected_major\n"
       "         [--photo 文件] [--note 说明] [--failed] [--json]\n"
       "\n"
       "步骤按隐患的生命周期走：发现 -> 责令整改（ordered） -> 已整改（rectified，需要 --photo\n"
       "整改后的照片） -> 复查（reinspected，--failed 表示复查不合格，退回责令整改） -> 销号\n"
       "（closed）。不可能的步骤会被拒绝，并说明隐患现在的状态。suspected_major "
       "标记为疑似重大隐患：\n"
       "由县里记录消防救援大队或主管部门的认定。\n"},
      {Msg::kUsageChangePin,
       "用法：qiaomen change-pin\n"
       "\n"
       "当前 PIN 取自 QIAOMEN_PIN，新 PIN 取自 QIAOMEN_NEW_PIN，否则在终端上询问（新 PIN "
       "问两遍）。\n"
       "当前 PIN 输错算一次失败的尝试。数据不会重新加密：只是把数据密钥重新包装一遍。\n"},
      {Msg::kUsageQuarantine,
       "用法：qiaomen quarantine [--json]\n"
       "\n"
       "列出县服务器拒收的本设备更改：重发时用的编号、时间（县时间）、是什么、是哪一户的，以及服务"
       "器\n"
       "给的原因。它们一直留在设备上，直到用 `qiaomen quarantine resend 编号` 重新发送。\n"},
      {Msg::kUsageQuarantineResend,
       "用法：qiaomen quarantine resend 编号 [--json]\n"
       "\n"
       "把被拒收的更改（按 `qiaomen quarantine` "
       "的编号）连同一起被拒的更改（走访的照片和隐患）用新编号\n"
       "放回发送队列；下次 `qiaomen sync` "
       "发出，走访在前。县里再次拒收的，会带着新的原因回到列表里。\n"},
      {Msg::kUsageStatus,
       "用法：qiaomen status [--json]\n"
       "\n"
       "显示等待发送的内容（更改、照片及其字节数）、服务器拒收的更改及原因（留在设备上等人处理）、"
       "\n"
       "本设备上次同步的时间和服务器。\n"},
      {Msg::kUsageSubjectShow,
       "用法：qiaomen subject show 编号 [--json]\n"
       "\n"
       "编号是对象的编号或县里的编号（例如 H-T01-V01-0001）。\n"},
      {Msg::kUsageSubjectUpdate,
       "用法：qiaomen subject update 编号 [--phone 电话] [--members 人数] [--tags 标签,...]\n"
       "         [--note 备注] [--name 名称] [--address 地址] [--json]\n"
       "\n"
       "按字段保存修改：只改给出的字段，每个字段单独同步，所以两个人改同一户的不同字段，两边的修改"
       "\n"
       "都保留。--tags 替换整个标签列表（例如 elderly_alone,coal_heating,bottled_gas,ebike）。\n"},
      {Msg::kUsageSync,
       "用法：qiaomen sync [--retries 次数] [--progress] [--chunk-kb 大小] [--keep-sent-mb 大小] "
       "[--json]\n"
       "\n"
       "分批发送待发的更改（走访、修改、隐患步骤），接收本设备范围内的更改，然后上传照片（可续传："
       "\n"
       "断线后从断开的地方接着传）。在终端上显示进度条（--"
       "progress：在别处输出普通的进度行）；否则\n"
       "只输出一行总结。临时故障会重试若干次（默认 6 次），间隔逐渐变长。--json 输出发送、接收、\n"
       "已发照片、字节数，以及服务器拒收的更改和原因（它们留在设备上，见 `qiaomen status`）。\n"
       "已发送的更改会留在设备上，直到县里的备份包含它们，这样县服务器从备份恢复后可以由手机补齐；"
       "\n"
       "--keep-sent-mb 限制最近一次备份之后保留的大小（默认 64 MB，先放掉最旧的，并警告哪些还没有\n"
       "备份）。\n"},
      {Msg::kUsageTasks,
       "用法：qiaomen tasks [--grid 网格] [--search 文字] [--all] [--json]\n"
       "\n"
       "列出本设备网格内还没有走访完成的任务（--"
       "all：已完成的也列出），按走访时的地址顺序：村、组、\n"
       "号，数字按大小比较（1组2号在1组10号之前；二组在十组之前）。--search "
       "只留下名称、地址、电话、\n"
       "县里编号或编号含有该文字的对象。无人在家的走访不关闭任务，留待再次走访。\n"},
      {Msg::kUsageVisitRecord,
       "用法：qiaomen visit record 文件.json [文件.json...] [--json]\n"
       "\n"
       "文件.json "
       "是一次走访：subject（对象编号或县里的编号）、template（检查表）、outcome（checked\n"
       "已检查、nobody_home 无人在家、refused 拒绝、vacant 空置、moved 已搬走）、started_at 和\n"
       "finished_"
       "at（带时区偏移的时间）、location（位置）、answers（按检查项编号的回答）、photos（按\n"
       "检查项编号的照片文件路径）、education（宣传教育）、note（备注）；入户工作还有 "
       "refusal（拒绝：\n"
       "reason 为 refused_entry 拒绝入户、refused_after_no_answer "
       "无人应答后拒绝、asked_to_reschedule\n"
       "要求改期或 other 其他（写 note），escalate: true "
       "提请村委会协助）、notice（告知书：delivered:\n"
       "true，photo: 照片文件）、fixed_on_site（当场整改：{规则编号: "
       "整改后照片文件}，隐患在走访中销号）。\n"
       "拒绝入户的走访必须写原因；村的记录可用 no_shelter（无避难场所）。\n"
       "重复组里每个实例（每个气瓶、每辆电动车）各问一次的检查项写作 检查项[N]，N 从 1 "
       "起（ebike_parking[2]\n"
       "是第二辆电动车的），回答和照片都这样写。例如（household_winter\n"
       "检查表的一次完整走访，照片文件相对于走访文件所在的目录）：\n"
       "  {\"subject\": \"H-T01-V01-0001\", \"template\": \"household_winter\", \"outcome\": "
       "\"checked\",\n"
       "   \"started_at\": \"2026-11-28T09:05:00+08:00\", \"finished_at\": "
       "\"2026-11-28T09:20:00+08:00\",\n"
       "   \"location\": {\"latitude\": 40.1, \"longitude\": 116.3, \"accuracy_m\": 8},\n"
       "   \"answers\": {\"heating_type\": \"electric\", \"gas_type\": \"none\", \"ebike_count\": "
       "0,\n"
       "     \"elderly_alone\": \"no\", \"wiring_ok\": \"yes\", \"sockets_ok\": \"yes\", "
       "\"rcd_installed\": \"yes\",\n"
       "     \"extinguisher\": \"no\", \"escape_clear\": \"yes\", \"combustibles_away\": \"yes\",\n"
       "     \"window_exit\": \"yes\", \"education_given\": [\"leaflet\", \"reminder\"]},\n"
       "   \"photos\": {\"hazard_photos\": [\"photo.jpg\"]}, \"education\": [\"leaflet\", "
       "\"reminder\"]}\n"
       "\n"
       "已检查的走访必须回答所有必答项；每个问题都按检查项列出，什么都不保存。走访用本设备的密钥\n"
       "签名，照片加密存入档案，并打印检查表推出的隐患。一起给出的多个文件逐个记录；一个有问题不影"
       "响\n"
       "其他的。以前记录过的文件（同一对象、检查表、结果和时间）会被指出，不再重复记录。时间比本设"
       "备\n"
       "的时钟晚 10 分钟以上的走访，或检查表是为另一类对象制定的，会被拒绝。\n"},
      {Msg::kPromptPin, "PIN："},
      {Msg::kPromptNewPin, "新 PIN（至少 4 位）："},
      {Msg::kPromptPinAgain, "再输一遍同一个 PIN："},
      {Msg::kPromptCurrentPin, "当前 PIN："},
      {Msg::kPromptNewPinOnly, "新 PIN："},
      {Msg::kPromptNewPinAgain, "再输一遍新 PIN："},
      {Msg::kFailEmptyPin,
       "{0} 已设置但是空的：把它设为 PIN，或取消它（unset "
       "{0}）改在终端上输入。没有用掉任何一次尝试。"},
      {Msg::kSyncStoppedSeeBelow, "同步已停止，原因见下。"},
  };
  return kMessages;
}

}  // namespace qiaomen::cli
