#include "qiaomen/server/subject_import.h"

#include <map>
#include <optional>
#include <set>

#include "admin/csv.h"
#include "qiaomen/base/text_encoding.h"
#include "qiaomen/core/domain/labels.h"
#include "qiaomen/core/random.h"
#include "qiaomen/core/uuid.h"
#include "qiaomen/server/directory.h"
#include "store/change_store.h"

namespace qiaomen::server {
namespace {

const std::vector<std::string> kColumns = {"external_id", "kind",    "town",  "village", "grid",
                                           "name",        "address", "phone", "members", "tags"};

struct Row {
  int line = 0;
  std::string external_id;
  v1::SubjectKind kind = v1::SUBJECT_KIND_UNSPECIFIED;
  AdminUnitRow town, village, grid;
  std::string name, address, phone;
  int64_t members = 0;
  std::vector<std::string> tags;
  std::string premises_type;  // a PremisesTypeFromText code; "" for none
};

std::string Trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t");
  size_t b = s.find_last_not_of(" \t");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

// "V02:Shangcun" -> id V02 (prefixed with the parent id unless already), name Shangcun.
bool ParseUnit(const std::string& cell, const std::string& parent, const std::string& level,
               AdminUnitRow* unit) {
  std::string text = Trim(cell);
  size_t colon = text.find(':');
  std::string id = Trim(text.substr(0, colon));
  std::string name = colon == std::string::npos ? id : Trim(text.substr(colon + 1));
  if (id.empty() || id.find_first_of(",| ") != std::string::npos) return false;
  if (!parent.empty() && id.rfind(parent + "-", 0) != 0) id = parent + "-" + id;
  *unit = AdminUnitRow{id, parent, name.empty() ? id : name, level, ""};
  return true;
}

// The subject's fields as a row gives them; premises_type only when the file has that column (a
// file without it leaves the types imported before as they are).
std::vector<v1::FieldSet> FieldsOf(const Row& row, bool with_premises_type) {
  std::vector<v1::FieldSet> out;
  auto text = [&](const char* field, const std::string& value) {
    v1::FieldSet f;
    f.set_field(field);
    f.mutable_value()->set_text(value);
    out.push_back(f);
  };
  auto integer = [&](const char* field, int64_t value) {
    v1::FieldSet f;
    f.set_field(field);
    f.mutable_value()->set_integer(value);
    out.push_back(f);
  };
  text("external_id", row.external_id);
  text("kind", std::string(core::domain::SubjectKindLabel(row.kind).code));
  text("grid_id", row.grid.id);
  text("name", row.name);
  text("address", row.address);
  text("phone", row.phone);
  integer("members", row.members);
  v1::FieldSet tags;
  tags.set_field("tags");
  for (const auto& t : row.tags) tags.mutable_value()->mutable_texts()->add_values(t);
  if (row.tags.empty()) tags.mutable_value()->mutable_texts();
  out.push_back(tags);
  if (with_premises_type) text("premises_type", row.premises_type);
  return out;
}

struct ParsedRows {
  std::vector<Row> rows;
  bool has_premises_type = false;  // the optional column is in the header
};

// The refusal of a file with `problems`: InvalidArgument saying them in English.
core::Status Refused(const std::vector<ImportProblem>& problems) {
  std::string all = ImportRefusedText(core::domain::Language::kEn) + "\n";
  for (const auto& p : problems) all += ImportProblemLine(p, core::domain::Language::kEn) + "\n";
  return core::InvalidArgument(all);
}

// The rows of `csv_text`, or nullopt with every problem in `problems`.
std::optional<ParsedRows> ParseRows(const std::string& csv_text, const std::string& town,
                                    std::vector<ImportProblem>& problems) {
  using Kind = ImportProblemKind;
  int unclosed = 0;
  auto records = ParseCsv(csv_text, &unclosed);
  if (!records.ok()) {
    problems.push_back({Kind::kUnclosedQuote, unclosed, "", "", "", ""});
    return std::nullopt;
  }
  if (records->empty()) {
    problems.push_back({Kind::kEmptyFile, 0, "", "", "", ""});
    return std::nullopt;
  }
  const CsvRecord& header = records->front();
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < header.fields.size(); ++i) index[Trim(header.fields[i])] = i;
  for (const auto& c : kColumns) {
    if (!index.count(c)) problems.push_back({Kind::kMissingColumn, header.line, c, "", "", ""});
  }
  if (!problems.empty()) return std::nullopt;
  const bool has_premises_type = index.count("premises_type") > 0;
  std::vector<Row> rows;
  std::set<std::string> seen;
  for (size_t r = 1; r < records->size(); ++r) {
    const auto& rec = (*records)[r];
    auto cell = [&](const std::string& col) {
      size_t i = index[col];
      return i < rec.fields.size() ? Trim(rec.fields[i]) : std::string();
    };
    auto problem = [&](Kind kind, const std::string& column, const std::string& value = "",
                       const std::string& detail = "") {
      problems.push_back({kind, rec.line, column, value, detail, ""});
    };
    if (rec.fields.size() != header.fields.size()) {
      problem(Kind::kColumnCount, "", std::to_string(rec.fields.size()),
              std::to_string(header.fields.size()));
      continue;
    }
    Row row;
    row.line = rec.line;
    row.external_id = cell("external_id");
    if (row.external_id.empty()) problem(Kind::kEmptyCell, "external_id");
    if (!row.external_id.empty() && !seen.insert(row.external_id).second) {
      problem(Kind::kDuplicateId, "external_id", row.external_id);
    }
    std::string kind = cell("kind");
    if (auto known = core::domain::SubjectKindFromText(kind)) {
      row.kind = *known;
    } else {
      problem(Kind::kBadKind, "kind", kind);
    }
    if (!ParseUnit(cell("town"), "", "town", &row.town)) {
      problem(Kind::kBadUnit, "town", cell("town"));
    } else if (!ParseUnit(cell("village"), row.town.id, "village", &row.village)) {
      problem(Kind::kBadUnit, "village", cell("village"));
    } else if (!ParseUnit(cell("grid"), row.village.id, "grid", &row.grid)) {
      problem(Kind::kBadUnit, "grid", cell("grid"));
    }
    row.town.town_id = row.village.town_id = row.grid.town_id = row.town.id;
    if (!town.empty() && !row.town.id.empty() && row.town.id != town) {
      problem(Kind::kOtherTown, "town", row.town.id, town);
    }
    row.name = cell("name");
    if (row.name.empty()) problem(Kind::kEmptyCell, "name");
    row.address = cell("address");
    row.phone = cell("phone");
    std::string members = cell("members");
    if (!members.empty()) {
      bool digits =
          members.size() <= 4 && members.find_first_not_of("0123456789") == std::string::npos;
      if (!digits) {
        problem(Kind::kBadMembers, "members", members);
      } else {
        row.members = std::stoll(members);
      }
    }
    std::string tags = cell("tags");
    size_t start = 0;
    while (start < tags.size()) {
      size_t end = tags.find(';', start);
      std::string tag = Trim(tags.substr(start, end == std::string::npos ? end : end - start));
      if (!tag.empty()) row.tags.push_back(tag);
      if (end == std::string::npos) break;
      start = end + 1;
    }
    if (has_premises_type) {
      const std::string type = cell("premises_type");
      if (type.empty()) {
      } else if (row.kind == v1::HOUSEHOLD) {
        problem(Kind::kPremisesTypeOnHousehold, "premises_type", type);
      } else if (auto known = core::domain::PremisesTypeFromText(type)) {
        row.premises_type = std::string(known->code);
      } else {
        problem(Kind::kBadPremisesType, "premises_type", type,
                std::string(core::domain::PremisesTypeCodes()));
      }
    }
    rows.push_back(std::move(row));
  }
  if (!problems.empty()) return std::nullopt;
  return ParsedRows{std::move(rows), has_premises_type};
}

}  // namespace

core::Result<ImportSummary> ImportSubjectsCsv(Storage& storage, core::Clock& clock,
                                              const std::string& csv_bytes,
                                              const ImportOptions& options,
                                              std::vector<ImportProblem>* problems_out) {
  std::vector<ImportProblem> scratch;
  std::vector<ImportProblem>& problems = problems_out ? *problems_out : scratch;
  problems.clear();
  auto csv = base::DecodeText(csv_bytes, "The CSV file");
  if (!csv.ok()) {
    problems.push_back({ImportProblemKind::kNotText, 0, "", "", "", ""});
    return Refused(problems);
  }
  std::optional<ParsedRows> parsed = ParseRows(csv->text, options.town, problems);
  if (!parsed) return Refused(problems);
  const std::vector<Row>& rows = parsed->rows;
  ImportSummary summary;
  summary.rows = static_cast<int>(rows.size());
  Directory directory(storage, clock);
  auto conn = storage.pool().Acquire();
  const std::string& server_id = storage.identity().server_id;
  core::Status s = InTransaction(*conn, [&]() -> core::Status {
    summary = ImportSummary{};
    summary.rows = static_cast<int>(rows.size());
    summary.encoding = csv->encoding;
    int64_t now = clock.NowMillis();
    std::set<std::string> done_units;
    for (const auto& row : rows) {
      for (const AdminUnitRow* unit : {&row.town, &row.village, &row.grid}) {
        if (!done_units.insert(unit->id).second) continue;
        auto existing = directory.GetAdminUnit(*conn, unit->id);
        if (existing.ok()) {
          if (existing->level != unit->level || existing->parent_id != unit->parent_id) {
            problems.push_back({ImportProblemKind::kUnitClash, row.line, "", unit->id,
                                existing->level, existing->parent_id});
            return Refused(problems);
          }
          continue;
        }
        QM_RETURN_IF_ERROR(directory.UpsertAdminUnit(*conn, *unit));
        v1::Change change;
        change.set_entity(v1::ENTITY_ADMIN_UNIT);
        change.set_record_id(unit->id);
        auto* au = change.mutable_admin_unit();
        au->set_id(unit->id);
        au->set_parent_id(unit->parent_id);
        au->set_name(unit->name);
        au->set_level(unit->level);
        Placement p{unit->town_id, unit->level == "grid" ? unit->id : "", ""};
        QM_RETURN_IF_ERROR(RecordServerChange(*conn, change, p, server_id, now));
        ++summary.units_created;
      }
      Placement placement{row.town.id, row.grid.id, ""};
      auto mapped = conn->Query("SELECT subject_id FROM subject_ids WHERE external_id = $1",
                                {Text(row.external_id)});
      QM_RETURN_IF_ERROR(mapped.status());
      v1::Change change;
      change.set_entity(v1::ENTITY_SUBJECT);
      auto* fields = change.mutable_fields();
      std::vector<v1::FieldSet> wanted = FieldsOf(row, parsed->has_premises_type);
      if (mapped->empty()) {
        std::string id = core::Uuid::NewV7(clock, core::SecureRandom()).ToBytes();
        QM_RETURN_IF_ERROR(
            conn->Exec("INSERT INTO subject_ids (external_id, subject_id) VALUES ($1, $2)",
                       {Text(row.external_id), Blob(id)}));
        change.set_record_id(id);
        fields->set_create(true);
        for (auto& f : wanted) *fields->add_fields() = f;
        ++summary.created;
      } else {
        std::string id = mapped->front().Bytes(0);
        change.set_record_id(id);
        QM_ASSIGN_OR_RETURN(auto stored, LoadRecord(*conn, v1::ENTITY_SUBJECT, id));
        QM_ASSIGN_OR_RETURN(auto state, core::merge::DecodeRecordState(stored.state));
        for (auto& f : wanted) {
          auto it = state.fields.find(f.field());
          if (it != state.fields.end() &&
              it->second.value.SerializeAsString() == f.value().SerializeAsString()) {
            continue;
          }
          if (it != state.fields.end()) f.set_base_hlc(it->second.hlc);
          *fields->add_fields() = f;
        }
        if (fields->fields_size() == 0) {
          ++summary.unchanged;
          continue;
        }
        ++summary.updated;
      }
      placement.subject_id = change.record_id();
      QM_RETURN_IF_ERROR(RecordServerChange(*conn, change, placement, server_id, now));
    }
    // A dry run did all the work to count it exactly; cancelling rolls all of it back.
    if (options.dry_run) return core::Cancelled("dry run");
    return core::Status::Ok();
  });
  if (options.dry_run && s.code() == core::Code::kCancelled) return summary;
  if (!s.ok()) return s;
  return summary;
}

}  // namespace qiaomen::server
