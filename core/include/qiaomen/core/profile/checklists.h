#pragma once
// The checklists a device can record visits with: the ones shipped in the binary (checklists/*.json
// of the source tree, compiled into core) and any `*.json` in `<profile>/checklists/` (newer
// versions the county handed out).

#include <string>
#include <vector>

#include "qiaomen/core/forms/template_registry.h"
#include "qiaomen/core/status.h"

namespace qiaomen::core::profile {

struct ShippedChecklist {
  std::string file_name;
  std::string json;
};

// Generated at configure time from checklists/*.json (see core/CMakeLists.txt).
const std::vector<ShippedChecklist>& ShippedChecklists();

// A registry with every shipped checklist and those in `<profile_dir>/checklists/`. Errors:
// InvalidArgument naming the file whose template does not pass the checker.
Result<forms::TemplateRegistry> LoadChecklists(const std::string& profile_dir);

}  // namespace qiaomen::core::profile
