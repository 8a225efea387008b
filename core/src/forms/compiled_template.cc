#include "qiaomen/core/forms/compiled_template.h"

#include <google/protobuf/util/json_util.h>

#include "forms/template_data.h"

namespace qiaomen::core::forms {

const v1::ChecklistTemplate& CompiledTemplate::proto() const { return data_->proto; }
const std::string& CompiledTemplate::id() const { return data_->proto.id(); }
uint32_t CompiledTemplate::version() const { return data_->proto.version(); }
std::string CompiledTemplate::key() const { return id() + "@" + std::to_string(version()); }
int CompiledTemplate::item_count() const { return static_cast<int>(data_->items.size()); }

const v1::Item* CompiledTemplate::FindItem(std::string_view item_id) const {
  auto it = data_->item_index.find(item_id);
  if (it == data_->item_index.end()) return nullptr;
  return data_->items[static_cast<size_t>(it->second)].proto;
}

const v1::Section* CompiledTemplate::RepeatOf(std::string_view item_id) const {
  auto it = data_->item_index.find(item_id);
  if (it == data_->item_index.end()) return nullptr;
  const int repeat = data_->items[static_cast<size_t>(it->second)].repeat;
  return repeat < 0 ? nullptr : data_->sections[static_cast<size_t>(repeat)].proto;
}

int CompiledTemplate::MaxInstances(std::string_view section_id) const {
  for (const auto& s : data_->sections) {
    if (s.proto->id() == section_id) return s.max_instances;
  }
  return 0;
}

v1::LocalizedText InstanceLabel(const v1::Section& section, int n) {
  const std::string number = std::to_string(n);
  v1::LocalizedText out;
  const v1::LocalizedText& label = section.repeat().instance_label();
  if (label.zh().empty() && label.en().empty()) {
    out.set_zh(section.title().zh() + "（第 " + number + " 个）");
    out.set_en(section.title().en() + " (" + number + ")");
    return out;
  }
  auto fill = [&number](std::string text) {
    for (size_t at = text.find("{n}"); at != std::string::npos; at = text.find("{n}", at)) {
      text.replace(at, 3, number);
      at += number.size();
    }
    return text;
  };
  out.set_zh(fill(label.zh()));
  out.set_en(fill(label.en()));
  return out;
}

Result<CompiledTemplate> LoadTemplateJson(std::string_view json) {
  if (json.size() > kMaxTemplateJsonBytes) {
    return InvalidArgument(
        "The template JSON is larger than 4 MB; split the checklist into "
        "several templates.");
  }
  v1::ChecklistTemplate tpl;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), &tpl, options);
  if (!status.ok()) {
    return InvalidArgument("The template is not valid checklist JSON (" + status.ToString() +
                           "); fix the JSON against proto/qiaomen/v1/template.proto.");
  }
  return CompileTemplate(std::move(tpl));
}

}  // namespace qiaomen::core::forms
