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
      // Issue 16: urgency and suspected major hazards.
      {CountyMsg::kTotalMajorSuspected, "疑似重大隐患待判定"},
      {CountyMsg::kReportSuspectedByUnit, "  疑似重大隐患待判定 {0}"},
      {CountyMsg::kReportOpenByUrgency, "\n未销号隐患（按整改时限）\n"},
  };
  return kMessages;
}

}  // namespace qiaomen::server
