#pragma once
// Every published version of every checklist, kept so that a visit made with an older version
// stays loadable and valid after a newer one is published. In memory only: the device store and
// the county server persist the JSON and re-add it on start.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "qiaomen/core/forms/compiled_template.h"
#include "qiaomen/core/status.h"
#include "qiaomen/v1/records.pb.h"

namespace qiaomen::core::forms {

// Thread-compatible: guard it if several threads publish.
class TemplateRegistry {
 public:
  // Adds a checked template under id@version. Adding the same content again is a no-op.
  // Errors: AlreadyExists when id@version is already there with different content (a published
  // version never changes: publish it as a new version).
  Status Add(const CompiledTemplate& tpl);

  // LoadTemplateJson + Add. Returns the compiled template.
  Result<CompiledTemplate> AddJson(std::string_view json);

  // NotFound when that id@version was never added.
  Result<CompiledTemplate> Get(std::string_view id, uint32_t version) const;
  // The highest version of `id`. NotFound when there is none.
  Result<CompiledTemplate> Latest(std::string_view id) const;
  // Versions of `id`, ascending.
  std::vector<uint32_t> Versions(std::string_view id) const;

  // ValidateVisit against the template id@version the visit names. NotFound when the registry
  // lacks that version.
  Status ValidateVisit(const v1::Visit& visit) const;

 private:
  std::map<std::string, std::map<uint32_t, CompiledTemplate>, std::less<>> templates_;
};

}  // namespace qiaomen::core::forms
