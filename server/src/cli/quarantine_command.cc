// quarantine: the changes the server refused (invalid visits, out-of-scope writes, bad signatures),
// each kept with its reason for review; nothing a device sent is ever dropped.
#include <cctype>
#include <map>

#include "cli/command.h"
#include "cli/json_text.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/base/time_zone.h"
#include "qiaomen/core/uuid.h"
#include "qiaomen/v1/sync.pb.h"
#include "store/record_state.h"
#include "util/bytes.h"

namespace qiaomen::server {
namespace {

// What a person reviewing a refusal needs besides the reason: whose household, who sent it.
struct Refusal {
  int64_t id = 0;
  std::string device;  // hex
  int64_t seq = 0;
  std::string entity;       // "visit", "hazard_event"...
  std::string subject;      // "H001 王秀英" ("" when the change names none the server knows)
  std::string worker;       // "gw-wang 王网格"
  std::string received_at;  // county time
  std::string code;
  std::string reason;
  int64_t received_ms = 0;
};

std::string EntityName(int entity) {
  std::string name = v1::Entity_Name(static_cast<v1::Entity>(entity));
  if (name.rfind("ENTITY_", 0) == 0) name = name.substr(7);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name.empty() ? "entity " + std::to_string(entity) : name;
}

// The subject a refused change is about: the record itself, a visit's or a hazard's subject.
std::string SubjectIdOf(const v1::Change& change) {
  switch (change.body_case()) {
    case v1::Change::kVisit:
      return change.visit().subject_id();
    case v1::Change::kHazard:
      return change.hazard().subject_id();
    default:
      return change.entity() == v1::ENTITY_SUBJECT ? change.record_id() : std::string();
  }
}

core::Result<std::string> DescribeSubject(SqlConnection& conn, const std::string& subject_id) {
  if (subject_id.empty()) return std::string();
  QM_ASSIGN_OR_RETURN(
      auto ext,
      conn.Query("SELECT external_id FROM subject_ids WHERE subject_id = $1", {Blob(subject_id)}));
  std::string text = ext.empty() ? core::Uuid::FromBytes(subject_id).ok()
                                       ? core::Uuid::FromBytes(subject_id)->ToString()
                                       : base::HexEncode(subject_id)
                                 : ext[0].Text(0);
  QM_ASSIGN_OR_RETURN(auto rows, conn.Query("SELECT state FROM records WHERE entity = $1 AND "
                                            "record_id = $2",
                                            {Int(v1::ENTITY_SUBJECT), Blob(subject_id)}));
  if (!rows.empty()) {
    if (auto state = core::merge::DecodeRecordState(rows[0].Bytes(0)); state.ok()) {
      const std::string name = RegisterText(*state, "name");
      if (!name.empty()) text += " " + name;
    }
  }
  return text;
}

core::Result<std::vector<Refusal>> LoadRefusals(Storage& storage) {
  auto conn = storage.pool().Acquire();
  QM_ASSIGN_OR_RETURN(auto rows,
                      conn->Query("SELECT q.id, q.device_id, q.seq, q.entity, q.code, q.reason, "
                                  "q.received_ms, q.payload, d.worker_id, w.name FROM quarantine q "
                                  "LEFT JOIN devices d ON d.device_id = q.device_id "
                                  "LEFT JOIN workers w ON w.id = d.worker_id ORDER BY q.id"));
  std::vector<Refusal> out;
  for (const auto& r : rows) {
    Refusal q;
    q.id = r.Int(0);
    q.device = base::HexEncode(r.Bytes(1));
    q.seq = r.Int(2);
    q.entity = EntityName(static_cast<int>(r.Int(3)));
    q.code = r.Text(4);
    q.reason = r.Text(5);
    q.received_ms = r.Int(6);
    q.received_at = base::CountyDateTime(q.received_ms, storage.time_zone());
    v1::Change change;
    if (change.ParseFromString(r.Bytes(7))) {
      QM_ASSIGN_OR_RETURN(q.subject, DescribeSubject(*conn, SubjectIdOf(change)));
    }
    q.worker = r.IsNull(8) ? "(unknown device)" : r.Text(8);
    if (!r.IsNull(9) && !r.Text(9).empty()) q.worker += " " + r.Text(9);
    out.push_back(std::move(q));
  }
  return out;
}

core::Status Quarantine(const core::Args& args, std::ostream& out) {
  std::string format = args.Get("format").value_or("text");
  if (format != "text" && format != "json") {
    return core::InvalidArgument("--format must be text or json.");
  }
  QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
  QM_ASSIGN_OR_RETURN(std::vector<Refusal> refusals, LoadRefusals(*storage));
  if (format == "json") {
    out << "[";
    for (size_t i = 0; i < refusals.size(); ++i) {
      const Refusal& q = refusals[i];
      out << (i ? "," : "") << "{\"id\":" << q.id << ",\"device\":\"" << q.device
          << "\",\"seq\":" << q.seq << ",\"entity\":" << JsonQuote(q.entity)
          << ",\"subject\":" << JsonQuote(q.subject) << ",\"worker\":" << JsonQuote(q.worker)
          << ",\"received_at\":" << JsonQuote(q.received_at) << ",\"code\":" << JsonQuote(q.code)
          << ",\"reason\":" << JsonQuote(q.reason) << ",\"received_ms\":" << q.received_ms << "}";
    }
    out << "]\n";
    return core::Status::Ok();
  }
  if (refusals.empty()) out << "Nothing is quarantined.\n";
  for (const Refusal& q : refusals) {
    out << "#" << q.id << " " << q.received_at << " " << q.entity;
    if (!q.subject.empty()) out << " of " << q.subject;
    out << " from " << q.worker << " (device " << q.device.substr(0, 8) << ", change #" << q.seq
        << ")\n    [" << q.code << "] " << q.reason << "\n";
  }
  return core::Status::Ok();
}

}  // namespace

void AddQuarantineCommand(std::vector<Command>& commands) {
  commands.push_back(Command{
      "quarantine",
      "list the changes the server refused, with their reasons",
      "Usage: qiaomen-county quarantine --data DIR [--format text|json]\n\n"
      "Every change a device pushed that the server refused (a visit that fails its checklist or\n"
      "names an unpublished version, a bad signature, a record outside the worker's scope) is\n"
      "kept here with its reason; the device was told the same reason in its sync response.\n"
      "Each is shown with the household it is about, the worker and device that sent it and\n"
      "when it arrived (county time).\n",
      {{"data", "db", "format"}, {}},
      Quarantine});
}

}  // namespace qiaomen::server
