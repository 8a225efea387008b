#include "qiaomen/core/profile/checklists.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace qiaomen::core::profile {

Result<forms::TemplateRegistry> LoadChecklists(const std::string& profile_dir) {
  forms::TemplateRegistry registry;
  for (const auto& shipped : ShippedChecklists()) {
    auto added = registry.AddJson(shipped.json);
    if (!added.ok()) return added.status().WithContext("shipped checklist " + shipped.file_name);
  }
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::path(profile_dir) / "checklists";
  if (!std::filesystem::is_directory(dir, ec)) return registry;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    auto added = registry.AddJson(text.str());
    if (!added.ok()) return added.status().WithContext(entry.path().string());
  }
  return registry;
}

}  // namespace qiaomen::core::profile
