// publish-template: checks a checklist template and stores it; visits naming id@version are then
// validated against it.
#include "admin/templates.h"
#include "cli/command.h"
#include "cli/county_messages.h"
#include "qiaomen/base/durable_file.h"
#include "qiaomen/core/clock.h"
#include "util/bytes.h"

namespace qiaomen::server {

void AddTemplateCommand(std::vector<Command>& commands) {
  commands.push_back(Command{
      "publish-template",
      CountyMsg::kSummaryPublishTemplate,
      CountyMsg::kUsagePublishTemplate,
      {{"data", "db"}, {}},
      [](const core::Args& args, std::ostream& out) -> core::Status {
        if (args.positionals().size() != 1) return core::InvalidArgument("Give one FILE.json.");
        auto text = base::ReadFile(args.positionals()[0]);
        if (!text.ok()) return core::InvalidArgument(text.status().message());
        QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
        QM_ASSIGN_OR_RETURN(auto published, PublishTemplate(*storage, core::SystemClock(), *text));
        out << CountySay(LanguageOf(args), CountyMsg::kPublished,
                         {published.id, std::to_string(published.version)});
        return core::Status::Ok();
      }});
}

}  // namespace qiaomen::server
