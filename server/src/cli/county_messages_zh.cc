// 中文: the county program's default language.
#include "cli/county_messages_catalogue.h"

namespace qiaomen::server {

std::span<const CountyMessageEntry> CountyZhMessages() {
  static constexpr CountyMessageEntry kMessages[] = {
      {CountyMsg::kInitialised,
       "已初始化 {0}（{1}，{2}）。\n县的离线包私钥是 {3}：请与数据库分开备份；没有它，任何离线包都"
       "无法打开。\n"},
      {CountyMsg::kTimeZoneSet, "县的时区现在是 {0}。\n"},
      {CountyMsg::kWorkerSaved, "人员 {0}（{1}，{2}）已保存。\n"},
      {CountyMsg::kDeviceRevoked, "设备 {0} 已吊销。\n"},
      {CountyMsg::kImportConverted, "按 {0} 读取，已转换为 UTF-8。\n"},
      {CountyMsg::kImported,
       "已导入 {0} 行：新增 {1}，更新 {2}，未变 {3}；新建镇、村或网格 {4} 个。\n"},
      {CountyMsg::kPublished, "已发布检查表 {0} 第 {1} 版。\n"},
      {CountyMsg::kCampaignCreated, "专项行动 {0} 已创建，共 {1} 项任务。\n"},
      {CountyMsg::kConflictLine,
       "#{0} {1}，字段“{2}”：保留“{3}”，搁置来自 {5} 的“{4}”（规则 {6}）\n"},
      {CountyMsg::kConflictDevice, "设备 {0}"},
      {CountyMsg::kNoConflicts, "没有冲突。\n"},
      {CountyMsg::kReportTitle, "{0} 报表"},
      {CountyMsg::kReportTown, "，镇 {0}"},
      {CountyMsg::kReportDate, "，{0} 的走访"},
      {CountyMsg::kReportCoverage, "\n\n覆盖（已走访 / 对象数）\n"},
      {CountyMsg::kReportByCategory, "\n隐患（按类别和等级）\n"},
      {CountyMsg::kReportByStatus, "\n隐患（按状态）\n"},
      {CountyMsg::kReportBackupNone,
       "上次备份：无。请现在并每天备份：qiaomen-county backup --data 目录 --to 路径"
       "（见 docs/operations.md）。"},
      {CountyMsg::kReportBackupAge, "上次备份：{0} 小时 {1} 分钟前"},
      {CountyMsg::kReportBackupOld, "，已超过一天：请立即运行 qiaomen-county backup"},
      {CountyMsg::kReportLostInRestore,
       "恢复时丢失：{1} 台设备的 {0} 条修改不在任何备份中，设备上也已不再保留。请每天运行 "
       "qiaomen-county backup，设备就只需保留更少、什么也不会丢。\n"},
      {CountyMsg::kHazardStepRecorded,
       "已记录。隐患现为{0}；辖区内有此隐患的设备下次同步时即可看到。\n"},
      {CountyMsg::kEnrolQrWritten,
       "\n登记码 {0}（24 小时内有效，只能登记一台设备）\n服务器 {2}\n{3}\n二维码已保存到 "
       "{1}：打印出来或在屏幕上出示，手机在“登记本机”页点“从照片扫码”即可，不用手输。\n"},
      {CountyMsg::kEnrolQrPinned, "已固定服务器证书：{0}"},
      {CountyMsg::kEnrolQrNotPinned,
       "未固定服务器证书（http:// 地址，或未给 --tls-cert / --pin-sha256）。"},
      {CountyMsg::kEnrolQrNeedsServer,
       "--qr 还需要 --server 地址：手机访问本服务器所用的地址，如 https://county.example.cn 。"},
      {CountyMsg::kEnrolQrTwoPins,
       "--tls-cert 和 --pin-sha256 只能给一个：证书指纹从证书算出，或直接给出。"},
      {CountyMsg::kEnrolQrOptionsWithoutQr,
       "--server、--tls-cert 和 --pin-sha256 只与 --qr 一起使用。"},
      {CountyMsg::kEnrolQrCannotMake, "无法生成登记二维码：{0}"},
      {CountyMsg::kTotalVisits, "走访"},
      {CountyMsg::kTotalChangesLost, "恢复时丢失的修改"},
      {CountyMsg::kTotalHazardsOpen, "未销号隐患"},
      {CountyMsg::kTotalHazardsRectified, "已整改隐患"},
      {CountyMsg::kTotalHazardsOverdue, "逾期隐患"},
      {CountyMsg::kTotalHazardsClosed, "已销号隐患"},
      {CountyMsg::kTotalMajorOpen, "未销号重大隐患"},
      {CountyMsg::kTotalMajorOverdue, "逾期重大隐患"},
      {CountyMsg::kTotalRepeatFindings, "重复发现"},
      {CountyMsg::kTotalPhotosReferenced, "照片（登记）"},
      {CountyMsg::kTotalPhotosPending, "照片（待上传）"},
      {CountyMsg::kTotalEvidenceVerified, "证据已验证"},
      {CountyMsg::kTotalEvidencePending, "证据待验证"},
      {CountyMsg::kTotalEvidenceFailed, "证据验证失败"},
      {CountyMsg::kTotalQuarantined, "被拒收的更改"},
      {CountyMsg::kTotalConflicts, "冲突"},
      {CountyMsg::kTotalBackupAge, "距上次备份（秒）"},
      {CountyMsg::kTotalSubjects, "检查对象"},
      {CountyMsg::kTotalSubjectsChecked, "已入户检查"},
      {CountyMsg::kTotalReturnVisitsDue, "待回访（无人在家）"},
      {CountyMsg::kTotalVisitsRefused, "拒绝入户"},
      {CountyMsg::kTotalMajorFound, "发现重大隐患"},
      {CountyMsg::kTotalMajorRectified, "重大隐患已整改待销号"},
      {CountyMsg::kTotalMajorClosed, "重大隐患已销号"},
      {CountyMsg::kTotalHazardsDue, "到期应整改隐患"},
      {CountyMsg::kTotalRectifiedOnTime, "按期整改隐患"},
      {CountyMsg::kReportRates,
       "入户检查率 {0}（{1} / {2}），待回访 {3}，拒绝入户 {4}；重大隐患清零率 {5}（已销号 {6} / "
       "发现 {7}）"},
      {CountyMsg::kReportOnTime, "；按期整改率 {0}（{1} / {2}）\n"},
      {CountyMsg::kReportMajorByUnit,
       "  重大隐患 {0}：未销号 {1}，已整改 {2}，已销号 {3}，逾期 {4}"},
      {CountyMsg::kServing, "qiaomen-county：{0} 的服务已在 {1} 启动。"},
      {CountyMsg::kServeNoTls,
       "qiaomen-county：警告：在 {0} 上监听却没有 TLS。手机拒绝用明文 http 连接远程服务器，"
       "令牌也会明文经过网络：请加 --tls-cert 和 --tls-key，或在前面放一个 TLS 代理并只监听 "
       "127.0.0.1。"},
      {CountyMsg::kServeNoBundleKey,
       "qiaomen-county：县里的离线包私钥 {0} 不在这台机器上：恢复它之前这里无法导入离线包"
       "（见 `qiaomen-county bundle-key --help`）。"},
      {CountyMsg::kServeStoppedAtDeadline,
       "qiaomen-county：到了收尾期限才停止；还有 {0} 个连接没有得到回答。"},
      {CountyMsg::kServeStopped, "qiaomen-county：已处理完进行中的请求，服务已停止。"},
      {CountyMsg::kDateNotADay, "{0} {1} 不是真实存在的日期：请写成 YYYY-MM-DD，例如 2026-12-01。"},
      {CountyMsg::kDueBadDays, "--due {0} 应写成 +天数（最多 9999），例如 +14。"},
      {CountyMsg::kDuePast,
       "--due {0} 早于县里的今天（{1}）：请给一个更晚的日期，或从今天算起的 +天数，例如 +14。"},
      {CountyMsg::kServePortInUse,
       "{0} 上的端口 {1} 已被另一个程序占用（也许另一个 qiaomen-county serve 正在运行）："
       "先停掉它，或用 --listen 换一个端口，例如 --listen {0}:8444。"},
      {CountyMsg::kBundleOldFormat,
       "警告：{0} 是旧格式的离线包，用设备令牌加密，拿到县数据库副本的人都能读它。请更新 {1} "
       "手机上的应用并同步一次：以后的离线包会用县里的离线包密钥封装。\n"},
      {CountyMsg::kBundleImported,
       "已导入 {0}（{1}）的离线包：应用 {2} 项更改，{3} 项已有，拒收 {4} 项；保存 {5} 张照片，"
       "{6} 张已有。\n"},
      {CountyMsg::kBundleRejectedLine, "  拒收 {0}\n"},
      {CountyMsg::kBundleNotReached,
       "  有 {0} 项更改没有读到（设备的更改中间有缺口）；请让这台设备同步。\n"},
      {CountyMsg::kBundleKeyReplaced,
       "已生成新的县离线包密钥。设备下次同步时收到它；请重启正在运行的服务，让它们发出新密钥。"
       "请把 {0} 与数据库分开备份。\n"},
      {CountyMsg::kBundleKeySecret, "私钥：{0}"},
      {CountyMsg::kBundleKeyMissing, "（不在：请从备份恢复）"},
      {CountyMsg::kBundleKeyFingerprint, "\n公钥指纹：{0}\n"},
      {CountyMsg::kQuarantineNone, "没有被拒收的更改。\n"},
      {CountyMsg::kQuarantineLine, "#{0} {1} {2}，来自 {3}（设备 {4}，第 {5} 项更改）"},
      {CountyMsg::kQuarantineOf, "{1} 的{0}"},
      {CountyMsg::kQuarantineAcceptedSince, "，已重新发送并被接收"},
      {CountyMsg::kQuarantineReason, "\n    [{0}] {1}\n"},
      {CountyMsg::kRevokedWorkNone, "没有来自吊销期间的工作。\n"},
      {CountyMsg::kRevokedWorkPeriod, "设备 {0}（{1}）：{2} 被吊销，{3} 重新注册\n"},
      {CountyMsg::kRevokedWorkLine, "  #{0} {1}：手机上 {2} 记录，县里 {3} 收到；{4}\n"},
      {CountyMsg::kRevokedWorkMadeWhileRevoked, "吊销期间记录的，请核实"},
      {CountyMsg::kRevokedWorkKept, "吊销前记录、当时未发送的"},
      {CountyMsg::kSummaryRevokedWork, "被吊销的设备重新注册后送来的工作，供复核"},
      {CountyMsg::kUnknownDevice, "（未知设备）"},
      {CountyMsg::kEntitySubject, "对象"},
      {CountyMsg::kEntityTask, "任务"},
      {CountyMsg::kEntityVisit, "走访"},
      {CountyMsg::kEntityPhoto, "照片"},
      {CountyMsg::kEntityHazard, "隐患"},
      {CountyMsg::kEntityHazardEvent, "隐患处理步骤"},
      {CountyMsg::kEntityCampaign, "检查活动"},
      {CountyMsg::kEntityAdminUnit, "行政单位"},
      {CountyMsg::kStaffSaved, "管理账号 {0}（{1}，{2}）已保存。\n"},
      {CountyMsg::kPasswordPrompt, "{0} 的新密码："},
      {CountyMsg::kPasswordSet, "{0} 的密码已设置；它打开的登录会话都已结束。\n"},
      {CountyMsg::kWorkersColumns, "工号|姓名|角色|范围|在用设备"},
      {CountyMsg::kDevicesColumns,
       "设备编号|工号|姓名|设备名|状态|注册时间|最后同步|最后收到更改|吊销后重新注册"},
      {CountyMsg::kCampaignsColumns, "编号|名称|检查表|范围|截止日期|创建时间"},
      {CountyMsg::kChecklistsColumns, "编号|版本|名称|对象类型|检查项|发布时间"},
      {CountyMsg::kNoWorkers, "还没有工作人员。用 `qiaomen-county add-worker` 添加。"},
      {CountyMsg::kNoDevices, "还没有注册的设备。"},
      {CountyMsg::kNoCampaigns, "还没有检查活动。用 `qiaomen-county campaign create` 创建。"},
      {CountyMsg::kNoChecklists, "还没有发布检查表。用 `qiaomen-county publish-template` 发布。"},
      {CountyMsg::kNever, "从未"},
      {CountyMsg::kDeviceActive, "在用"},
      {CountyMsg::kDeviceStateRevoked, "已吊销"},
      {CountyMsg::kDeviceReinstated, "在用（曾吊销）"},
      {CountyMsg::kRoleGridWorker, "网格员"},
      {CountyMsg::kRoleInspector, "检查员"},
      {CountyMsg::kRoleTownship, "乡镇管理员"},
      {CountyMsg::kRoleCounty, "县级管理员"},
      {CountyMsg::kHelpIntro,
       "qiaomen-county — 敲门 县服务器及其管理命令\n\n用法：qiaomen-county 命令 "
       "[选项]\n\n命令：\n"},
      {CountyMsg::kHelpShowThis, "显示本说明"},
      {CountyMsg::kHelpVersion, "显示版本"},
      {CountyMsg::kHelpFooter,
       "\n每个命令都接受 --help。用到数据目录的命令要 --data DIR（PostgreSQL 还要\n--db "
       "postgresql://...，除非 `init --db` 已保存）。给人看的文字默认是中文；--lang en "
       "或\n语言环境（LANGUAGE、LC_ALL、LC_MESSAGES、LANG）为 en* 时是英文；--format json 和 "
       "csv\n的键保持英文。\n\n"},
      {CountyMsg::kSummaryBackup,
       "在服务运行时备份数据库和照片；`backup verify PATH` 检查一个备份"},
      {CountyMsg::kSummaryRestore, "把备份恢复到新的数据目录（和数据库），并开始新的纪元"},
      {CountyMsg::kSummaryImportBundle, "导入设备用离线包带来的更改和照片（完全没有信号时）"},
      {CountyMsg::kSummaryBundleKey, "显示或更换县里的离线包密钥（设备用它封装离线包）"},
      {CountyMsg::kSummaryCampaign, "创建检查活动：范围内每个对象一项任务"},
      {CountyMsg::kSummaryHazard, "县里对隐患的处理步骤：复查、销号、挂牌督办"},
      {CountyMsg::kSummaryImportSubjects,
       "从 CSV 导入住户、场所和设施（要么全部导入，要么都不导入）"},
      {CountyMsg::kSummaryWorkers, "列出工作人员及其角色、范围和设备"},
      {CountyMsg::kSummaryDevices, "列出已注册的设备及其人员和最后同步时间"},
      {CountyMsg::kSummaryCampaigns, "列出检查活动"},
      {CountyMsg::kSummaryChecklists, "列出已发布的检查表及其版本"},
      {CountyMsg::kSummaryQuarantine, "列出服务器拒收的更改及原因"},
      {CountyMsg::kSummaryReport, "覆盖率、隐患、逾期、重复发现、待上传照片、证据"},
      {CountyMsg::kSummaryConflicts, "冲突记录，供复核"},
      {CountyMsg::kSummaryServe,
       "运行 HTTP 接口（同步、注册、照片上传、健康检查、指标）和网页控制台"},
      {CountyMsg::kSummaryInit, "创建数据目录（数据库、照片库、服务器身份）"},
      {CountyMsg::kSummarySetTimeZone, "设置县里的时区（IANA 名称，如 Asia/Shanghai）"},
      {CountyMsg::kSummaryAddWorker, "添加或更新一名工作人员及其角色和范围"},
      {CountyMsg::kSummaryEnrollCode, "为工作人员的设备打印一次性注册码（24 小时有效）或其二维码"},
      {CountyMsg::kSummaryRevokeDevice, "吊销一台设备的令牌"},
      {CountyMsg::kSummaryAddStaff, "添加或更新网页控制台账号（乡镇或县级管理人员）"},
      {CountyMsg::kSummarySetPassword, "设置网页控制台账号的密码（在终端输入）"},
      {CountyMsg::kSummaryPublishTemplate, "检查并发布一个检查表模板（JSON）"},
      {CountyMsg::kFailDatabaseUnreachable,
       "连不上数据库：请确认 --db（或 init 时保存的地址）正确、PostgreSQL 正在运行，然后再运行这个"
       "命令。什么都没有改变。加 --verbose 看详情。"},
      {CountyMsg::kFailDetail, "详情：{0}"},
      // Issue 16: urgency and suspected major hazards.
      {CountyMsg::kTotalMajorSuspected, "疑似重大隐患待判定"},
      {CountyMsg::kReportSuspectedByUnit, "  疑似重大隐患待判定 {0}"},
      {CountyMsg::kReportOpenByUrgency, "\n未销号隐患（按整改时限）\n"},
      {CountyMsg::kReportByPremisesType, "\n按场所类型\n"},
      {CountyMsg::kReportPremisesTypeLine,
       "  {0}：对象 {1}，已检查 {2}；隐患 {3}（未销号 {4}）；重大隐患 {5}（未销号 {6}）\n"},
      {CountyMsg::kReportCampaign, "专项行动：{0}（只计本行动的对象）\n"},
      {CountyMsg::kReportCsvHeader, "分类,代码,名称,对象数,已走访,数值"},
      {CountyMsg::kUsageBackup,
       "用法：qiaomen-county backup --data 目录 --to 路径 [--db postgresql://...]\n"
       "      qiaomen-county backup verify 路径\n"
       "\n"
       "把数据库的一致快照（SQLite 用在线备份接口；PostgreSQL 用 pg_dump --format=custom，在 PATH "
       "或\n"
       "/usr/lib/postgresql/N/bin 里找）写入目录“路径”，复制路径里还没有的照片（每张都核对 "
       "SHA-256），\n"
       "最后写 路径/manifest.json：没有它的备份是不完整的。备份时服务可以继续运行。\n"
       "再次备份到同一路径只复制新照片，并在新清单替换旧清单之前保持上一次备份完整。县里的离线包私"
       "钥\n"
       "不在备份里：请另外保管（docs/operations.md）。\n"
       "`backup verify 路径` 按清单核对每一部分并列出问题；备份无法恢复时退出码为 1。\n"},
      {CountyMsg::kUsageRestore,
       "用法：qiaomen-county restore --from 路径 --data 目录 [--db postgresql://...] [--force]\n"
       "\n"
       "先核对“路径”里的备份（损坏或不完整的会被拒绝，什么都不写），再把照片和数据库恢复到目录里："
       "\n"
       "SQLite 恢复为 目录/county.db；PostgreSQL 备份恢复到 --db 指定的空数据库（记在 "
       "目录/database-url）。\n"
       "目录或数据库不是空的会被拒绝，除非加 --force；请先停掉服务。\n"
       "恢复后的服务换一个新纪元：设备会把备份里缺的内容重新发送。之后把保存的 county-bundle.key "
       "复制到\n"
       "目录里。\n"},
      {CountyMsg::kUsageImportBundle,
       "用法：qiaomen-county import-bundle --data 目录 [--bundle-key 密钥文件] 文件\n"
       "\n"
       "文件是设备上用 `qiaomen export-bundle 文件` "
       "写出的。先用设备注册时的密钥核对签名，再用县里的\n"
       "离线包私钥（目录/county-bundle.key，除非 --bundle-key "
       "指明保存在别处）打开，然后像同步一样\n"
       "应用（范围、合并规则、走访检查）。同一个离线包再导入一次，或设备已经同步过其中的更改，都不"
       "会\n"
       "改变任何东西。旧格式的离线包（用设备令牌加密的）仍然可以导入，但会给出警告。\n"},
      {CountyMsg::kUsageBundleKey,
       "用法：qiaomen-county bundle-key --data 目录 [--replace]\n"
       "\n"
       "设备用县里的离线包公钥封装离线包，公钥在注册时和每次同步时下发。私钥是文件\n"
       "目录/county-bundle.key，从不存进数据库：请和数据库分开备份（docs/operations.md）。\n"
       "密钥对由 `init` 生成，或在旧版本县服务器第一次启动时生成。\n"
       "不带选项时显示私钥的位置和公钥指纹。\n"
       "--replace 生成一对新密钥，用于私钥丢失或泄露：旧文件保留为 "
       "目录/county-bundle.key.replaced-毫秒；\n"
       "设备在下次同步时收到新公钥，用旧公钥封装的离线包只能用保留的旧文件打开（--bundle-"
       "key）。\n"},
      {CountyMsg::kUsageCampaign,
       "用法：qiaomen-county campaign create --data 目录 --id 编号 --title 标题\n"
       "         --template 检查表[,检查表...] --scope 范围 --due YYYY-MM-DD|+天数\n"
       "         [--premises-type 类型[,类型...]] [--tag 标签[,标签...]]\n"
       "\n"
       "建立行动，并为范围（county、town:镇 或 "
       "grids:网格1,网格2）内的每个对象、按适用于该类对象的\n"
       "每张检查表各建一个任务（住户检查表不给场所或设施建任务）。检查表必须先发布。--due +14 "
       "表示\n"
       "县时区今天之后的第 14 天。--premises-type restaurant 只针对对象 CSV "
       "里场所类型为该类型的对象\n"
       "（shop、restaurant、hotel、school、elderly_home……或中文名，例如 餐饮场所）；--tag "
       "elderly_alone\n"
       "只针对带有其中某个标签的对象。\n"},
      {CountyMsg::kUsageHazard,
       "用法：qiaomen-county hazard 步骤 隐患编号 --data 目录 --by 名称 [--note 说明]\n"
       "\n"
       "步骤是以下之一：\n"
       "  reinspect         复查合格：整改有效（在网格员记录整改之后）\n"
       "  reinspect-failed  复查不合格：退回限期整改，网格员重新整改\n"
       "  close             销号：关闭复查合格的隐患\n"
       "  escalate          挂牌督办：县里直接督办整改\n"
       "  open-case         立案查处：对责任方立案\n"
       "  suspect-major     疑似重大隐患：待消防救援大队或主管部门认定\n"
       "  confirm-major     判定为重大隐患：认定为重大（按重大隐患统计）\n"
       "  downgrade-major   判定为一般隐患：认定为一般\n"
       "\n"
       "这一步作为县里自己的更改记入隐患的历史，带上名称和说明，并在下次同步时到达辖区内有这条隐患"
       "的\n"
       "每台设备。隐患当前状态不允许的步骤（销号一条还没复查的）会被拒绝，并说明原因。\n"},
      {CountyMsg::kUsageImportSubjects,
       "用法：qiaomen-county import-subjects --data 目录 文件.csv\n"
       "\n"
       "文件.csv 第一行是表头，列为 "
       "external_id、kind、town、village、grid、name、address、phone、\n"
       "members、tags（顺序不限）。kind 是 household（住户）、premises（场所）或 "
       "facility（设施）或 village（村自己的记录，如没有应急避难场所的村）；\n"
       "town/village/grid 填编号，也可以写成 编号:名称（需要时自动建立）；tags "
       "之间用“;”分隔。可选的\n"
       "premises_type "
       "列给出场所或设施的类型（shop、restaurant、hotel、entertainment、internet_cafe、\n"
       "beauty、bathhouse、clinic、school、kindergarten、elderly_home、workshop、warehouse、ebike_"
       "site、\n"
       "shelter，或中文名，例如 餐饮场所），`campaign create --premises-type` "
       "按它选对象；没有这一列的\n"
       "文件保留以前导入的类型。UTF-8（Excel 的“CSV UTF-8”）直接读取；中文 Excel 存的普通 "
       "CSV（GBK）\n"
       "会自动转换。只要有一行有问题就什么都不导入，并列出每一个有问题的行。\n"
       "同一个文件再导入一次不会改变任何东西（按 external_id 对应）。\n"},
      {CountyMsg::kUsageWorkers,
       "用法：qiaomen-county workers --data 目录 [--format text|json]\n"
       "\n"
       "列出每个工作人员：编号、姓名、角色、范围和未吊销的已注册设备数。\n"},
      {CountyMsg::kUsageDevices,
       "用法：qiaomen-county devices --data 目录 [--format text|json]\n"
       "\n"
       "列出每台已注册的设备：编号（`revoke-device` 和 `enroll-code --device` "
       "用的就是它）、工作人员、\n"
       "名称、是否已吊销（或曾被吊销后重新注册：它那段时间的工作值得复核，见 `revoked-work`）、\n"
       "注册时间、上次同步时间（只接收也算）和服务器上次收到它的更改的时间，都是县时间。\n"},
      {CountyMsg::kUsageCampaigns,
       "用法：qiaomen-county campaigns --data 目录 [--format text|json]\n"
       "\n"
       "列出每个行动：编号、标题、检查表、范围、截止日期和建立时间（县时间）。\n"},
      {CountyMsg::kUsageChecklists,
       "用法：qiaomen-county checklists --data 目录 [--format text|json]\n"
       "\n"
       "列出每个已发布的检查表版本：编号、版本、标题、适用的对象类型、检查项数量和发布时间（县时间"
       "）。\n"},
      {CountyMsg::kUsageQuarantine,
       "用法：qiaomen-county quarantine --data 目录 [--format text|json]\n"
       "\n"
       "设备推送而被服务器拒收的每一项更改（检查表不通过或用了未发布版本的走访、签名不对、超出工作"
       "人员\n"
       "范围的记录）都带着原因保留在这里；设备在同步回复里得到同样的原因。\n"
       "每一项都显示它涉及的住户、发送它的工作人员和设备，以及收到的时间（县时间）。设备重新发送、"
       "\n"
       "服务器随后接受了的，会标记出来；和走访一起被拒的照片或隐患步骤，在走访被接受后一并接受\n"
       "（`qiaomen quarantine resend` 会把它们一起发送）。\n"},
      {CountyMsg::kUsageReport,
       "用法：qiaomen-county report --data 目录 [--town 镇] [--date YYYY-MM-DD] [--campaign 编号]\n"
       "         [--format text|json|csv|xlsx] [--out 文件.xlsx] [--lang zh|en]\n"
       "\n"
       "覆盖率统计至少走访过一次的对象（给了 --date "
       "时，按县时区的那一天）占全部对象的比例，按镇、村、\n"
       "网格，并列出走访结果；按类别和等级统计隐患；未销号、逾期和已销号的隐患；重复发现（同一对象"
       "\n"
       "两次触发同一规则）；已引用但未上传的照片；走访证据已核验（签名和全部照片）、待核验（缺照片"
       "）\n"
       "或核验失败。\n"
       "--date 同时只统计那一天发现的隐患；--campaign "
       "只统计该行动有任务的对象（用它自己的分母）。\n"
       "csv 是带字节顺序标记的 UTF-8，表头用报表的语言，供电子表格使用。xlsx 把 Excel 工作簿写到\n"
       "--out：一张总表，每种分类（镇、村、网格、类别和等级、状态、时限、场所类型）各一张表，\n"
       "表头用报表的语言。\n"},
      {CountyMsg::kUsageConflicts,
       "用法：qiaomen-county conflicts --data 目录 [--format text|json|csv]\n"
       "\n"
       "列出合并时落选的每一个值：记录、字段、保留的值和落选的值、它来自的设备以及采用的规则。\n"},
      {CountyMsg::kUsageRevokedWork,
       "用法：qiaomen-county revoked-work --data 目录 [--format text|json]\n"
       "\n"
       "被吊销的设备在乡镇工作人员放行后（enroll-code --worker 编号 --device "
       "设备编号）会把留着的工作\n"
       "发来。重新注册后发来的、县里在吊销前还没有收到的每一项更改都列在这里供复核，按设备和吊销分"
       "组：\n"
       "是什么、哪一户、在手机上什么时候记录、什么时候到达（县时间），以及是吊销前记录的（当时未发"
       "送）\n"
       "还是吊销期间记录的（请核实：县里当时已经不再信任那台手机）。\n"},
      {CountyMsg::kUsageServe,
       "用法：qiaomen-county serve --data 目录 --listen 主机:端口 [--db postgresql://...]\n"
       "         [--tls-cert 文件 --tls-key 文件] [--ready-file 文件] [--workers 数量]\n"
       "         [--rate-limit 每秒] [--rate-burst 数量] [--max-body 字节]\n"
       "         [--drain-timeout 秒] [--max-connections 数量] [--max-connections-per-address "
       "数量]\n"
       "         [--min-body-rate 每秒字节] [--anonymous-rate-limit 每秒]\n"
       "         [--anonymous-rate-burst 数量] [--public-url 网址]\n"
       "\n"
       "乡镇和县里工作人员用的网页控制台在同一地址的 /console/ "
       "下（账号：add-staff、set-password）。\n"
       "--public-url 网址是手机访问本服务器的地址（如 "
       "https://county.example.cn），控制台的注册二维码\n"
       "带的就是它；不给时，只有浏览器用的是本机地址或 --listen "
       "地址才放进二维码，否则只给文字注册码。\n"
       "端口 0 表示自动选一个空闲端口；地址会打印出来，给了 --ready-file "
       "时在服务开始接受连接后写入文件。\n"
       "--rate-limit 按设备限速（0 表示不限；默认每秒 50 个请求，突发 200）。收到 SIGTERM 或 "
       "SIGINT\n"
       "后停止接受新连接，处理完进行中的请求（包括还在到达的请求体）后以 0 退出；超过 "
       "--drain-timeout\n"
       "秒（默认 25）还没关闭的连接会被丢弃。\n"
       "防止资源耗尽的限制：先检查令牌再读请求体；最多 "
       "--max-connections（2048）个连接，同一地址最多\n"
       "--max-connections-per-address（128）个；请求体在 10 秒宽限后必须以 --min-body-rate（每秒 "
       "1024\n"
       "字节）以上的速度到达；没有有效令牌的请求（注册、健康检查、错误令牌）按地址限速\n"
       "--anonymous-rate-limit（每秒 10 个，突发 --anonymous-rate-burst 60）。每项设为 0 "
       "即关闭。\n"},
      {CountyMsg::kUsageInit,
       "用法：qiaomen-county init --data 目录 [--name 名称] [--time-zone 时区]\n"
       "         [--db postgresql://...]\n"
       "\n"
       "建立目录：数据库（SQLite 为 目录/county.db，除非 --db 指定 PostgreSQL，那时记在\n"
       "目录/database-url）、照片库、新的服务器编号和纪元，以及县里的离线包密钥对：设备用公钥封装\n"
       "离线包，私钥是文件 目录/county-bundle.key，不在数据库里。请把这个文件和数据库分开备份（见\n"
       "`qiaomen-county bundle-key --help`）。\n"
       "时区是县里的 IANA 时区（默认 "
       "Asia/Shanghai）：报表的日期、截止日期和设备上的“今天”都按它算。\n"
       "已初始化的目录不会被改动。\n"},
      {CountyMsg::kUsageSetTimeZone,
       "用法：qiaomen-county set-time-zone --data 目录 时区\n"
       "\n"
       "时区是 IANA 时区名，例如 Asia/Shanghai 或 "
       "Asia/Urumqi。报表、行动截止日期和每台设备都按这个\n"
       "时区计算县里的日期；设备在下次同步时收到它。正在运行的服务重启后才使用新时区。\n"},
      {CountyMsg::kUsageAddWorker,
       "用法：qiaomen-county add-worker --data 目录 --id 编号 --name 姓名\n"
       "         --role grid_worker|inspector|township|county --scope 范围\n"
       "\n"
       "范围是 `county`、`town:镇编号` 或 "
       "`grids:网格编号[,网格编号...]`；这些单位必须已经存在（由\n"
       "import-subjects 建立）。再运行一次会更新这个工作人员。\n"},
      {CountyMsg::kUsageEnrollCode,
       "用法：qiaomen-county enroll-code --data 目录 --worker 编号 [--device 设备编号]\n"
       "         [--qr 文件.png --server 地址 [--tls-cert 文件 | --pin-sha256 哈希]]\n"
       "\n"
       "打印一个一次性注册码。设备要在 24 小时内把它发到 POST /v1/enroll。服务器只保存它的哈希。\n"
       "注册码用来注册新的设备；加 --device（UUID 或 32 "
       "位十六进制）则改为重新注册那台已注册的设备，\n"
       "且只对它有效（用于丢了令牌的手机，或被吊销后放行的手机：它保留档案并发送未发送的工作；\n"
       "`devices` 会标记它为吊销后重新注册，`revoked-work` 列出它那段时间的工作）。\n"
       "\n"
       "加 --qr 时还在终端上画出二维码并写入 文件.png，里面是 "
       "--server（手机访问这台服务器用的地址）、\n"
       "注册码和服务器公钥指纹：由 --tls-cert（serve 的 --tls-cert 用的证书）算出，或用 "
       "--pin-sha256\n"
       "（sha256//BASE64）给出。应用拍下它就能注册。\n"},
      {CountyMsg::kUsageRevokeDevice,
       "用法：qiaomen-county revoke-device --data 目录 设备编号\n"
       "\n"
       "设备编号是设备的 UUID 或 32 位十六进制。它的令牌立即失效。\n"},
      {CountyMsg::kUsageAddStaff,
       "用法：qiaomen-county add-staff --data 目录 --id 编号 --name 姓名\n"
       "         --role township|county --scope 范围\n"
       "\n"
       "乡镇工作人员的范围是 town:镇编号，只看得到本镇；县里工作人员的范围是 "
       "county。镇必须已经存在\n"
       "（由 import-subjects "
       "建立）。再运行一次会更新姓名、角色和范围，密码不变。账号设置密码后才能在\n"
       "/console/ 登录：见 set-password。\n"},
      {CountyMsg::kUsageSetPassword,
       "用法：qiaomen-county set-password --data 目录 --id 编号\n"
       "\n"
       "不显示地询问两遍新密码；标准输入不是终端时，从标准输入的第一行读取。密码从不作为选项给出："
       "\n"
       "命令行对其他用户是可见的。至少 10 个字符。只保存 Argon2id "
       "哈希，这个账号所有已登录的控制台\n"
       "会话都会结束。\n"},
      {CountyMsg::kUsagePublishTemplate,
       "用法：qiaomen-county publish-template --data 目录 文件.json|文件.xlsx|文件夹\n"
       "\n"
       "用表单检查器检查检查表，有问题就拒绝并列出每一个问题；否则保存为 编号@版本。\n"
       "用同一编号和版本再发布不同的内容会被拒绝：请提高版本号。\n"
       "文件.json 是 ChecklistTemplate 的 JSON 形式；文件.xlsx 是 XLSForm "
       "布局的工作簿（settings、\n"
       "survey、choices、hazards 四张表，见 "
       "docs/checklist-workbooks.md）；文件夹里是同样的四张表，\n"
       "存为 settings.csv、survey.csv、choices.csv 和 hazards.csv（UTF-8）。工作簿的问题按表、\n"
       "单元格和列指出，如 survey!F12（relevant）。\n"},
      {CountyMsg::kUsageExportTemplate,
       "用法：qiaomen-county export-template --data 目录 编号 [--version N] --xlsx 文件.xlsx\n"
       "      qiaomen-county export-template --json 文件.json --xlsx 文件.xlsx\n"
       "\n"
       "把检查表（编号的最高已发布版本，或 --version N）写成工作簿，publish-template "
       "读回来是同一个\n"
       "检查表；用 --json 时写的是 JSON 文件里的检查表（先检查）。./run checklist-workbooks "
       "就是这样\n"
       "重新生成 checklists/xlsx/ 的。\n"},
      {CountyMsg::kBackupProgressCopied, "已处理照片 {0}/{1}"},
      {CountyMsg::kBackupProgressChecked, "已核对 {0}/{1} 个部分"},
      {CountyMsg::kBackupProgressRestored, "已恢复照片 {0}/{1}"},
      {CountyMsg::kBackupSnapshot,
       "数据库快照 {0}（{1}，{2} 字节）：{3} 条记录，{4} 项更改，{5} 台设备。"},
      {CountyMsg::kBackupPhotoDamaged,
       "警告：照片 {0} 已损坏（内容与它的 SHA-256 不符），没有放进备份。"},
      {CountyMsg::kBackupPhotosCopied, "复制了 {0} 张新照片，{1} 张已在备份里。"},
      {CountyMsg::kBackupNotNoted,
       "警告：备份是完整的，但县数据库没能记下它（{0}）；报表里不会显示它。请稍后再备份一次。"},
      {CountyMsg::kBackupComplete,
       "备份已完成，在 {0}（清单最后写入）。用 `qiaomen-county backup verify {0}` 核对它。"},
      {CountyMsg::kBackupPartNotAName, "损坏：{0} 不是备份里应有的文件名。"},
      {CountyMsg::kBackupPartMissing, "损坏：{0} 不见了。"},
      {CountyMsg::kBackupPartUnreadable, "损坏：{0} 无法读取（{1}）。"},
      {CountyMsg::kBackupPartWrongSize, "损坏：{0} 有 {1} 字节，应为 {2}（被截断或改动过）。"},
      {CountyMsg::kBackupPartAltered, "损坏：{0} 被改动过（SHA-256 与清单不符）。"},
      {CountyMsg::kBackupWhole,
       "{0} 中的备份完整：{1} 个部分与清单一致（{2}，{3} 条记录，{4} 项更改，{5} 张照片）。"},
      {CountyMsg::kBackupRestored,
       "已把 {0} 从 {1}（县时间）的备份恢复到 {2}：{3} 条记录，{4} 项更改，{5} 张照片。新纪元 "
       "{6}：设备在下次同步时会重新发送备份里缺的内容。"},
      {CountyMsg::kBackupBundleKeyMissing,
       "县里的离线包私钥不在备份里：导入离线包之前，请把保存的 county-bundle.key 复制到 {0}。"},
      // Issue 23: checklists as workbooks, reports as Excel.
      {CountyMsg::kSummaryExportTemplate, "把已发布的检查表导出为 Excel 工作簿（.xlsx）"},
      {CountyMsg::kTemplateExported, "已把检查表 {0} 第 {1} 版写入 {2}。\n"},
      {CountyMsg::kWorkbookUnreadable, "无法读取 {0}，未发布任何内容：{1}"},
      {CountyMsg::kWorkbookRefused,
       "{0} 有 {1} 处问题，检查表未发布。请逐条改正（工作表!单元格 （列））后重新发布：\n"},
      {CountyMsg::kWorkbookProblemLine, "  {0}：{1}\n"},
      {CountyMsg::kSheetMissing, "缺少工作表“{0}”：请添加这个工作表，第一行写列名：{1}"},
      {CountyMsg::kSheetColumnMissing, "缺少列“{0}”：第一行应写列名，本表的列为：{1}"},
      {CountyMsg::kSheetColumnUnknown,
       "不认识的列“{0}”（可能拼错了）：本表的列为：{1}；请改正列名或删除这一列"},
      {CountyMsg::kSheetNoSettingsRow,
       "settings 工作表第 2 行没有内容：请在列名下面一行填写检查表编号、版本和对象类型"},
      {CountyMsg::kSheetNoType, "这一行没有 type（题型）：请填写题型，或删除这一行"},
      {CountyMsg::kSheetNoName, "没有 name（编号）：请填写小写字母、数字和下划线组成的编号"},
      {CountyMsg::kSheetUnknownType,
       "题型“{0}”无法用于敲门检查表；可用：yes_no_na、select_one 列表、select_multiple 列表、"
       "integer、decimal、text、date、image、signature、geopoint、calculate、begin_group、"
       "end_group"},
      {CountyMsg::kSheetRepeatNotYet,
       "这里不读 {0}：工作簿还不支持 choice_filter（请删除），repeat_count 和 instance_label "
       "只能写在 "
       "begin_repeat 那一行"},
      {CountyMsg::kSheetNoteNotYet, "本版本尚不支持说明文字（note）：请把说明写进相邻题目的 hint"},
      {CountyMsg::kSheetGroupNested,
       "分组不能嵌套（一个分组就是检查表的一节）：请先用 end_group 结束第 {1} 行的分组“{0}”"},
      {CountyMsg::kSheetEndWithoutBegin,
       "end_group 前面没有对应的 begin_group：请删除它或补上 begin_group"},
      {CountyMsg::kSheetGroupNotEnded, "分组“{0}”没有结束：请在它的最后一题后加一行 end_group"},
      {CountyMsg::kSheetOutsideGroup,
       "这道题不在任何分组里：每道题都属于检查表的一节，请在它前后加 begin_group 和 end_group 行"},
      {CountyMsg::kSheetUnknownList,
       "choices 工作表里没有选项列表“{0}”：请在 choices 表中添加 list_name 为“{0}”的选项"},
      {CountyMsg::kSheetChoiceWithoutList, "选项没有 list_name：请填写它所属的选项列表名"},
      {CountyMsg::kSheetNotANumber, "“{0}”不是数字：请填写数字，如 0、1.5"},
      {CountyMsg::kSheetNotACount, "“{0}”不是非负整数：请填写 0、1、2……"},
      {CountyMsg::kSheetNotYesNo, "“{0}”不是“是/否”：请填写 yes 或 no（或留空表示否）"},
      {CountyMsg::kSheetBadSeverity,
       "等级“{0}”无效：请填写 GENERAL（一般隐患）或 MAJOR（重大隐患）"},
      {CountyMsg::kSheetBadUrgency,
       "紧急程度“{0}”无效：请填写 IMMEDIATE（立即整改）、SAME_DAY（当日整改）或 "
       "BY_DEADLINE（限期整改）"},
      {CountyMsg::kSheetBadSubjectKind,
       "对象类型“{0}”无效：请填写 HOUSEHOLD（住户）、PREMISES（场所）或 FACILITY（设施）"},
      {CountyMsg::kSheetActionsMismatch,
       "中文处置步骤有 {0} 行，英文有 {1} 行：每一步在两列中各占一行（单元格内换行分隔）"},
      {CountyMsg::kSheetCalculationOnItem,
       "只有 calculate 行才有 calculation：请删除它，或把题型改为 calculate"},
      {CountyMsg::kCheckerProblem, "{0}"},
      {CountyMsg::kXlsxWritten, "报表已写入 {0}。\n"},
      {CountyMsg::kXlsxSheetTotals, "总计"},
      {CountyMsg::kXlsxSheetTowns, "按镇"},
      {CountyMsg::kXlsxSheetVillages, "按村"},
      {CountyMsg::kXlsxSheetGrids, "按网格"},
      {CountyMsg::kXlsxSheetCategories, "按类别和等级"},
      {CountyMsg::kXlsxSheetStatus, "按状态"},
      {CountyMsg::kXlsxSheetUrgency, "未销号隐患按紧急程度"},
      {CountyMsg::kXlsxSheetPremisesTypes, "按场所类型"},
      {CountyMsg::kXlsxTotalsColumns, "指标|代码|数值"},
      {CountyMsg::kXlsxUnitColumns, "代码|名称|对象数|已走访"},
      {CountyMsg::kXlsxMajorColumns,
       "重大隐患|未销号重大隐患|已整改重大隐患|已销号重大隐患|逾期重大隐患|疑似重大隐患"},
      {CountyMsg::kXlsxCategoryColumns, "类别|等级|代码|隐患数"},
      {CountyMsg::kXlsxCodeCountColumns, "名称|代码|隐患数"},
      {CountyMsg::kXlsxPremisesColumns,
       "场所类型|代码|对象数|已检查|发现隐患|未销号隐患|重大隐患|未销号重大隐患"},
      // Issue 16: door-knocking and village records.
      {CountyMsg::kTotalReturnVisits, "回访"},
      {CountyMsg::kTotalRefusalsEscalated, "拒绝入户已提请村委会协助"},
      {CountyMsg::kTotalNoticesDelivered, "告知书已送达"},
      {CountyMsg::kTotalVillagesWithoutShelter, "无应急避难场所的村"},
      {CountyMsg::kTotalHazardsFixedOnSite, "当场整改"},
      {CountyMsg::kReportRefusalsByReason, "\n拒绝入户（按原因）\n"},
  };
  return kMessages;
}

}  // namespace qiaomen::server
