#include "qiaomen/cli/visit_file.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <cmath>
#include <ctime>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "json_syntax.h"
#include "qiaomen/base/message_format.h"
#include "qiaomen/core/domain/labels.h"

namespace qiaomen::cli {
namespace {

using google::protobuf::Value;

std::string ValueJson(const Value& value) {
  std::string out;
  if (!google::protobuf::util::MessageToJsonString(value, &out).ok()) out = "null";
  return out;
}

bool ReadString(const Value& v, std::string& out) {
  if (v.kind_case() != Value::kStringValue) return false;
  out = v.string_value();
  return true;
}

// A time of the file: a string ParseTimestamp reads, or a whole number of milliseconds.
core::Result<int64_t> ReadTime(const Value& v, FileProblem& problem) {
  if (v.kind_case() == Value::kNumberValue) {
    double ms = v.number_value();
    if (!(ms > 0) || ms > 9e15 || std::floor(ms) != ms) {
      problem.what = Msg::kTimeNotWholeMs;
      return core::InvalidArgument(ProblemText(problem, core::domain::Language::kEn));
    }
    return static_cast<int64_t>(ms);
  }
  if (v.kind_case() == Value::kStringValue) return ParseTimestamp(v.string_value(), &problem);
  problem.what = Msg::kTimeWrongType;
  return core::InvalidArgument(ProblemText(problem, core::domain::Language::kEn));
}

// "refusal", "notice" and "fixed_on_site" (issue 16), into `visit`; each problem through `problem`.
template <typename Resolve, typename Problem>
void ParseDoorKnocking(const std::string& name, const Value& value, Resolve resolve,
                       VisitFile& visit, Problem report) {
  // Its problems are English sentences for now (Msg::kProblemRaw in both languages).
  auto problem = [&](const std::string& field, const std::string& text) {
    report(field, Msg::kProblemRaw, {text});
  };
  if (value.kind_case() != Value::kStructValue) {
    problem(name, "must be an object");
    return;
  }
  const auto& f = value.struct_value().fields();
  if (name == "refusal") {
    visit.has_refusal = true;
    for (const auto& [key, v] : f) {
      std::string text;
      if (key == "reason") {
        auto reason =
            ReadString(v, text) ? core::domain::RefusalReasonFromText(text) : std::nullopt;
        if (!reason) {
          problem("refusal.reason",
                  "must be one of " + std::string(core::domain::RefusalReasonCodes()));
        } else {
          visit.refusal.set_reason(*reason);
        }
      } else if (key == "note") {
        if (ReadString(v, text)) {
          visit.refusal.set_note(text);
        } else {
          problem("refusal.note", "must be a string");
        }
      } else if (key == "escalate") {
        if (v.kind_case() != Value::kBoolValue) {
          problem("refusal.escalate", "must be true or false");
        } else {
          visit.refusal.set_escalated_to_village(v.bool_value());
        }
      } else {
        problem("refusal." + key, "is not known (known: reason, note, escalate)");
      }
    }
  } else if (name == "notice") {
    visit.has_notice = true;
    for (const auto& [key, v] : f) {
      if (key == "delivered") {
        if (v.kind_case() != Value::kBoolValue) {
          problem("notice.delivered", "must be true or false");
        } else {
          visit.notice_delivered = v.bool_value();
        }
      } else if (key == "photo") {
        if (!ReadString(v, visit.notice_photo) || visit.notice_photo.empty()) {
          problem("notice.photo", "must be a photo file");
        } else {
          visit.notice_photo = resolve(visit.notice_photo);
        }
      } else {
        problem("notice." + key, "is not known (known: delivered, photo)");
      }
    }
  } else {
    for (const auto& [rule, v] : f) {
      std::string path;
      if (!ReadString(v, path) || path.empty()) {
        problem("fixed_on_site." + rule, "must be the after-photo's file");
      } else {
        visit.fixed_on_site[rule] = resolve(path);
      }
    }
  }
}

}  // namespace

core::Result<int64_t> ParseTimestamp(std::string_view text, FileProblem* problem) {
  std::string t(text);
  FileProblem local;
  FileProblem& p = problem != nullptr ? *problem : local;
  auto refuse = [&](Msg what, std::vector<std::string> args) {
    p.what = what;
    p.args = std::move(args);
    return core::Result<int64_t>(
        core::InvalidArgument(ProblemText(p, core::domain::Language::kEn)));
  };
  if (!t.empty() && t.find_first_not_of("0123456789") == std::string::npos) {
    return static_cast<int64_t>(std::stoll(t));
  }
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, n = 0;
  if (std::sscanf(t.c_str(), "%4d-%2d-%2d%*1[T ]%2d:%2d%n", &y, &mo, &d, &h, &mi, &n) < 5) {
    return refuse(Msg::kTimeNotATime, {t});
  }
  size_t pos = static_cast<size_t>(n);
  if (pos < t.size() && t[pos] == ':') {
    int used = 0;
    if (std::sscanf(t.c_str() + pos, ":%2d%n", &s, &used) != 1) {
      return refuse(Msg::kTimeNotATime, {t});
    }
    pos += static_cast<size_t>(used);
  }
  if (pos < t.size() && t[pos] == '.') {
    ++pos;
    while (pos < t.size() && std::isdigit(static_cast<unsigned char>(t[pos]))) ++pos;
  }
  int64_t offset_min = 0;
  if (pos == t.size()) {
    // 09:32 of which zone? The phone's, the county's and UTC are hours apart: never guessed.
    return refuse(Msg::kTimeNoOffset, {t, t.substr(0, 10) + "T" + t.substr(11, 5) + ":00+08:00"});
  }
  if (pos < t.size()) {
    if (t[pos] == 'Z') {
      ++pos;
    } else if (t[pos] == '+' || t[pos] == '-') {
      int oh = 0, om = 0;
      if (std::sscanf(t.c_str() + pos + 1, "%2d:%2d", &oh, &om) != 2) {
        return refuse(Msg::kTimeBadOffset, {t});
      }
      offset_min = (t[pos] == '-' ? -1 : 1) * (oh * 60 + om);
      pos += 6;
    }
  }
  if (pos != t.size() || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) {
    return refuse(Msg::kTimeNotATime, {t});
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  int64_t secs = static_cast<int64_t>(timegm(&tm)) - offset_min * 60;
  return secs * 1000;
}

core::Result<v1::VisitOutcome> ParseOutcome(std::string_view name) {
  if (auto outcome = core::domain::OutcomeFromCode(name)) return *outcome;
  return core::InvalidArgument(
      Say(core::domain::Language::kEn, Msg::kOutcomeUnknown, {std::string(name)}));
}

std::string OutcomeName(v1::VisitOutcome outcome) {
  return std::string(core::domain::OutcomeLabel(outcome).code);
}

std::string ProblemText(const FileProblem& problem, core::domain::Language language) {
  std::string_view a[3];
  size_t next = 0;
  if (problem.label) a[next++] = MessageText(*problem.label, language);
  for (size_t i = 0; i < problem.args.size() && next < 3; ++i) a[next++] = problem.args[i];
  const std::string what =
      base::FormatMessage(MessageText(problem.what, language), {a[0], a[1], a[2]});
  switch (problem.where) {
    case FileProblem::Where::kField:
      return Say(language, Msg::kProblemField, {problem.name, what});
    case FileProblem::Where::kItem:
      return Say(language, Msg::kProblemItem, {problem.name, what});
    case FileProblem::Where::kFile:
      break;
  }
  return what;
}

std::string ProblemLines(const std::vector<FileProblem>& problems,
                         core::domain::Language language) {
  std::string lines;
  for (const auto& p : problems) lines += "\n  " + ProblemText(p, language);
  return lines;
}

std::string VisitFileProblemsText(const std::vector<FileProblem>& problems,
                                  core::domain::Language language) {
  if (problems.size() == 1 && problems[0].where == FileProblem::Where::kFile) {
    return ProblemText(problems[0], language);
  }
  if (problems.size() == 1) {
    return Say(language, Msg::kVisitFileOneProblem, {ProblemLines(problems, language)});
  }
  return Say(language, Msg::kVisitFileProblems,
             {std::to_string(problems.size()), ProblemLines(problems, language)});
}

core::Result<VisitFile> ParseVisitFile(std::string_view json, const std::string& base_dir,
                                       std::vector<FileProblem>* out_problems) {
  std::vector<FileProblem> problems;
  auto refused = [&]() {
    const core::Status status =
        core::InvalidArgument(VisitFileProblemsText(problems, core::domain::Language::kEn));
    if (out_problems != nullptr) *out_problems = std::move(problems);
    return core::Result<VisitFile>(status);
  };
  Value root;
  if (!google::protobuf::util::JsonStringToMessage(std::string(json), &root).ok()) {
    // The library's own words name its internals, not the place: a person is told where to look.
    if (auto at = JsonSyntaxError(json)) {
      problems.push_back({FileProblem::Where::kFile,
                          "",
                          Msg::kVisitFileNotJsonAt,
                          {std::to_string(at->line), std::to_string(at->column)}});
    } else {
      problems.push_back({FileProblem::Where::kFile, "", Msg::kVisitFileNotJson, {}});
    }
    return refused();
  }
  if (root.kind_case() != Value::kStructValue) {
    problems.push_back({FileProblem::Where::kFile, "", Msg::kVisitFileNotObject, {}});
    return refused();
  }
  VisitFile visit;
  auto problem = [&](const std::string& field, Msg what, std::vector<std::string> args = {}) {
    problems.push_back({FileProblem::Where::kField, field, what, std::move(args)});
  };
  static const std::set<std::string> kKnown = {
      "subject",    "task",        "template", "template_version", "outcome",
      "started_at", "finished_at", "location", "answers",          "photos",
      "education",  "note",        "refusal",  "notice",           "fixed_on_site"};
  auto resolve = [&](std::string path) {
    if (!path.empty() && path[0] != '/' && !base_dir.empty()) path = base_dir + "/" + path;
    return path;
  };
  for (const auto& [name, value] : root.struct_value().fields()) {
    if (kKnown.count(name) == 0) {
      problem(name, Msg::kFieldUnknown);
      continue;
    }
    if (name == "refusal" || name == "notice" || name == "fixed_on_site") {
      ParseDoorKnocking(name, value, resolve, visit, problem);
      continue;
    }
    if (name == "subject" && !ReadString(value, visit.subject)) problem(name, Msg::kMustBeString);
    if (name == "task" && !ReadString(value, visit.task)) problem(name, Msg::kMustBeString);
    if (name == "template") {
      if (!ReadString(value, visit.template_id)) problem(name, Msg::kMustBeString);
      if (auto at = visit.template_id.find('@'); at != std::string::npos) {
        visit.template_version =
            static_cast<uint32_t>(std::atoi(visit.template_id.c_str() + at + 1));
        visit.template_id.resize(at);
      }
    }
    if (name == "template_version") {
      if (value.kind_case() != Value::kNumberValue || value.number_value() < 1) {
        problem(name, Msg::kMustBeVersion);
      } else {
        visit.template_version = static_cast<uint32_t>(value.number_value());
      }
    }
    if (name == "outcome") {
      std::string text;
      if (!ReadString(value, text)) {
        problem(name, Msg::kMustBeString);
      } else if (auto outcome = core::domain::OutcomeFromCode(text)) {
        visit.outcome = *outcome;
      } else {
        problem(name, Msg::kOutcomeUnknown, {text});
      }
    }
    if (name == "started_at" || name == "finished_at") {
      FileProblem when{FileProblem::Where::kField, name, Msg::kProblemRaw, {}};
      auto t = ReadTime(value, when);
      if (!t.ok()) {
        problems.push_back(std::move(when));
      } else {
        (name == "started_at" ? visit.started_at_ms : visit.finished_at_ms) = *t;
      }
    }
    if (name == "location") {
      if (value.kind_case() != Value::kStructValue) {
        problem(name, Msg::kLocationNotObject);
        continue;
      }
      const auto& f = value.struct_value().fields();
      auto num = [&](const char* a, const char* b, double& out) {
        for (const char* key : {a, b}) {
          auto it = f.find(key);
          if (it != f.end() && it->second.kind_case() == Value::kNumberValue) {
            out = it->second.number_value();
            return true;
          }
        }
        return false;
      };
      double lat = 0, lon = 0, acc = 0;
      if (!num("latitude", "lat", lat) || !num("longitude", "lon", lon)) {
        problem(name, Msg::kLocationNotObject);
        continue;
      }
      num("accuracy_m", "accuracy", acc);
      visit.has_location = true;
      visit.location.set_latitude(lat);
      visit.location.set_longitude(lon);
      visit.location.set_accuracy_m(static_cast<float>(acc));
    }
    if (name == "answers") {
      if (value.kind_case() != Value::kStructValue) {
        problem(name, Msg::kAnswersNotObject);
        continue;
      }
      for (const auto& [item, answer] : value.struct_value().fields()) {
        visit.answers.emplace_back(item, ValueJson(answer));
      }
    }
    if (name == "photos") {
      if (value.kind_case() != Value::kStructValue) {
        problem(name, Msg::kPhotosNotObject);
        continue;
      }
      for (const auto& [item, list] : value.struct_value().fields()) {
        std::vector<std::string> paths;
        if (list.kind_case() == Value::kStringValue) {
          paths.push_back(list.string_value());
        } else if (list.kind_case() == Value::kListValue) {
          for (const auto& p : list.list_value().values()) {
            if (p.kind_case() == Value::kStringValue) paths.push_back(p.string_value());
          }
        }
        if (paths.empty()) problem("photos." + item, Msg::kPhotosNotListed);
        for (auto& p : paths) {
          if (!p.empty() && p[0] != '/' && !base_dir.empty()) p = base_dir + "/" + p;
        }
        visit.photos[item] = std::move(paths);
      }
    }
    if (name == "education") {
      if (value.kind_case() != Value::kListValue) {
        problem(name, Msg::kEducationNotList);
        continue;
      }
      for (const auto& e : value.list_value().values()) {
        if (e.kind_case() == Value::kStringValue) visit.education.push_back(e.string_value());
      }
    }
    if (name == "note" && !ReadString(value, visit.note)) problem(name, Msg::kMustBeString);
  }
  const auto& fields = root.struct_value().fields();
  if (visit.subject.empty()) problem("subject", Msg::kSubjectRequired);
  if (visit.outcome == v1::VISIT_OUTCOME_UNSPECIFIED && fields.count("outcome") == 0) {
    problem("outcome", Msg::kFieldRequired);
  }
  if (visit.started_at_ms == 0 && fields.count("started_at") == 0) {
    problem("started_at", Msg::kFieldRequired);
  }
  if (visit.finished_at_ms == 0 && fields.count("finished_at") == 0) {
    problem("finished_at", Msg::kFieldRequired);
  }
  if (visit.outcome == v1::CHECKED && visit.template_id.empty()) {
    problem("template", Msg::kTemplateRequired);
  }
  if (!problems.empty()) return refused();
  return visit;
}

core::Result<VisitFile> ReadVisitFile(const std::string& path, std::vector<FileProblem>* problems) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    FileProblem missing{FileProblem::Where::kFile, "", Msg::kVisitFileMissing, {path}};
    const std::string english = ProblemText(missing, core::domain::Language::kEn);
    if (problems != nullptr) *problems = {std::move(missing)};
    return core::NotFound(english);
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string dir = ".";
  if (auto slash = path.rfind('/'); slash != std::string::npos) dir = path.substr(0, slash);
  auto visit = ParseVisitFile(buffer.str(), dir, problems);
  if (!visit.ok()) return visit.status().WithContext(path);
  return visit;
}

}  // namespace qiaomen::cli
