#include "qiaomen/core/forms/template_registry.h"

#include <google/protobuf/util/message_differencer.h>

#include "qiaomen/core/forms/evaluation.h"

namespace qiaomen::core::forms {

Status TemplateRegistry::Add(const CompiledTemplate& tpl) {
  auto& versions = templates_[tpl.id()];
  auto it = versions.find(tpl.version());
  if (it != versions.end()) {
    if (google::protobuf::util::MessageDifferencer::Equals(it->second.proto(), tpl.proto())) {
      return Status::Ok();
    }
    return AlreadyExists("Checklist " + tpl.key() +
                         " is already published with other content; "
                         "publish the change as version " +
                         std::to_string(versions.rbegin()->first + 1) + ".");
  }
  versions.emplace(tpl.version(), tpl);
  return Status::Ok();
}

Result<CompiledTemplate> TemplateRegistry::AddJson(std::string_view json) {
  QM_ASSIGN_OR_RETURN(CompiledTemplate tpl, LoadTemplateJson(json));
  QM_RETURN_IF_ERROR(Add(tpl));
  return tpl;
}

Result<CompiledTemplate> TemplateRegistry::Get(std::string_view id, uint32_t version) const {
  auto it = templates_.find(id);
  if (it != templates_.end()) {
    auto v = it->second.find(version);
    if (v != it->second.end()) return v->second;
  }
  return NotFound("Checklist " + std::string(id) + "@" + std::to_string(version) +
                  " is not loaded; sync or publish that version first.");
}

Result<CompiledTemplate> TemplateRegistry::Latest(std::string_view id) const {
  auto it = templates_.find(id);
  if (it == templates_.end() || it->second.empty()) {
    return NotFound("No version of checklist " + std::string(id) +
                    " is loaded; sync or publish it first.");
  }
  return it->second.rbegin()->second;
}

std::vector<uint32_t> TemplateRegistry::Versions(std::string_view id) const {
  std::vector<uint32_t> out;
  auto it = templates_.find(id);
  if (it == templates_.end()) return out;
  for (const auto& [version, tpl] : it->second) out.push_back(version);
  return out;
}

Status TemplateRegistry::ValidateVisit(const v1::Visit& visit) const {
  QM_ASSIGN_OR_RETURN(CompiledTemplate tpl, Get(visit.template_id(), visit.template_version()));
  return forms::ValidateVisit(tpl, visit);
}

}  // namespace qiaomen::core::forms
