// ChecklistSheets: a template as the workbook ReadChecklistWorkbook reads back.
#include <algorithm>

#include "workbook/template_sheets.h"
#include "workbook/template_sheets_internal.h"

namespace qiaomen::server::workbook {
namespace {

// A row for `spec`'s columns, filled by column name.
class RowBuilder {
 public:
  explicit RowBuilder(const internal::SheetSpec& spec) : spec_(spec), cells_(Width(spec)) {}

  RowBuilder& Text(const std::string& column, const std::string& text) {
    cells_[Index(column)] = OutCell::Text(text);
    return *this;
  }
  RowBuilder& Texts(const std::string& base, const v1::LocalizedText& text) {
    Text(base + "::zh", text.zh());
    return Text(base + "::en", text.en());
  }
  RowBuilder& Number(const std::string& column, double n) {
    cells_[Index(column)] = OutCell::Number(n);
    return *this;
  }
  RowBuilder& Count(const std::string& column, uint32_t n) {
    if (n != 0) Number(column, n);
    return *this;
  }
  std::vector<OutCell> Done() { return std::move(cells_); }

 private:
  // The columns written: the spec's, without those the template cannot hold yet.
  static size_t Width(const internal::SheetSpec& spec) { return Columns(spec).size(); }
  static std::vector<std::string> Columns(const internal::SheetSpec& spec) {
    std::vector<std::string> out;
    for (const auto& c : spec.columns) {
      if (c != "choice_filter") out.push_back(c);
    }
    return out;
  }
  size_t Index(const std::string& column) const {
    const auto columns = Columns(spec_);
    return static_cast<size_t>(std::find(columns.begin(), columns.end(), column) - columns.begin());
  }

 public:
  static std::vector<OutCell> HeaderRow(const internal::SheetSpec& spec) {
    std::vector<OutCell> row;
    for (const auto& c : Columns(spec)) row.push_back(OutCell::Text(c));
    return row;
  }

 private:
  const internal::SheetSpec& spec_;
  std::vector<OutCell> cells_;
};

std::string Required(const std::string& required) { return required == "true" ? "yes" : required; }

std::string YesNo(bool b) { return b ? "yes" : ""; }

std::string Lines(const v1::HazardRule& h, bool zh) {
  std::string out;
  for (const auto& a : h.actions()) out += (out.empty() ? "" : "\n") + (zh ? a.zh() : a.en());
  return out;
}

OutSheet SurveySheet(const v1::ChecklistTemplate& tpl) {
  const auto& spec = internal::SurveySpec();
  OutSheet sheet("survey", {RowBuilder::HeaderRow(spec)});
  for (const auto& section : tpl.sections()) {
    const bool repeats = section.has_repeat();
    RowBuilder begin(spec);
    begin.Text("type", repeats ? "begin_repeat" : "begin_group")
        .Text("name", section.id())
        .Texts("label", section.title())
        .Text("relevant", section.relevant());
    if (repeats) {
      const v1::Repeat& r = section.repeat();
      if (r.count() != 0) begin.Number("repeat_count", r.count());
      if (!r.count_item().empty()) begin.Text("repeat_count", "${" + r.count_item() + "}");
      begin.Count("min", r.min()).Count("max", r.max());
      if (r.has_instance_label()) begin.Texts("instance_label", r.instance_label());
    }
    sheet.rows.push_back(begin.Done());
    for (const auto& item : section.items()) {
      std::string type;
      switch (item.kind()) {
        case v1::SINGLE_CHOICE:
          type = "select_one " + item.id();
          break;
        case v1::MULTI_CHOICE:
          type = "select_multiple " + item.id();
          break;
        case v1::YES_NO_NA:
          type = "yes_no_na";
          break;
        case v1::INTEGER:
          type = "integer";
          break;
        case v1::DECIMAL:
          type = "decimal";
          break;
        case v1::TEXT:
          type = "text";
          break;
        case v1::DATE:
          type = "date";
          break;
        case v1::PHOTO:
          type = "image";
          break;
        case v1::SIGNATURE:
          type = "signature";
          break;
        case v1::LOCATION:
          type = "geopoint";
          break;
        default:
          type = v1::ItemKind_Name(item.kind());
          break;
      }
      RowBuilder row(spec);
      row.Text("type", type)
          .Text("name", item.id())
          .Texts("label", item.label())
          .Texts("hint", item.help())
          .Text("relevant", item.relevant())
          .Text("required", Required(item.required()))
          .Text("constraint", item.constraint())
          .Texts("constraint_message", item.constraint_message())
          .Text("unit", item.unit())
          .Count("max_length", item.max_length())
          .Text("pattern", item.pattern())
          .Count("min_photos", item.min_photos())
          .Count("max_photos", item.max_photos());
      if (item.has_min()) row.Number("min", item.min());
      if (item.has_max()) row.Number("max", item.max());
      sheet.rows.push_back(row.Done());
    }
    sheet.rows.push_back(
        RowBuilder(spec).Text("type", repeats ? "end_repeat" : "end_group").Done());
  }
  for (const auto& c : tpl.computed()) {
    sheet.rows.push_back(RowBuilder(spec)
                             .Text("type", "calculate")
                             .Text("name", c.id())
                             .Texts("label", c.label())
                             .Text("calculation", c.expression())
                             .Done());
  }
  return sheet;
}

OutSheet ChoicesSheet(const v1::ChecklistTemplate& tpl) {
  const auto& spec = internal::ChoicesSpec();
  OutSheet sheet("choices", {RowBuilder::HeaderRow(spec)});
  for (const auto& section : tpl.sections()) {
    for (const auto& item : section.items()) {
      for (const auto& c : item.choices()) {
        sheet.rows.push_back(RowBuilder(spec)
                                 .Text("list_name", item.id())
                                 .Text("name", c.code())
                                 .Texts("label", c.label())
                                 .Done());
      }
    }
  }
  return sheet;
}

OutSheet HazardsSheet(const v1::ChecklistTemplate& tpl) {
  const auto& spec = internal::HazardsSpec();
  OutSheet sheet("hazards", {RowBuilder::HeaderRow(spec)});
  for (const auto& h : tpl.hazard_rules()) {
    RowBuilder row(spec);
    row.Text("id", h.id())
        .Text("when", h.when())
        .Text("category", h.category())
        .Texts("title", h.title())
        .Texts("legal_basis", h.legal_basis())
        .Text("photo_required", YesNo(h.photo_required()))
        .Text("photo_item", h.photo_item())
        .Text("suspected_major", YesNo(h.suspected_major()))
        .Text("emergency", YesNo(h.emergency()))
        .Text("actions::zh", Lines(h, true))
        .Text("actions::en", Lines(h, false));
    if (h.severity() != v1::SEVERITY_UNSPECIFIED) {
      row.Text("severity", v1::Severity_Name(h.severity()));
    }
    if (h.urgency() != v1::URGENCY_UNSPECIFIED) row.Text("urgency", v1::Urgency_Name(h.urgency()));
    if (!h.emergency()) row.Number("deadline_days", h.deadline_days());
    sheet.rows.push_back(row.Done());
  }
  return sheet;
}

}  // namespace

std::vector<OutSheet> ChecklistSheets(const v1::ChecklistTemplate& tpl) {
  const auto& spec = internal::SettingsSpec();
  OutSheet settings("settings", {RowBuilder::HeaderRow(spec)});
  RowBuilder row(spec);
  row.Text("form_id", tpl.id())
      .Number("version", tpl.version())
      .Texts("form_title", tpl.title())
      .Texts("description", tpl.description());
  if (tpl.subject_kind() != v1::SUBJECT_KIND_UNSPECIFIED) {
    row.Text("subject_kind", v1::SubjectKind_Name(tpl.subject_kind()));
  }
  settings.rows.push_back(row.Done());
  return {std::move(settings), SurveySheet(tpl), ChoicesSheet(tpl), HazardsSheet(tpl)};
}

}  // namespace qiaomen::server::workbook
