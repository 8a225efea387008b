// revoked-work: what revoked devices sent after township staff let them back, for review
// (admin/revoked_work.h): work a phone kept unsent through its revocation, and work it made
// while revoked.
#include "admin/revoked_work.h"
#include "cli/command.h"
#include "cli/county_messages.h"
#include "cli/json_text.h"
#include "qiaomen/base/time_zone.h"

namespace qiaomen::server {
namespace {

core::Status RevokedWorkList(const core::Args& args, std::ostream& out) {
  QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
  QM_ASSIGN_OR_RETURN(std::vector<RevokedWork> work, LoadRevokedWork(*storage));
  const base::TimeZone& zone = storage->time_zone();
  auto at = [&](int64_t ms) { return base::CountyDateTime(ms, zone); };
  if (args.Get("format").value_or("text") == "json") {
    out << "[";
    for (size_t i = 0; i < work.size(); ++i) {
      const RevokedWork& w = work[i];
      out << (i ? "," : "") << "{\"device\":\"" << w.device
          << "\",\"worker\":" << JsonQuote(w.worker) << ",\"seq\":" << w.seq
          << ",\"entity\":" << JsonQuote(w.entity) << ",\"subject\":" << JsonQuote(w.subject)
          << ",\"revoked_at\":" << JsonQuote(at(w.revoked_ms))
          << ",\"reinstated_at\":" << JsonQuote(at(w.reinstated_ms))
          << ",\"made_at\":" << JsonQuote(at(w.made_ms))
          << ",\"received_at\":" << JsonQuote(at(w.received_ms))
          << ",\"made_while_revoked\":" << (w.made_while_revoked ? "true" : "false") << "}";
    }
    out << "]\n";
    return core::Status::Ok();
  }
  const core::domain::Language language = LanguageOf(args);
  if (work.empty()) out << CountySay(language, CountyMsg::kRevokedWorkNone);
  for (size_t i = 0; i < work.size(); ++i) {
    const RevokedWork& w = work[i];
    if (i == 0 || w.device != work[i - 1].device || w.revoked_ms != work[i - 1].revoked_ms) {
      out << CountySay(language, CountyMsg::kRevokedWorkPeriod,
                       {w.device, w.worker, at(w.revoked_ms), at(w.reinstated_ms)});
    }
    std::string what = EntityText(w.entity, language);
    if (!w.subject.empty()) what = CountySay(language, CountyMsg::kQuarantineOf, {what, w.subject});
    out << CountySay(
        language, CountyMsg::kRevokedWorkLine,
        {std::to_string(w.seq), what, at(w.made_ms), at(w.received_ms),
         CountySay(language, w.made_while_revoked ? CountyMsg::kRevokedWorkMadeWhileRevoked
                                                  : CountyMsg::kRevokedWorkKept)});
  }
  return core::Status::Ok();
}

}  // namespace

void AddRevokedWorkCommand(std::vector<Command>& commands) {
  commands.push_back(Command{"revoked-work",
                             CountyMsg::kSummaryRevokedWork,
                             CountyMsg::kUsageRevokedWork,
                             {{"data", "db", "format"}, {}},
                             RevokedWorkList});
}

}  // namespace qiaomen::server
