// add-staff, set-password: the web console's accounts.
#include "cli/command.h"
#include "cli/county_messages.h"
#include "cli/password_prompt.h"
#include "qiaomen/core/clock.h"
#include "qiaomen/server/staff.h"

namespace qiaomen::server {

void AddStaffCommands(std::vector<Command>& commands) {
  commands.push_back(
      Command{"add-staff",
              CountyMsg::kSummaryAddStaff,
              CountyMsg::kUsageAddStaff,
              {{"data", "db", "id", "name", "role", "scope"}, {}},
              [](const core::Args& args, std::ostream& out) -> core::Status {
                QM_ASSIGN_OR_RETURN(Staff staff, WorkerFromArgs(args));
                QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
                StaffAccounts accounts(*storage);
                QM_RETURN_IF_ERROR(accounts.AddStaff(staff, core::SystemClock().NowMillis()));
                out << CountySay(
                    LanguageOf(args), CountyMsg::kStaffSaved,
                    {staff.id, RoleText(staff.role, LanguageOf(args)), staff.scope.ToString()});
                return core::Status::Ok();
              }});
  commands.push_back(
      Command{"set-password",
              CountyMsg::kSummarySetPassword,
              CountyMsg::kUsageSetPassword,
              {{"data", "db", "id"}, {}},
              [](const core::Args& args, std::ostream& out) -> core::Status {
                QM_ASSIGN_OR_RETURN(auto id, args.Require("id"));
                QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
                StaffAccounts accounts(*storage);
                QM_RETURN_IF_ERROR(accounts.Get(id).status());
                QM_ASSIGN_OR_RETURN(
                    auto password,
                    ReadNewPassword(CountySay(LanguageOf(args), CountyMsg::kPasswordPrompt, {id})));
                QM_RETURN_IF_ERROR(accounts.SetPassword(id, password));
                out << CountySay(LanguageOf(args), CountyMsg::kPasswordSet, {id});
                return core::Status::Ok();
              }});
}

}  // namespace qiaomen::server
