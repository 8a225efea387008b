#include "console/visit_view.h"

#include "admin/templates.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/core/domain/labels.h"
#include "qiaomen/core/forms/answer_text.h"

namespace qiaomen::server::console {

core::Result<std::map<std::string, std::string>> WorkerNames(SqlConnection& conn) {
  QM_ASSIGN_OR_RETURN(auto rows, conn.Query("SELECT id, name FROM workers"));
  std::map<std::string, std::string> names;
  for (const auto& row : rows) names[row.Text(0)] = row.Text(1);
  return names;
}

std::string ChecklistTitle(SqlConnection& conn, const v1::Visit& visit,
                           std::map<std::string, std::string>& titles, Language language) {
  const std::string key = visit.template_id() + "@" + std::to_string(visit.template_version());
  auto it = titles.find(key);
  if (it != titles.end()) return it->second;
  auto tpl = LoadPublishedTemplate(conn, visit.template_id(), visit.template_version());
  std::string title = key;
  if (tpl.ok()) {
    title = core::forms::TextIn(tpl->proto().title(), language);
  }
  titles[key] = title;
  return title;
}

Data VisitItem(const VisitRecord& record, const std::string& checklist, const std::string& worker,
               const std::set<std::string>& blobs, const base::TimeZone& zone, Language language) {
  const v1::Visit& visit = record.visit;
  Data item;
  item.set("id", base::HexEncode(visit.id()));
  const int64_t at = visit.finished_at_ms() > 0 ? visit.finished_at_ms() : visit.started_at_ms();
  item.set("finished", base::CountyDateTime(at, zone));
  item.set("subject_name", record.subject_name.empty()
                               ? std::string(Tr(language, "hazard.unknown_subject"))
                               : record.subject_name);
  item.set("subject_address", record.subject_address);
  item.set("grid_id", record.grid_id);
  const auto outcome = core::domain::OutcomeLabel(visit.outcome());
  std::string outcome_text(outcome.In(language));
  // A refusal shows its reason and whether the village committee was asked along (issue 16).
  if (visit.has_refusal()) {
    const bool zh = language == Language::kZh;
    outcome_text +=
        (zh ? "（" : " (") +
        std::string(core::domain::RefusalReasonLabel(visit.refusal().reason()).In(language));
    if (!visit.refusal().note().empty())
      outcome_text += (zh ? "：" : ": ") + visit.refusal().note();
    if (visit.refusal().escalated_to_village()) {
      outcome_text += std::string(Tr(language, "visits.escalated_to_village"));
    }
    outcome_text += zh ? "）" : ")";
  }
  item.set("outcome", outcome_text);
  item.set("escalated_to_village", visit.refusal().escalated_to_village());
  item.set("outcome_code", std::string(outcome.code));
  item.set("checklist", checklist);
  item.set("worker", worker.empty() ? visit.worker_id() : worker);
  item.set("photo_count", std::to_string(visit.photos_size()));
  size_t missing = 0;
  for (const auto& p : visit.photos()) missing += blobs.count(base::HexEncode(p.sha256())) ? 0 : 1;
  if (!record.signature_verified) {
    item.set("evidence_failed", true);
  } else if (missing > 0) {
    item.set("evidence_pending", std::to_string(missing));
  } else {
    item.set("evidence_ok", true);
  }
  return item;
}

}  // namespace qiaomen::server::console
