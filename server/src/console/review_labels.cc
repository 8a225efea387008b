#include "console/review_labels.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>

#include "qiaomen/v1/change.pb.h"

namespace qiaomen::server::console {
namespace {

// The catalogue's text PREFIX+code when `code` is one of `known`; `fallback` otherwise.
std::string Known(Language language, std::string_view prefix, std::string_view code,
                  std::initializer_list<std::string_view> known, std::string_view fallback) {
  if (std::find(known.begin(), known.end(), code) == known.end()) return std::string(fallback);
  const std::string key = std::string(prefix) + std::string(code);
  return std::string(Tr(language, key));
}

}  // namespace

std::string EntityLabel(std::string_view entity_name, Language language) {
  return Known(
      language, "entity.", entity_name,
      {"subject", "task", "visit", "photo", "hazard", "hazard_event", "campaign", "admin_unit"},
      entity_name);
}

std::string EntityName(int entity) {
  std::string name = v1::Entity_Name(static_cast<v1::Entity>(entity));
  if (name.rfind("ENTITY_", 0) == 0) name = name.substr(7);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name.empty() ? std::to_string(entity) : name;
}

std::string FieldLabel(std::string_view field, Language language) {
  return Known(language, "field.", field,
               {"name", "phone", "address", "members", "risk_tags", "kind", "grid_id", "severity",
                "deadline", "responsible", "description", "category", "worker_id", "assignee",
                "due_date", "status", "external_id"},
               field);
}

std::string RuleLabel(std::string_view rule, Language language) {
  return Known(language, "rule.", rule, {"lww", "severity_max", "update_beats_delete"}, rule);
}

std::string RefusalLabel(std::string_view code, Language language) {
  const std::string other(Tr(language, "refusal.other"));
  return Known(language, "refusal.", code,
               {"invalid_argument", "permission_denied", "failed_precondition", "already_exists",
                "not_found", "unauthenticated"},
               other);
}

}  // namespace qiaomen::server::console
