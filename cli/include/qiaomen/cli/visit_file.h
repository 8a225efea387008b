#pragma once
// The JSON file `qiaomen visit record` takes: one whole visit as a worker would enter it.
//
//   {
//     "subject": "H-T01-V01-0001",          // subject id (UUID) or the county's external id
//     "task": "0190...",                      // optional task id
//     "template": "household_winter",         // checklist id; "template_version" optional (latest)
//     "outcome": "checked",                   // checked | nobody_home | refused | vacant | moved
//     "started_at": "2026-11-28T09:05:00+08:00", "finished_at": 1764292200000,  // ISO or ms
//     "location": {"latitude": 40.1, "longitude": 116.3, "accuracy_m": 8},
//     "answers": {"heating_type": "coal_stove", "co_alarm": "no", "ebike_count": 1,
//                 "risks": ["a", "b"], "checked_on": "2026-11-28", "spot": {"latitude": ...}},
//     "photos": {"stove_photo": ["photos/stove1.jpg"]},   // paths relative to the file
//     "education": ["leaflet", "reminder"],
//     "note": "free text",
//     // A refused visit's reason (refused_entry 拒绝入户, refused_after_no_answer 无人应答后拒绝,
//     // asked_to_reschedule 要求改期, other 其他 with a note); escalate: ask the village
//     committee. "refusal": {"reason": "refused_entry", "note": "", "escalate": true}, "notice":
//     {"delivered": true, "photo": "photos/notice.jpg"},   // 告知书 and its proof "fixed_on_site":
//     {"no_co_alarm": "photos/after.jpg"}   // 当场整改: rule id -> after-photo
//   }
//
// Answers are typed by the checklist's items (TypedAnswers), so the file stays plain JSON.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qiaomen/cli/messages.h"
#include "qiaomen/core/status.h"
#include "qiaomen/v1/answers.pb.h"
#include "qiaomen/v1/common.pb.h"
#include "qiaomen/v1/records.pb.h"

namespace qiaomen::cli {

struct VisitFile {
  std::string subject;
  std::string task;
  std::string template_id;
  uint32_t template_version = 0;  // 0: the latest the device knows
  v1::VisitOutcome outcome = v1::VISIT_OUTCOME_UNSPECIFIED;
  int64_t started_at_ms = 0;
  int64_t finished_at_ms = 0;
  bool has_location = false;
  v1::GeoPoint location;
  // Each answer as the JSON text of its value, by item id, in file order.
  std::vector<std::pair<std::string, std::string>> answers;
  // Photo files by item id (absolute, or resolved against the visit file's folder).
  std::map<std::string, std::vector<std::string>> photos;
  std::vector<std::string> education;
  std::string note;
  bool has_refusal = false;
  v1::Refusal refusal;
  bool has_notice = false;
  bool notice_delivered = false;
  std::string notice_photo;  // a file path, resolved as the photos are; "" for none
  // 当场整改: hazard rule id -> its after-photo file (resolved as the photos are).
  std::map<std::string, std::string> fixed_on_site;
};

// One problem of a visit file or of its answers, as a catalogue message and its arguments, so
// that it is printed in the chosen language (a Status carries the English text of the same
// message).
struct FileProblem {
  enum class Where { kFile, kField, kItem };
  Where where = Where::kFile;
  std::string name;  // the field ("started_at", "photos.x") or the checklist item; "" for kFile
  Msg what = Msg::kProblemRaw;
  std::vector<std::string> args;
  // When set, "{0}" is this message's text in the reader's language (the kind of answer an item
  // takes) and `args` fill "{1}" on.
  std::optional<Msg> label{};
};

// One problem as a line: "field 'started_at': ..." / "字段 started_at：..." (kFile: the text
// alone).
std::string ProblemText(const FileProblem& problem, core::domain::Language language);

// "\n  " before each problem's line, for the end of a message that lists them.
std::string ProblemLines(const std::vector<FileProblem>& problems, core::domain::Language language);

// Parses the file's JSON. `base_dir` resolves relative photo paths. InvalidArgument naming the
// field at fault (every problem found, one per line, in English) for malformed JSON, an unknown
// field, a missing subject/outcome/time, a bad time or outcome; `problems`, when given, receives
// the same problems for printing in another language (VisitFileProblemsText).
core::Result<VisitFile> ParseVisitFile(std::string_view json, const std::string& base_dir,
                                       std::vector<FileProblem>* problems = nullptr);

// Reads and parses the file at `path`. InvalidArgument (as above) or NotFound; `problems` as
// above (NotFound: one kFile problem).
core::Result<VisitFile> ReadVisitFile(const std::string& path,
                                      std::vector<FileProblem>* problems = nullptr);

// The sentence for a visit file that ParseVisitFile refused: how many problems, each on its line
// (a file that is missing or no JSON object: that alone).
std::string VisitFileProblemsText(const std::vector<FileProblem>& problems,
                                  core::domain::Language language);

// "2026-11-28T09:05:00Z", "...+08:00", "2026-11-28 09:05+08:00", or a number of milliseconds
// since 1970 UTC. InvalidArgument for a time without an offset ("2026-11-28T09:05:00"), which
// the sentence says how to write, and for anything else that is not such a time; `problem`, when
// given, receives it as a catalogue message (kFile).
core::Result<int64_t> ParseTimestamp(std::string_view text, FileProblem* problem = nullptr);

// Outcome names: checked, nobody_home, refused, vacant, moved, no_shelter.
core::Result<v1::VisitOutcome> ParseOutcome(std::string_view name);
std::string OutcomeName(v1::VisitOutcome outcome);

}  // namespace qiaomen::cli
