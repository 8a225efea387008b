// campaign (publish-template lives in template_command.cc).
#include "admin/campaign.h"
#include "cli/command.h"
#include "cli/county_messages.h"
#include "qiaomen/base/time_zone.h"
#include "qiaomen/core/clock.h"

namespace qiaomen::server {
namespace {

// A due date's problem (admin/campaign.h) said from the catalogue; `today` "" skips the past.
core::Status DueDateStatus(const std::string& due, const std::string& today,
                           core::domain::Language language) {
  switch (CheckDueDate(due, today)) {
    case DueDateProblem::kNone:
      return core::Status::Ok();
    case DueDateProblem::kBadDays:
      return core::InvalidArgument(CountySay(language, CountyMsg::kDueBadDays, {due}));
    case DueDateProblem::kNotADay:
      return core::InvalidArgument(CountySay(language, CountyMsg::kDateNotADay, {"--due", due}));
    case DueDateProblem::kPast:
      return core::InvalidArgument(CountySay(language, CountyMsg::kDuePast, {due, today}));
  }
  return core::Status::Ok();
}

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
  commands.push_back(
      Command{"campaign",
              CountyMsg::kSummaryCampaign,
              CountyMsg::kUsageCampaign,
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
                const std::string today =
                    base::CountyDate(core::SystemClock().NowMillis(), storage->time_zone());
                QM_RETURN_IF_ERROR(DueDateStatus(spec.due_date, today, LanguageOf(args)));
                QM_ASSIGN_OR_RETURN(int tasks, CreateCampaign(*storage, core::SystemClock(), spec));
                out << CountySay(LanguageOf(args), CountyMsg::kCampaignCreated,
                                 {spec.id, std::to_string(tasks)});
                return core::Status::Ok();
              },
              [](const core::Args& args) -> core::Status {
                auto due = args.Get("due");
                return due ? DueDateStatus(*due, "", LanguageOf(args)) : core::Status::Ok();
              }});
}

}  // namespace qiaomen::server
