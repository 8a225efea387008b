#pragma once
// Campaigns: a title, checklists and a scope with a due date; creating one makes a task for every
// subject in scope and every checklist made for that subject's kind (the checklist's subject_kind
// in its latest published version; unspecified: any kind), as server changes the devices in scope
// receive.

#include <string>
#include <vector>

#include "qiaomen/core/clock.h"
#include "qiaomen/core/status.h"
#include "qiaomen/server/scope.h"
#include "qiaomen/server/storage.h"

namespace qiaomen::server {

struct CampaignSpec {
  std::string id;
  std::string title;
  std::vector<std::string> template_ids;
  Scope scope = Scope::County();
  // YYYY-MM-DD, or "+N": N days after today in the county's time zone (Storage::time_zone()).
  std::string due_date;
  // Targeting, when not empty: only subjects of one of these premises types (codes or Chinese
  // names, core::domain::PremisesTypeFromText), and only subjects with one of these tags.
  std::vector<std::string> premises_types;
  std::vector<std::string> tags;
};

// Why a due date is refused, for a front end to say in its language.
enum class DueDateProblem {
  kNone,
  kBadDays,  // "+" not followed by 1 to 4 digits
  kNotADay,  // not a real day YYYY-MM-DD ("2026-02-30")
  kPast,     // a day before the county's today
};

// The problem of `text` as a due date: a real day YYYY-MM-DD not before `county_today`
// (YYYY-MM-DD; "" skips that check), or +DAYS (1 to 4 digits). Pure: thread-safe.
DueDateProblem CheckDueDate(const std::string& text, const std::string& county_today);

// OK when `text` is a real date YYYY-MM-DD or +DAYS (1 to 4 digits); InvalidArgument saying how to
// write it otherwise (in English). Whether the day is past is CreateCampaign's check.
core::Status CheckDueDateSyntax(const std::string& text);

// Returns the number of tasks created. AlreadyExists for a campaign id used before;
// InvalidArgument for an unpublished checklist or a malformed date.
core::Result<int> CreateCampaign(Storage& storage, core::Clock& clock, const CampaignSpec& spec);

}  // namespace qiaomen::server
