#pragma once
// Names for what the 冲突 and 拒收 pages show, in the page's language (the console's catalogue):
// record kinds, the fields of mutable records, the merge rules that decided a conflict and the
// kinds of refusal. Pure.

#include <string>
#include <string_view>

#include "console/console_text.h"

namespace qiaomen::server::console {

// "subject" 住户资料 / Household details, "visit" 走访记录, "hazard_event" 隐患处理...; another
// name as it is.
std::string EntityLabel(std::string_view entity_name, Language language);
// The lower-case name of entity `entity` ("subject", "hazard"), as the quarantine names them.
std::string EntityName(int entity);
// "phone" 电话, "severity" 隐患等级...; another field as it is.
std::string FieldLabel(std::string_view field, Language language);
// "lww" 后改的为准, "severity_max" 取较高的等级, "update_beats_delete" 修改优先于删除.
std::string RuleLabel(std::string_view rule, Language language);
// Why the server refused a change, by its code ("invalid_argument", "permission_denied"...), as
// a sentence that says what to do.
std::string RefusalLabel(std::string_view code, Language language);

}  // namespace qiaomen::server::console
