#include "qiaomen/core/domain/labels.h"

#include <array>
#include <string>
#include <utility>

#include "qiaomen/core/domain/hazard_state.h"

namespace qiaomen::core::domain {
namespace {

constexpr Label kUnspecified{"unspecified", "未填写", "Unspecified"};

constexpr std::array<std::pair<v1::VisitOutcome, Label>, 6> kOutcomes{{
    {v1::CHECKED, {"checked", "已检查", "Checked"}},
    {v1::NOBODY_HOME, {"nobody_home", "无人在家", "Nobody home"}},
    {v1::REFUSED, {"refused", "拒绝", "Refused"}},
    {v1::VACANT, {"vacant", "空置", "Vacant"}},
    {v1::MOVED, {"moved", "搬迁", "Moved"}},
    {v1::NO_SHELTER, {"no_shelter", "无应急避难场所", "No emergency shelter"}},
}};

constexpr std::array<std::pair<v1::RefusalReason, Label>, 4> kRefusalReasons{{
    {v1::REFUSED_ENTRY, {"refused_entry", "拒绝入户", "Refused entry"}},
    {v1::REFUSED_AFTER_NO_ANSWER,
     {"refused_after_no_answer", "无人应答后拒绝", "Refused after not answering"}},
    {v1::ASKED_TO_RESCHEDULE, {"asked_to_reschedule", "要求改期", "Asked for another day"}},
    {v1::OTHER_REASON, {"other", "其他", "Other"}},
}};

constexpr std::array<std::pair<v1::SubjectKind, Label>, 4> kSubjectKinds{{
    {v1::HOUSEHOLD, {"household", "住户", "Household"}},
    {v1::PREMISES, {"premises", "场所", "Premises"}},
    {v1::FACILITY, {"facility", "设施", "Facility"}},
    {v1::VILLAGE, {"village", "村/社区", "Village"}},
}};

constexpr std::array<std::pair<v1::Severity, Label>, 2> kSeverities{{
    {v1::GENERAL, {"general", "一般隐患", "General"}},
    {v1::MAJOR, {"major", "重大隐患", "Major"}},
}};

// The categories the shipped checklists use (checklists/*.json, hazard rules' "category").
constexpr std::array<Label, 18> kCategories{{
    {"ebike", "电动自行车", "E-bike"},
    {"ebike_charging", "电动自行车充电", "E-bike charging"},
    {"ebike_site", "电动自行车停放充电场所", "E-bike parking and charging site"},
    {"elderly_care", "独居老人照护", "Care for elderly living alone"},
    {"electrical", "电气线路", "Electrical wiring"},
    {"fire", "火灾隐患", "Fire"},
    {"fire_building", "建筑防火", "Building fire safety"},
    {"fire_equipment", "消防设施器材", "Fire equipment"},
    {"fire_escape", "疏散通道", "Escape routes"},
    {"fire_management", "消防安全管理", "Fire safety management"},
    {"fire_three_in_one", "“三合一”场所", "Living, storage and work under one roof"},
    {"gas", "燃气", "Gas"},
    {"heating_co", "取暖一氧化碳", "Heating and carbon monoxide"},
    {"hot_work", "动火作业", "Hot work"},
    {"management", "安全管理", "Safety management"},
    {"plans", "应急预案", "Emergency plans"},
    {"preparedness", "应急准备", "Emergency preparedness"},
    {"supplies", "应急物资", "Emergency supplies"},
}};

constexpr std::array<std::pair<HazardStatus, Label>, 5> kStatuses{{
    {HazardStatus::kFound, {"found", "发现", "Found"}},
    {HazardStatus::kOrdered, {"ordered", "限期整改", "Ordered to rectify"}},
    {HazardStatus::kRectified, {"rectified", "已整改", "Rectified"}},
    {HazardStatus::kReinspected, {"reinspected", "复查通过", "Reinspection passed"}},
    {HazardStatus::kClosed, {"closed", "已销号", "Closed"}},
}};

constexpr std::array<std::pair<v1::Urgency, Label>, 3> kUrgencies{{
    {v1::IMMEDIATE, {"immediate", "立即整改", "Immediately"}},
    {v1::SAME_DAY, {"same_day", "当日整改", "The same day"}},
    {v1::BY_DEADLINE, {"by_deadline", "限期整改", "By the deadline"}},
}};

constexpr std::array<std::pair<MajorReview, Label>, 4> kMajorReviews{{
    {MajorReview::kNone, {"none", "", ""}},
    {MajorReview::kSuspected,
     {"suspected", "疑似重大隐患（待消防救援大队或主管部门判定）",
      "Suspected major (to be judged by the fire rescue brigade or the competent department)"}},
    {MajorReview::kConfirmed, {"confirmed", "已判定为重大隐患", "Judged major"}},
    {MajorReview::kDowngraded, {"downgraded", "已判定为一般隐患", "Judged general"}},
}};

constexpr std::array<std::pair<v1::HazardEventKind, Label>, 12> kHazardEvents{{
    {v1::FOUND, {"found", "发现隐患", "Found"}},
    {v1::ORDERED, {"ordered", "下达限期整改", "Ordered to rectify"}},
    {v1::RECTIFIED, {"rectified", "已整改", "Rectified"}},
    {v1::REINSPECTED, {"reinspected", "复查通过", "Reinspection passed"}},
    {v1::CLOSED, {"closed", "销号", "Closed"}},
    {v1::OVERDUE, {"overdue", "逾期", "Overdue"}},
    {v1::ESCALATED, {"escalated", "挂牌督办", "Escalated"}},
    {v1::CASE_OPENED, {"case_opened", "立案查处", "Case opened"}},
    {v1::SUSPECTED_MAJOR, {"suspected_major", "疑似重大隐患，提请判定", "Suspected major"}},
    {v1::MAJOR_CONFIRMED, {"major_confirmed", "判定为重大隐患", "Judged major"}},
    {v1::MAJOR_DOWNGRADED, {"major_downgraded", "判定为一般隐患", "Judged general"}},
    {v1::FIXED_ON_SITE, {"fixed_on_site", "当场整改", "Fixed on the spot"}},
}};
constexpr Label kReinspectionFailed{"reinspection_failed", "复查未通过，退回整改",
                                    "Reinspection failed, back to rectification"};

template <typename Table, typename Key>
Label Find(const Table& table, Key key, Label fallback) {
  for (const auto& [k, label] : table) {
    if (k == key) return label;
  }
  return fallback;
}

template <typename Table>
auto FromText(const Table& table, std::string_view text, bool accept_zh)
    -> std::optional<typename Table::value_type::first_type> {
  for (const auto& [k, label] : table) {
    if (label.code == text || (accept_zh && label.zh == text)) return k;
  }
  return std::nullopt;
}

}  // namespace

Label OutcomeLabel(v1::VisitOutcome outcome) { return Find(kOutcomes, outcome, kUnspecified); }
std::optional<v1::VisitOutcome> OutcomeFromCode(std::string_view code) {
  return FromText(kOutcomes, code, false);
}

Label RefusalReasonLabel(v1::RefusalReason reason) {
  return Find(kRefusalReasons, reason, kUnspecified);
}
std::optional<v1::RefusalReason> RefusalReasonFromText(std::string_view text) {
  return FromText(kRefusalReasons, text, true);
}
std::string_view RefusalReasonCodes() {
  return "refused_entry, refused_after_no_answer, asked_to_reschedule, other";
}

Label SubjectKindLabel(v1::SubjectKind kind) { return Find(kSubjectKinds, kind, kUnspecified); }
std::optional<v1::SubjectKind> SubjectKindFromCode(std::string_view code) {
  return FromText(kSubjectKinds, code, false);
}
std::optional<v1::SubjectKind> SubjectKindFromText(std::string_view text) {
  return FromText(kSubjectKinds, text, true);
}

Label SeverityLabel(v1::Severity severity) { return Find(kSeverities, severity, kUnspecified); }
std::optional<v1::Severity> SeverityFromCode(std::string_view code) {
  return FromText(kSeverities, code, false);
}

Label HazardCategoryLabel(std::string_view code) {
  for (const Label& label : kCategories) {
    if (label.code == code) return label;
  }
  return Label{code, code, code};
}

// The safety education a visit records (Visit.education), as DOMAIN.md names it.
constexpr std::array<Label, 4> kEducation{{
    {"leaflet", "发放宣传单", "Leaflet handed over"},
    {"reminder", "入户提醒", "Spoken reminder"},
    {"family_message", "家庭安全寄语", "Family safety message"},
    {"demo", "演示灭火器使用", "Extinguisher demonstration"},
}};

// The 九小场所 as county notices list them, and the other places the shipped checklists are for.
constexpr std::array<Label, 15> kPremisesTypes{{
    {"shop", "小商店", "Small shop"},
    {"restaurant", "餐饮场所", "Restaurant"},
    {"hotel", "小旅馆", "Small hotel"},
    {"entertainment", "歌舞娱乐场所", "Entertainment venue"},
    {"internet_cafe", "网吧", "Internet café"},
    {"beauty", "美容美发店", "Beauty or hair salon"},
    {"bathhouse", "洗浴场所", "Bathhouse"},
    {"clinic", "小医院诊所", "Clinic"},
    {"school", "学校", "School"},
    {"kindergarten", "幼儿园", "Kindergarten"},
    {"elderly_home", "养老机构", "Elderly care home"},
    {"workshop", "小作坊", "Workshop"},
    {"warehouse", "仓库", "Warehouse"},
    {"ebike_site", "电动自行车停放充电场所", "E-bike parking and charging site"},
    {"shelter", "应急避难场所", "Emergency shelter"},
}};

std::optional<Label> PremisesTypeFromText(std::string_view text) {
  for (const Label& label : kPremisesTypes) {
    if (label.code == text || label.zh == text) return label;
  }
  return std::nullopt;
}

std::string_view PremisesTypeCodes() {
  static const std::string codes = [] {
    std::string all;
    for (const Label& label : kPremisesTypes)
      all += (all.empty() ? "" : ", ") + std::string(label.code);
    return all;
  }();
  return codes;
}

Label EducationLabel(std::string_view code) {
  for (const Label& label : kEducation) {
    if (label.code == code) return label;
  }
  return Label{code, code, code};
}

Label UrgencyLabel(v1::Urgency urgency) {
  return Find(kUrgencies, urgency == v1::URGENCY_UNSPECIFIED ? v1::BY_DEADLINE : urgency,
              kUrgencies.back().second);
}
std::optional<v1::Urgency> UrgencyFromCode(std::string_view code) {
  return FromText(kUrgencies, code, false);
}

Label MajorReviewLabel(MajorReview review) {
  return Find(kMajorReviews, review, kMajorReviews.front().second);
}

Label HazardStatusLabel(HazardStatus status) {
  return Find(kStatuses, status, Label{"unknown", "未知", "Unknown"});
}
std::string_view HazardStatusName(HazardStatus status, Language language) {
  return HazardStatusLabel(status).In(language);
}
std::string_view HazardStatusCode(HazardStatus status) { return HazardStatusLabel(status).code; }

std::string_view OverdueLabel(Language language) {
  return language == Language::kZh ? "逾期" : "Overdue";
}
std::string_view EscalatedLabel(Language language) {
  return language == Language::kZh ? "挂牌督办" : "Escalated";
}
std::string_view CaseOpenedLabel(Language language) {
  return language == Language::kZh ? "立案查处" : "Case opened";
}

Label HazardEventLabel(v1::HazardEventKind kind, bool passed) {
  if (kind == v1::REINSPECTED && !passed) return kReinspectionFailed;
  return Find(kHazardEvents, kind, kUnspecified);
}

}  // namespace qiaomen::core::domain
