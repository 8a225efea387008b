// quarantine: the changes the server refused (invalid visits, out-of-scope writes, bad signatures),
// each kept with its reason for review; nothing a device sent is ever dropped.
#include <cctype>
#include <map>

#include "admin/refusals.h"
#include "cli/command.h"
#include "cli/county_messages.h"
#include "cli/json_text.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/base/time_zone.h"
#include "qiaomen/core/uuid.h"
#include "qiaomen/v1/sync.pb.h"
#include "store/record_state.h"
#include "util/bytes.h"

namespace qiaomen::server {
namespace {

core::Status Quarantine(const core::Args& args, std::ostream& out) {
  std::string format = args.Get("format").value_or("text");
  if (format != "text" && format != "json") {
    return core::InvalidArgument("--format must be text or json.");
  }
  QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
  QM_ASSIGN_OR_RETURN(std::vector<Refusal> refusals, LoadRefusals(*storage));
  if (format == "json") {
    out << "[";
    for (size_t i = 0; i < refusals.size(); ++i) {
      const Refusal& q = refusals[i];
      out << (i ? "," : "") << "{\"id\":" << q.id << ",\"device\":\"" << q.device
          << "\",\"seq\":" << q.seq << ",\"entity\":" << JsonQuote(q.entity)
          << ",\"subject\":" << JsonQuote(q.subject) << ",\"worker\":" << JsonQuote(q.worker)
          << ",\"received_at\":" << JsonQuote(q.received_at) << ",\"code\":" << JsonQuote(q.code)
          << ",\"reason\":" << JsonQuote(q.reason) << ",\"received_ms\":" << q.received_ms
          << ",\"accepted_since\":" << (q.accepted_since ? "true" : "false") << "}";
    }
    out << "]\n";
    return core::Status::Ok();
  }
  const core::domain::Language language = LanguageOf(args);
  if (refusals.empty()) out << CountySay(language, CountyMsg::kQuarantineNone);
  for (const Refusal& q : refusals) {
    std::string what = EntityText(q.entity, language);
    if (!q.subject.empty()) what = CountySay(language, CountyMsg::kQuarantineOf, {what, q.subject});
    const std::string worker =
        q.worker.empty() ? CountySay(language, CountyMsg::kUnknownDevice) : q.worker;
    out << CountySay(language, CountyMsg::kQuarantineLine,
                     {std::to_string(q.id), q.received_at, what, worker, q.device.substr(0, 8),
                      std::to_string(q.seq)})
        << (q.accepted_since ? CountySay(language, CountyMsg::kQuarantineAcceptedSince) : "")
        << CountySay(language, CountyMsg::kQuarantineReason, {q.code, q.reason});
  }
  return core::Status::Ok();
}

}  // namespace

void AddQuarantineCommand(std::vector<Command>& commands) {
  commands.push_back(Command{"quarantine",
                             CountyMsg::kSummaryQuarantine,
                             CountyMsg::kUsageQuarantine,
                             {{"data", "db", "format"}, {}},
                             Quarantine});
}

}  // namespace qiaomen::server
