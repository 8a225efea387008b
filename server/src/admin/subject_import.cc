#include "qiaomen/server/subject_import.h"

#include <map>
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

core::Result<ParsedRows> ParseRows(const std::string& csv_text, const std::string& town) {
  QM_ASSIGN_OR_RETURN(auto records, ParseCsv(csv_text));
  if (records.empty()) return core::InvalidArgument("The file is empty: it needs a header row.");
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < records[0].fields.size(); ++i) {
    index[Trim(records[0].fields[i])] = i;
  }
  std::vector<std::string> errors;
  for (const auto& c : kColumns) {
    if (!index.count(c)) errors.push_back("line 1: the header has no column '" + c + "'");
  }
  if (!errors.empty()) {
    std::string all;
    for (const auto& e : errors) all += e + "\n";
    return core::InvalidArgument("Nothing was imported; fix the file and run it again.\n" + all);
  }
  const bool has_premises_type = index.count("premises_type") > 0;
  std::vector<Row> rows;
  std::set<std::string> seen;
  for (size_t r = 1; r < records.size(); ++r) {
    const auto& rec = records[r];
    auto cell = [&](const std::string& col) {
      size_t i = index[col];
      return i < rec.fields.size() ? Trim(rec.fields[i]) : std::string();
    };
    std::string prefix = "line " + std::to_string(rec.line) + ": ";
    if (rec.fields.size() != records[0].fields.size()) {
      errors.push_back(prefix + "has " + std::to_string(rec.fields.size()) +
                       " columns, the header " + std::to_string(records[0].fields.size()));
      continue;
    }
    Row row;
    row.line = rec.line;
    row.external_id = cell("external_id");
    if (row.external_id.empty()) errors.push_back(prefix + "external_id is empty");
    if (!row.external_id.empty() && !seen.insert(row.external_id).second) {
      errors.push_back(prefix + "external_id " + row.external_id + " appears twice in the file");
    }
    std::string kind = cell("kind");
    if (auto known = core::domain::SubjectKindFromText(kind))
      row.kind = *known;
    else
      errors.push_back(prefix + "kind '" + kind +
                       "' must be household, premises, facility or village");
    if (!ParseUnit(cell("town"), "", "town", &row.town)) {
      errors.push_back(prefix + "town is empty or has spaces or commas in its id");
    } else if (!ParseUnit(cell("village"), row.town.id, "village", &row.village)) {
      errors.push_back(prefix + "village is empty or has spaces or commas in its id");
    } else if (!ParseUnit(cell("grid"), row.village.id, "grid", &row.grid)) {
      errors.push_back(prefix + "grid is empty or has spaces or commas in its id");
    }
    row.town.town_id = row.village.town_id = row.grid.town_id = row.town.id;
    if (!town.empty() && !row.town.id.empty() && row.town.id != town) {
      errors.push_back(prefix + "town " + row.town.id + " is not this account's town (" + town +
                       "); remove the row or ask the county to import it");
    }
    row.name = cell("name");
    if (row.name.empty()) errors.push_back(prefix + "name is empty");
    row.address = cell("address");
    row.phone = cell("phone");
    std::string members = cell("members");
    if (!members.empty()) {
      bool digits =
          members.size() <= 4 && members.find_first_not_of("0123456789") == std::string::npos;
      if (!digits)
        errors.push_back(prefix + "members '" + members + "' must be a whole number");
      else
        row.members = std::stoll(members);
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
        errors.push_back(prefix + "premises_type '" + type +
                         "' is for premises and facilities; leave it empty for a household");
      } else if (auto known = core::domain::PremisesTypeFromText(type)) {
        row.premises_type = std::string(known->code);
      } else {
        errors.push_back(prefix + "premises_type '" + type + "' must be one of " +
                         std::string(core::domain::PremisesTypeCodes()) +
                         " (or its Chinese name), or empty");
      }
    }
    rows.push_back(std::move(row));
  }
  if (!errors.empty()) {
    std::string all;
    for (const auto& e : errors) all += e + "\n";
    return core::InvalidArgument("Nothing was imported; fix these rows and run it again.\n" + all);
  }
  return ParsedRows{std::move(rows), has_premises_type};
}

}  // namespace

core::Result<ImportSummary> ImportSubjectsCsv(Storage& storage, core::Clock& clock,
                                              const std::string& csv_bytes,
                                              const ImportOptions& options) {
  QM_ASSIGN_OR_RETURN(base::DecodedText csv, base::DecodeText(csv_bytes, "The CSV file"));
  QM_ASSIGN_OR_RETURN(ParsedRows parsed, ParseRows(csv.text, options.town));
  const std::vector<Row>& rows = parsed.rows;
  ImportSummary summary;
  summary.rows = static_cast<int>(rows.size());
  Directory directory(storage, clock);
  auto conn = storage.pool().Acquire();
  const std::string& server_id = storage.identity().server_id;
  core::Status s = InTransaction(*conn, [&]() -> core::Status {
    summary = ImportSummary{};
    summary.rows = static_cast<int>(rows.size());
    summary.encoding = csv.encoding;
    int64_t now = clock.NowMillis();
    std::set<std::string> done_units;
    for (const auto& row : rows) {
      for (const AdminUnitRow* unit : {&row.town, &row.village, &row.grid}) {
        if (!done_units.insert(unit->id).second) continue;
        auto existing = directory.GetAdminUnit(*conn, unit->id);
        if (existing.ok()) {
          if (existing->level != unit->level || existing->parent_id != unit->parent_id) {
            return core::InvalidArgument("line " + std::to_string(row.line) + ": " + unit->id +
                                         " already exists as a " + existing->level + " under '" +
                                         existing->parent_id + "'. Nothing was imported.");
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
      std::vector<v1::FieldSet> wanted = FieldsOf(row, parsed.has_premises_type);
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
