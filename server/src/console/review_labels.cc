#include "console/review_labels.h"

#include <cctype>
#include <map>

#include "qiaomen/v1/change.pb.h"

namespace qiaomen::server::console {
namespace {

std::string Find(const std::map<std::string_view, std::string_view>& table, std::string_view key) {
  auto it = table.find(key);
  return std::string(it == table.end() ? key : it->second);
}

}  // namespace

std::string EntityLabel(std::string_view entity_name) {
  static const std::map<std::string_view, std::string_view> kLabels = {
      {"subject", "住户资料"},  {"task", "检查任务"},       {"visit", "走访记录"},
      {"photo", "照片"},        {"hazard", "隐患"},         {"hazard_event", "隐患处理"},
      {"campaign", "检查活动"}, {"admin_unit", "行政区划"},
  };
  return Find(kLabels, entity_name);
}

std::string EntityName(int entity) {
  std::string name = v1::Entity_Name(static_cast<v1::Entity>(entity));
  if (name.rfind("ENTITY_", 0) == 0) name = name.substr(7);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name.empty() ? std::to_string(entity) : name;
}

std::string FieldLabel(std::string_view field) {
  static const std::map<std::string_view, std::string_view> kLabels = {
      {"name", "姓名/名称"},     {"phone", "电话"},           {"address", "地址"},
      {"members", "家庭成员"},   {"risk_tags", "风险标签"},   {"kind", "类型"},
      {"grid_id", "网格"},       {"severity", "隐患等级"},    {"deadline", "整改期限"},
      {"responsible", "责任人"}, {"description", "说明"},     {"category", "隐患类别"},
      {"worker_id", "负责人员"}, {"assignee", "负责人员"},    {"due_date", "截止日期"},
      {"status", "状态"},        {"external_id", "县里编号"},
  };
  return Find(kLabels, field);
}

std::string RuleLabel(std::string_view rule) {
  static const std::map<std::string_view, std::string_view> kLabels = {
      {"lww", "后改的为准"},
      {"severity_max", "取较高的等级"},
      {"update_beats_delete", "修改优先于删除（记录保留）"},
  };
  return Find(kLabels, rule);
}

std::string RefusalLabel(std::string_view code) {
  static const std::map<std::string_view, std::string_view> kLabels = {
      {"invalid_argument",
       "内容不符合要求（例如没通过检查表的校验），请网格员在手机上改正后重新提交。"},
      {"permission_denied",
       "超出了这名人员的权限或负责范围，或签名与设备不符；请核对人员的网格和角色。"},
      {"failed_precondition", "与县里已有的记录对不上（例如检查表版本未发布），请核对后重新提交。"},
      {"already_exists", "重复提交：县里已经有这条记录，一般无需处理。"},
      {"not_found", "找不到它所属的记录，请等相关记录同步后重新提交。"},
      {"unauthenticated", "设备没有通过验证（可能已被停用），请核对设备。"},
  };
  auto it = kLabels.find(code);
  return std::string(it == kLabels.end() ? "服务器拒收了这条修改，请核对后重新提交。" : it->second);
}

}  // namespace qiaomen::server::console
