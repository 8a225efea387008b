#include "qiaomen/cli/visit_file.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <cmath>
#include <ctime>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

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

core::Result<int64_t> ReadTime(const Value& v) {
  if (v.kind_case() == Value::kNumberValue) {
    double ms = v.number_value();
    if (!(ms > 0) || ms > 9e15 || std::floor(ms) != ms) {
      return core::InvalidArgument("a time in milliseconds must be a positive whole number");
    }
    return static_cast<int64_t>(ms);
  }
  if (v.kind_case() == Value::kStringValue) return ParseTimestamp(v.string_value());
  return core::InvalidArgument("a time must be a string like 2026-11-28T09:05:00+08:00");
}

// "refusal", "notice" and "fixed_on_site" (issue 16), into `visit`; each problem through `problem`.
template <typename Resolve, typename Problem>
void ParseDoorKnocking(const std::string& name, const Value& value, Resolve resolve,
                       VisitFile& visit, Problem problem) {
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

core::Result<int64_t> ParseTimestamp(std::string_view text) {
  std::string t(text);
  if (!t.empty() && t.find_first_not_of("0123456789") == std::string::npos) {
    return static_cast<int64_t>(std::stoll(t));
  }
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, n = 0;
  if (std::sscanf(t.c_str(), "%4d-%2d-%2d%*1[T ]%2d:%2d%n", &y, &mo, &d, &h, &mi, &n) < 5) {
    return core::InvalidArgument("'" + t + "' is not a time like 2026-11-28T09:05:00+08:00");
  }
  size_t pos = static_cast<size_t>(n);
  if (pos < t.size() && t[pos] == ':') {
    int used = 0;
    if (std::sscanf(t.c_str() + pos, ":%2d%n", &s, &used) != 1) {
      return core::InvalidArgument("'" + t + "' has bad seconds");
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
    return core::InvalidArgument(
        "'" + t + "' has no time zone offset: write it with the offset, e.g. " + t.substr(0, 10) +
        "T" + t.substr(11, 5) + ":00+08:00 for county time in China, or Z for UTC");
  }
  if (pos < t.size()) {
    if (t[pos] == 'Z') {
      ++pos;
    } else if (t[pos] == '+' || t[pos] == '-') {
      int oh = 0, om = 0;
      if (std::sscanf(t.c_str() + pos + 1, "%2d:%2d", &oh, &om) != 2) {
        return core::InvalidArgument("'" + t + "' has a bad time zone offset (use +08:00)");
      }
      offset_min = (t[pos] == '-' ? -1 : 1) * (oh * 60 + om);
      pos += 6;
    }
  }
  if (pos != t.size() || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) {
    return core::InvalidArgument("'" + t + "' is not a time like 2026-11-28T09:05:00+08:00");
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
      "the outcome '" + std::string(name) +
      "' is not known; use checked, nobody_home, refused, vacant, moved or no_shelter (a "
      "village's record)");
}

std::string OutcomeName(v1::VisitOutcome outcome) {
  return std::string(core::domain::OutcomeLabel(outcome).code);
}

core::Result<VisitFile> ParseVisitFile(std::string_view json, const std::string& base_dir) {
  Value root;
  auto parsed = google::protobuf::util::JsonStringToMessage(std::string(json), &root);
  if (!parsed.ok()) {
    return core::InvalidArgument(
        "The visit file is not valid JSON: " + std::string(parsed.message()) + ".");
  }
  if (root.kind_case() != Value::kStructValue) {
    return core::InvalidArgument("The visit file must hold one JSON object.");
  }
  VisitFile visit;
  std::vector<std::string> problems;
  auto problem = [&](const std::string& field, const std::string& what) {
    problems.push_back("field '" + field + "': " + what + ".");
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
      problem(name,
              "is not a visit field (known: subject, task, template, template_version, "
              "outcome, started_at, finished_at, location, answers, photos, education, "
              "note, refusal, notice, fixed_on_site)");
      continue;
    }
    if (name == "refusal" || name == "notice" || name == "fixed_on_site") {
      ParseDoorKnocking(name, value, resolve, visit, problem);
      continue;
    }
    if (name == "subject" && !ReadString(value, visit.subject)) problem(name, "must be a string");
    if (name == "task" && !ReadString(value, visit.task)) problem(name, "must be a string");
    if (name == "template") {
      if (!ReadString(value, visit.template_id)) problem(name, "must be a string");
      if (auto at = visit.template_id.find('@'); at != std::string::npos) {
        visit.template_version =
            static_cast<uint32_t>(std::atoi(visit.template_id.c_str() + at + 1));
        visit.template_id.resize(at);
      }
    }
    if (name == "template_version") {
      if (value.kind_case() != Value::kNumberValue || value.number_value() < 1) {
        problem(name, "must be a version number (1, 2, ...)");
      } else {
        visit.template_version = static_cast<uint32_t>(value.number_value());
      }
    }
    if (name == "outcome") {
      std::string text;
      auto outcome =
          ReadString(value, text)
              ? ParseOutcome(text)
              : core::Result<v1::VisitOutcome>(core::InvalidArgument("must be a string"));
      if (outcome.ok()) {
        visit.outcome = *outcome;
      } else {
        problem(name, outcome.status().message());
      }
    }
    if (name == "started_at" || name == "finished_at") {
      auto t = ReadTime(value);
      if (!t.ok()) {
        problem(name, t.status().message());
      } else {
        (name == "started_at" ? visit.started_at_ms : visit.finished_at_ms) = *t;
      }
    }
    if (name == "location") {
      if (value.kind_case() != Value::kStructValue) {
        problem(name, "must be an object with latitude and longitude");
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
        problem(name, "needs numbers latitude and longitude");
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
        problem(name, "must be an object of item id to answer");
        continue;
      }
      for (const auto& [item, answer] : value.struct_value().fields()) {
        visit.answers.emplace_back(item, ValueJson(answer));
      }
    }
    if (name == "photos") {
      if (value.kind_case() != Value::kStructValue) {
        problem(name, "must be an object of item id to a list of photo files");
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
        if (paths.empty()) problem("photos." + item, "must list photo files");
        for (auto& p : paths) {
          if (!p.empty() && p[0] != '/' && !base_dir.empty()) p = base_dir + "/" + p;
        }
        visit.photos[item] = std::move(paths);
      }
    }
    if (name == "education") {
      if (value.kind_case() != Value::kListValue) {
        problem(name, "must be a list such as [\"leaflet\", \"reminder\"]");
        continue;
      }
      for (const auto& e : value.list_value().values()) {
        if (e.kind_case() == Value::kStringValue) visit.education.push_back(e.string_value());
      }
    }
    if (name == "note" && !ReadString(value, visit.note)) problem(name, "must be a string");
  }
  if (visit.subject.empty()) problem("subject", "is required (a subject id or external id)");
  if (visit.outcome == v1::VISIT_OUTCOME_UNSPECIFIED &&
      root.struct_value().fields().count("outcome") == 0) {
    problem("outcome", "is required");
  }
  if (visit.started_at_ms == 0 && root.struct_value().fields().count("started_at") == 0) {
    problem("started_at", "is required");
  }
  if (visit.finished_at_ms == 0 && root.struct_value().fields().count("finished_at") == 0) {
    problem("finished_at", "is required");
  }
  if (visit.outcome == v1::CHECKED && visit.template_id.empty()) {
    problem("template", "is required for a checked visit");
  }
  if (!problems.empty()) {
    std::string message = "The visit file has " + std::to_string(problems.size()) +
                          (problems.size() == 1 ? " problem" : " problems") +
                          "; fix them and record it again:";
    for (const auto& p : problems) message += "\n  " + p;
    return core::InvalidArgument(message);
  }
  return visit;
}

core::Result<VisitFile> ReadVisitFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::NotFound("There is no visit file " + path + ".");
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string dir = ".";
  if (auto slash = path.rfind('/'); slash != std::string::npos) dir = path.substr(0, slash);
  auto visit = ParseVisitFile(buffer.str(), dir);
  if (!visit.ok()) return visit.status().WithContext(path);
  return visit;
}

}  // namespace qiaomen::cli
