#pragma once
// Builds the visit record from a visit file with the checklists this device has: typed answers,
// the template id@version, the forms engine's verdict item by item, and the hazards it derives.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "qiaomen/cli/visit_file.h"
#include "qiaomen/core/status.h"
#include "qiaomen/v1/records.pb.h"

namespace qiaomen::cli {

class VisitBuilder {
 public:
  // The shipped checklists plus `<profile_dir>/checklists/*.json`.
  static core::Result<std::unique_ptr<VisitBuilder>> Load(const std::string& profile_dir);
  ~VisitBuilder();

  // Sets visit's template id/version and answers from `file` (photo items take `photo_ids`),
  // evaluates them and returns the derived hazards (deadline from finished_at). Problems go to
  // `errors`, item by item (a checked visit must be complete). InvalidArgument when the device has
  // no such checklist or the answers cannot be evaluated at all.
  core::Result<std::vector<v1::Hazard>> Build(
      const VisitFile& file, const std::map<std::string, std::vector<std::string>>& photo_ids,
      v1::Visit& visit, std::vector<ItemError>& errors) const;

 private:
  struct Impl;
  explicit VisitBuilder(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace qiaomen::cli
