// add-staff, set-password: the web console's accounts.
#include "cli/command.h"
#include "cli/county_messages.h"
#include "cli/password_prompt.h"
#include "qiaomen/core/clock.h"
#include "qiaomen/server/staff.h"

namespace qiaomen::server {

void AddStaffCommands(std::vector<Command>& commands) {
  commands.push_back(Command{
      "add-staff",
      CountyMsg::kSummaryAddStaff,
      "Usage: qiaomen-county add-staff --data DIR --id ID --name NAME\n"
      "         --role township|county --scope SCOPE\n\n"
      "Township staff have the scope town:TOWN_ID and see that town only; county staff have the\n"
      "scope county. The town must exist (import-subjects creates it). Running it again updates\n"
      "the name, role and scope and keeps the password. The account signs in at /console/ once\n"
      "it has a password: see set-password.\n",
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
  commands.push_back(Command{
      "set-password",
      CountyMsg::kSummarySetPassword,
      "Usage: qiaomen-county set-password --data DIR --id ID\n\n"
      "Asks for the new password twice without showing it; when standard input is not a\n"
      "terminal, reads it from the first line of standard input. It is never an option: the\n"
      "command line is visible to other users. At least 10 characters. Only an Argon2id hash is\n"
      "stored, and every open console session of the account ends.\n",
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
