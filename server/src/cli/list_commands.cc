// workers, devices, campaigns, checklists: what the county has set up, for the township staff who
// look after it (a lost phone's device id to revoke, a worker's scope, which checklists are live).
// Tables in Chinese, lined up by display width; times in the county's time zone.
#include <algorithm>
#include <map>

#include "admin/device_activity.h"
#include "cli/command.h"
#include "cli/county_messages.h"
#include "cli/json_text.h"
#include "qiaomen/base/display_width.h"
#include "qiaomen/base/time_zone.h"
#include "qiaomen/core/domain/labels.h"
#include "qiaomen/core/forms/answer_text.h"
#include "qiaomen/core/forms/compiled_template.h"
#include "qiaomen/core/uuid.h"

namespace qiaomen::server {
namespace {

// One table: rows of cells; printed as text lined up by display width, or as a JSON array of
// objects keyed by `keys`.
struct Table {
  std::vector<std::string> keys;     // JSON member names
  std::vector<std::string> headers;  // column titles in the reader's language
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;  // JSON: written unquoted
};

// A catalogue's column titles ("工号|姓名|...") as a list.
std::vector<std::string> Headers(const core::Args& args, CountyMsg id) {
  std::vector<std::string> headers;
  const std::string text = CountySay(LanguageOf(args), id);
  size_t start = 0;
  for (size_t bar = text.find('|'); bar != std::string::npos; bar = text.find('|', start)) {
    headers.push_back(text.substr(start, bar - start));
    start = bar + 1;
  }
  headers.push_back(text.substr(start));
  return headers;
}

void Print(const Table& table, bool json, const std::string& empty, std::ostream& out) {
  if (json) {
    out << "[";
    for (size_t r = 0; r < table.rows.size(); ++r) {
      out << (r ? "," : "") << "{";
      for (size_t c = 0; c < table.keys.size(); ++c) {
        const std::string& cell = table.rows[r][c];
        const bool number = c < table.numeric.size() && table.numeric[c];
        out << (c ? "," : "") << JsonQuote(table.keys[c]) << ":"
            << (number ? cell : JsonQuote(cell));
      }
      out << "}";
    }
    out << "]\n";
    return;
  }
  if (table.rows.empty()) {
    out << empty << "\n";
    return;
  }
  std::vector<size_t> widths;
  for (const auto& h : table.headers) widths.push_back(base::DisplayWidth(h));
  for (const auto& row : table.rows) {
    for (size_t c = 0; c < row.size(); ++c)
      widths[c] = std::max(widths[c], base::DisplayWidth(row[c]));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (size_t c = 0; c < cells.size(); ++c) {
      text += c + 1 == cells.size() ? cells[c] : base::PadToWidth(cells[c], widths[c]) + "  ";
    }
    out << text << "\n";
  };
  line(table.headers);
  for (const auto& row : table.rows) line(row);
}

std::string DeviceIdText(const std::string& bytes) {
  auto uuid = core::Uuid::FromBytes(bytes);
  return uuid.ok() ? uuid->ToString() : std::string();
}

bool Json(const core::Args& args) { return args.Get("format").value_or("text") == "json"; }

core::Status Workers(const core::Args& args, std::ostream& out) {
  QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
  auto conn = storage->pool().Acquire();
  QM_ASSIGN_OR_RETURN(auto rows,
                      conn->Query("SELECT w.id, w.name, w.role, w.scope, "
                                  "(SELECT count(*) FROM devices d WHERE d.worker_id = "
                                  "w.id AND d.revoked = 0) FROM workers w ORDER BY w.id"));
  Table table{{"id", "name", "role", "scope", "devices"},
              Headers(args, CountyMsg::kWorkersColumns),
              {},
              {false, false, false, false, true}};
  for (const auto& r : rows) {
    table.rows.push_back({r.Text(0), r.Text(1),
                          Json(args) ? r.Text(2) : RoleText(r.Text(2), LanguageOf(args)), r.Text(3),
                          std::to_string(r.Int(4))});
  }
  Print(table, Json(args), CountySay(LanguageOf(args), CountyMsg::kNoWorkers), out);
  return core::Status::Ok();
}

core::Status Devices(const core::Args& args, std::ostream& out) {
  QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
  auto conn = storage->pool().Acquire();
  QM_ASSIGN_OR_RETURN(auto devices, ListDeviceActivity(*conn));
  const base::TimeZone& zone = storage->time_zone();
  const bool json = Json(args);
  const core::domain::Language language = LanguageOf(args);
  auto when = [&](int64_t ms) {
    return ms > 0 ? base::CountyDateTime(ms, zone)
                  : (json ? std::string() : CountySay(language, CountyMsg::kNever));
  };
  Table table{{"device_id", "worker", "worker_name", "name", "status", "enrolled_at",
               "last_sync_at", "last_change_at", "reenrolled_after_revocation_at"},
              Headers(args, CountyMsg::kDevicesColumns),
              {},
              {}};
  for (const auto& d : devices) {
    std::string status =
        d.revoked ? (json ? "revoked" : CountySay(language, CountyMsg::kDeviceStateRevoked))
                  : (json ? "active" : CountySay(language, CountyMsg::kDeviceActive));
    if (!d.revoked && d.reinstated_ms > 0) {
      status = json ? "reinstated" : CountySay(language, CountyMsg::kDeviceReinstated);
    }
    table.rows.push_back({DeviceIdText(d.device_id), d.worker_id, d.worker_name, d.name, status,
                          base::CountyDateTime(d.enrolled_ms, zone), when(d.last_sync_ms),
                          when(d.last_change_ms),
                          d.reinstated_ms > 0 ? base::CountyDateTime(d.reinstated_ms, zone) : ""});
  }
  Print(table, json, CountySay(language, CountyMsg::kNoDevices), out);
  return core::Status::Ok();
}

core::Status Campaigns(const core::Args& args, std::ostream& out) {
  QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
  auto conn = storage->pool().Acquire();
  QM_ASSIGN_OR_RETURN(auto rows, conn->Query("SELECT id, title, template_ids, scope, due_date, "
                                             "created_ms FROM campaigns ORDER BY created_ms, id"));
  Table table{{"id", "title", "templates", "scope", "due", "created_at"},
              Headers(args, CountyMsg::kCampaignsColumns),
              {},
              {}};
  for (const auto& r : rows) {
    table.rows.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4),
                          base::CountyDateTime(r.Int(5), storage->time_zone())});
  }
  Print(table, Json(args), CountySay(LanguageOf(args), CountyMsg::kNoCampaigns), out);
  return core::Status::Ok();
}

core::Status Checklists(const core::Args& args, std::ostream& out) {
  QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
  auto conn = storage->pool().Acquire();
  QM_ASSIGN_OR_RETURN(auto rows, conn->Query("SELECT id, version, body, published_ms FROM "
                                             "templates ORDER BY id, version"));
  Table table{{"id", "version", "title", "subject_kind", "items", "published_at"},
              Headers(args, CountyMsg::kChecklistsColumns),
              {},
              {false, true, false, false, true}};
  for (const auto& r : rows) {
    std::string title, kind;
    int items = 0;
    // Stored only after the checker passed it; one that no longer does is still listed.
    if (auto tpl = core::forms::LoadTemplateJson(r.Text(2)); tpl.ok()) {
      title = core::forms::TextIn(tpl->proto().title(), LanguageOf(args));
      const auto label = core::domain::SubjectKindLabel(tpl->proto().subject_kind());
      kind = Json(args) ? std::string(label.code) : std::string(label.In(LanguageOf(args)));
      items = tpl->item_count();
    }
    table.rows.push_back({r.Text(0), std::to_string(r.Int(1)), title, kind, std::to_string(items),
                          base::CountyDateTime(r.Int(3), storage->time_zone())});
  }
  Print(table, Json(args), CountySay(LanguageOf(args), CountyMsg::kNoChecklists), out);
  return core::Status::Ok();
}

}  // namespace

void AddListCommands(std::vector<Command>& commands) {
  const core::ArgSpec spec{{"data", "db", "format"}, {}};
  commands.push_back(
      Command{"workers", CountyMsg::kSummaryWorkers, CountyMsg::kUsageWorkers, spec, Workers});
  commands.push_back(
      Command{"devices", CountyMsg::kSummaryDevices, CountyMsg::kUsageDevices, spec, Devices});
  commands.push_back(Command{"campaigns", CountyMsg::kSummaryCampaigns, CountyMsg::kUsageCampaigns,
                             spec, Campaigns});
  commands.push_back(Command{"checklists", CountyMsg::kSummaryChecklists,
                             CountyMsg::kUsageChecklists, spec, Checklists});
}

}  // namespace qiaomen::server
