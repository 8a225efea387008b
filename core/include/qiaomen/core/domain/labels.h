#pragma once
// The domain's names, in one place: each value's stable lower-case code (what is stored, printed by
// the CLI, put in reports and CSV imports) and its Chinese and English labels for people. Visit
// outcomes, subject kinds, severities, hazard categories and hazard states. Nothing else in the
// tree spells these out. Pure tables: thread-safe, the views point at static strings.

#include <optional>
#include <string_view>

#include "qiaomen/v1/records.pb.h"

namespace qiaomen::core::domain {

enum class Language { kZh, kEn };

// One value's names.
struct Label {
  std::string_view code;  // "nobody_home"
  std::string_view zh;    // "无人在家"
  std::string_view en;    // "Nobody home"
  std::string_view In(Language language) const { return language == Language::kZh ? zh : en; }
};

// checked 已检查, nobody_home 无人在家, refused 拒绝, vacant 空置, moved 搬迁, no_shelter
// 无应急避难场所 (a village's record); anything else is unspecified 未填写.
Label OutcomeLabel(v1::VisitOutcome outcome);
// The outcome with this code; nullopt for another text (also "unspecified").
std::optional<v1::VisitOutcome> OutcomeFromCode(std::string_view code);

// Why a visit was refused: refused_entry 拒绝入户, refused_after_no_answer 无人应答后拒绝,
// asked_to_reschedule 要求改期, other 其他; anything else is unspecified 未填写.
Label RefusalReasonLabel(v1::RefusalReason reason);
// The reason with this code or Chinese label ("refused_entry" or "拒绝入户"); nullopt otherwise.
std::optional<v1::RefusalReason> RefusalReasonFromText(std::string_view text);
// Every reason's code, comma-separated, for error messages.
std::string_view RefusalReasonCodes();

// household 住户, premises 场所, facility 设施, village 村/社区; anything else is unspecified
// 未填写.
Label SubjectKindLabel(v1::SubjectKind kind);
// The kind with this code ("household"); nullopt otherwise.
std::optional<v1::SubjectKind> SubjectKindFromCode(std::string_view code);
// The kind with this code or Chinese label ("household" or "住户", as county CSVs write it);
// nullopt otherwise.
std::optional<v1::SubjectKind> SubjectKindFromText(std::string_view text);

// general 一般隐患, major 重大隐患; anything else is unspecified 未填写.
Label SeverityLabel(v1::Severity severity);
// The severity with this code ("general", "major"); nullopt otherwise.
std::optional<v1::Severity> SeverityFromCode(std::string_view code);

// A hazard category as checklists name it ("gas" 燃气, "heating_co" 取暖一氧化碳, ...). A code
// this table does not know is its own label in both languages (checklists may add categories).
Label HazardCategoryLabel(std::string_view code);

// Safety education given on a visit (Visit.education): leaflet 发放宣传单, reminder 入户提醒,
// family_message 家庭安全寄语, demo 演示灭火器使用. Another code is its own label in both
// languages.
Label EducationLabel(std::string_view code);

// The premises types a county's subject list may give (Subject.premises_type): the 九小场所 and
// the places campaigns target (restaurant 餐饮场所, shop 小商店, ...). The type with this code or
// Chinese label ("restaurant" or "餐饮场所"); nullopt for another text.
std::optional<Label> PremisesTypeFromText(std::string_view text);
// Every premises type's code, comma-separated, for error messages.
std::string_view PremisesTypeCodes();

// How soon: immediate 立即整改, same_day 当日整改, by_deadline 限期整改 (also for unspecified and
// any other value: an old hazard or rule without an urgency is dealt with by its deadline).
Label UrgencyLabel(v1::Urgency urgency);
// The urgency with this code ("immediate", "same_day", "by_deadline"); nullopt otherwise.
std::optional<v1::Urgency> UrgencyFromCode(std::string_view code);

// A hazard's status, derived from its event log by the state machine (hazard_state.h).
enum class HazardStatus {
  kFound,        // 发现
  kOrdered,      // 限期整改 (also after a failed reinspection)
  kRectified,    // 已整改: waits for a reinspection
  kReinspected,  // 复查通过: passed, ready to close
  kClosed,       // 已销号
};

// found 发现 / Found, ordered 限期整改 / Ordered to rectify, rectified 已整改 / Rectified,
// reinspected 复查通过 / Reinspection passed, closed 已销号 / Closed.
Label HazardStatusLabel(HazardStatus status);
// The label shown to people: HazardStatusLabel(status).In(language).
std::string_view HazardStatusName(HazardStatus status, Language language = Language::kZh);
// The stable code for storage and reports: HazardStatusLabel(status).code.
std::string_view HazardStatusCode(HazardStatus status);
// Flag labels: "逾期"/"Overdue", "挂牌督办"/"Escalated", "立案查处"/"Case opened".
std::string_view OverdueLabel(Language language = Language::kZh);
std::string_view EscalatedLabel(Language language = Language::kZh);
std::string_view CaseOpenedLabel(Language language = Language::kZh);

enum class MajorReview;  // hazard_state.h
// none (empty labels), suspected 疑似重大隐患（待消防救援大队或主管部门判定）, confirmed
// 已判定为重大隐患, downgraded 已判定为一般隐患.
Label MajorReviewLabel(MajorReview review);

// A step in a hazard's log as people read it: found 发现隐患, ordered 下达限期整改, rectified
// 已整改, reinspected 复查通过 (or, when not `passed`, reinspection_failed 复查未通过，退回整改),
// closed 销号, overdue 逾期, escalated 挂牌督办, case_opened 立案查处, suspected_major
// 疑似重大隐患，提请判定, major_confirmed 判定为重大隐患, major_downgraded 判定为一般隐患,
// fixed_on_site 当场整改; anything else is unspecified 未填写.
Label HazardEventLabel(v1::HazardEventKind kind, bool passed);

}  // namespace qiaomen::core::domain
