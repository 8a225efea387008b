// hazard: the county's steps on a hazard (复查, 销号, 挂牌督办, 立案查处), recorded as server
// changes that reach the devices (qiaomen/server/hazard_steps.h).
#include <map>

#include "cli/command.h"
#include "cli/county_messages.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/core/clock.h"
#include "qiaomen/core/domain/labels.h"
#include "qiaomen/core/random.h"
#include "qiaomen/core/uuid.h"
#include "qiaomen/server/hazard_steps.h"

namespace qiaomen::server {
namespace {

struct StepName {
  v1::HazardEventKind kind;
  bool passed;
};

const std::map<std::string, StepName>& Steps() {
  static const std::map<std::string, StepName> steps = {
      {"reinspect", {v1::REINSPECTED, true}},
      {"reinspect-failed", {v1::REINSPECTED, false}},
      {"close", {v1::CLOSED, true}},
      {"escalate", {v1::ESCALATED, true}},
      {"open-case", {v1::CASE_OPENED, true}},
      {"suspect-major", {v1::SUSPECTED_MAJOR, true}},
      {"confirm-major", {v1::MAJOR_CONFIRMED, true}},
      {"downgrade-major", {v1::MAJOR_DOWNGRADED, true}},
  };
  return steps;
}

// A hazard id as `qiaomen hazards` and the console print it: a UUID or 32 hex digits.
core::Result<std::string> HazardId(const std::string& text) {
  if (auto uuid = core::Uuid::Parse(text); uuid.ok()) return uuid->ToBytes();
  if (auto hex = base::HexDecode(text); hex && hex->size() == 16) return *hex;
  return core::InvalidArgument("'" + text +
                               "' is not a hazard id: give the id the hazard ledger shows (32 hex "
                               "digits or a UUID).");
}

core::Status Check(const core::Args& args) {
  const auto& pos = args.positionals();
  if (pos.size() != 2 || Steps().count(pos[0]) == 0) {
    return core::InvalidArgument(
        "Say the step and the hazard: qiaomen-county hazard "
        "reinspect|reinspect-failed|close|escalate|open-case|suspect-major|confirm-major|"
        "downgrade-major HAZARD_ID --by NAME.");
  }
  if (!args.Get("by")) return core::InvalidArgument("--by NAME is required: who takes the step.");
  return HazardId(pos[1]).status();
}

core::Status Hazard(const core::Args& args, std::ostream& out) {
  QM_RETURN_IF_ERROR(Check(args));
  const StepName name = Steps().at(args.positionals()[0]);
  CountyHazardStep step;
  QM_ASSIGN_OR_RETURN(step.hazard_id, HazardId(args.positionals()[1]));
  step.kind = name.kind;
  step.passed = name.passed;
  step.actor = *args.Get("by");
  step.note = args.Get("note").value_or("");
  QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
  QM_ASSIGN_OR_RETURN(
      core::domain::HazardState state,
      RecordCountyHazardStep(*storage, core::SystemClock(), core::SecureRandom(), step));
  const core::domain::Language lang = LanguageOf(args);
  out << CountySay(lang, CountyMsg::kHazardStepRecorded,
                   {std::string(core::domain::HazardStatusLabel(state.status).In(lang))});
  return core::Status::Ok();
}

}  // namespace

void AddHazardCommand(std::vector<Command>& commands) {
  commands.push_back(Command{"hazard",
                             CountyMsg::kSummaryHazard,
                             CountyMsg::kUsageHazard,
                             {{"data", "db", "by", "note"}, {}},
                             Hazard,
                             Check});
}

}  // namespace qiaomen::server
