#pragma once
// How the field client names and prints records: ids as UUID text, subjects by id or external id,
// subjects, tasks and hazards as text lines or JSON objects.

#include <string>
#include <vector>

#include "qiaomen/base/time_zone.h"
#include "qiaomen/cli/json_writer.h"
#include "qiaomen/core/domain/hazard_state.h"
#include "qiaomen/core/domain/labels.h"
#include "qiaomen/core/status.h"
#include "qiaomen/core/store/store.h"
#include "qiaomen/v1/records.pb.h"

namespace qiaomen::cli {

// 16 raw bytes as UUID text; other lengths as hex; "" for empty.
std::string IdText(const std::string& bytes);

// The subject named by `ref`: a UUID, else a county external id. NotFound with a sentence saying
// how to find the right id.
core::Result<v1::Subject> ResolveSubject(core::store::Store& store, const std::string& ref);

// A hazard by UUID. NotFound with a sentence pointing at `qiaomen hazards`.
core::Result<v1::Hazard> ResolveHazard(core::store::Store& store, const std::string& ref);

// The ids of every grid this device holds (a device scoped to grids holds no towns or villages).
core::Result<std::vector<std::string>> DeviceGrids(core::store::Store& store);

std::string KindName(v1::SubjectKind kind);
std::string SeverityName(v1::Severity severity);
std::string HazardStatusName(const core::domain::HazardState& state);
// "2026-11-28 17:05": the instant in the county's time zone (what people in the county read);
// "从未"/"never" for 0 or less.
std::string TimeText(int64_t ms, const base::TimeZone& zone, core::domain::Language language);
// For people: "限期整改，逾期" / "Ordered to rectify, Overdue" (HazardStatusName is the code).
std::string HazardStatusText(const core::domain::HazardState& state,
                             core::domain::Language language);
// For people: the label of a severity, an outcome, a subject kind, a hazard category.
// Why the county refused a change, by its refusal code ("invalid_argument", ...), in `language`.
std::string RefusalText(const std::string& code, core::domain::Language language);

std::string SeverityText(v1::Severity severity, core::domain::Language language);
// A checklist's own text in `language`, the other language's when it has none.
std::string In(const v1::LocalizedText& t, core::domain::Language language);
// For people: severity and urgency, "一般隐患，立即整改" / "General, Immediately".
std::string GradeText(const v1::Hazard& hazard, core::domain::Language language);
std::string OutcomeText(v1::VisitOutcome outcome, core::domain::Language language);
std::string KindText(v1::SubjectKind kind, core::domain::Language language);
std::string CategoryText(const std::string& category, core::domain::Language language);

void WriteSubject(JsonWriter& json, const v1::Subject& subject);
// Writes the hazard's fields and leaves its object open for the caller to add to and close.
void WriteHazard(JsonWriter& json, const v1::Hazard& hazard);

}  // namespace qiaomen::cli
