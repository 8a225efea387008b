// campaign (publish-template lives in template_command.cc).
#include "admin/campaign.h"
#include "cli/command.h"
#include "cli/county_messages.h"
#include "qiaomen/core/clock.h"

namespace qiaomen::server {
namespace {

// The non-empty items of a comma-separated list.
std::vector<std::string> CommaList(const std::string& text) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    std::string item = text.substr(start, end == std::string::npos ? end : end - start);
    if (!item.empty()) items.push_back(item);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return items;
}

}  // namespace

void AddContentCommands(std::vector<Command>& commands) {
  commands.push_back(Command{
      "campaign",
      CountyMsg::kSummaryCampaign,
      "Usage: qiaomen-county campaign create --data DIR --id ID --title TITLE\n"
      "         --template TID[,TID...] --scope SCOPE --due YYYY-MM-DD|+DAYS\n"
      "         [--premises-type TYPE[,TYPE...]] [--tag TAG[,TAG...]]\n\n"
      "Creates the campaign and one task per subject in SCOPE (county, town:T or grids:G1,G2)\n"
      "and per checklist made for that subject's kind (a household checklist makes no tasks\n"
      "for premises or facilities). The checklists must be published first. --due +14 is 14\n"
      "days after today in the county's time zone. --premises-type restaurant targets only the\n"
      "subjects the subjects CSV gave that premises_type (shop, restaurant, hotel, school,\n"
      "elderly_home, ... or the Chinese name, e.g. 餐饮场所); --tag elderly_alone only subjects\n"
      "with one of those tags.\n",
      {{"data", "db", "id", "title", "template", "scope", "due", "premises-type", "tag"},
       {},
       {"id", "title", "template", "scope", "due"}},
      [](const core::Args& args, std::ostream& out) -> core::Status {
        if (args.positionals().size() != 1 || args.positionals()[0] != "create") {
          return core::InvalidArgument("Use `qiaomen-county campaign create ...`.");
        }
        CampaignSpec spec;
        QM_ASSIGN_OR_RETURN(spec.id, args.Require("id"));
        QM_ASSIGN_OR_RETURN(spec.title, args.Require("title"));
        QM_ASSIGN_OR_RETURN(auto templates, args.Require("template"));
        spec.template_ids = CommaList(templates);
        if (auto types = args.Get("premises-type")) spec.premises_types = CommaList(*types);
        if (auto tags = args.Get("tag")) spec.tags = CommaList(*tags);
        QM_ASSIGN_OR_RETURN(auto scope, args.Require("scope"));
        QM_ASSIGN_OR_RETURN(spec.scope, Scope::Parse(scope));
        QM_ASSIGN_OR_RETURN(spec.due_date, args.Require("due"));
        QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
        QM_ASSIGN_OR_RETURN(int tasks, CreateCampaign(*storage, core::SystemClock(), spec));
        out << CountySay(LanguageOf(args), CountyMsg::kCampaignCreated,
                         {spec.id, std::to_string(tasks)});
        return core::Status::Ok();
      },
      [](const core::Args& args) -> core::Status {
        auto due = args.Get("due");
        return due ? CheckDueDateSyntax(*due) : core::Status::Ok();
      }});
}

}  // namespace qiaomen::server
