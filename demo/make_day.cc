// qiaomen-demo-day: writes one worker's day of visits as the JSON files `qiaomen visit record`
// reads, with generated photos. The answers are made by walking each checklist with the forms
// engine (answer what is visible, repeat as answers reveal more), so every checked visit is one
// the engine accepts; some answers fail checks, so the day finds hazards, with their photos.
//
//   qiaomen-demo-day --tasks TASKS.json --checklists DIR --out DIR --count N [--seed S]
//                    [--end-ms MS] [--nobody-home PERCENT]
//
// TASKS.json is the output of `qiaomen tasks --json`. Visits follow the task list (a worker
// walks the grid), one subject once, with the checklist made for the subject's kind.
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "qiaomen/base/time_zone.h"
#include "qiaomen/core/args.h"
#include "qiaomen/core/forms/compiled_template.h"
#include "qiaomen/core/forms/evaluation.h"
#include "qiaomen/core/random.h"

namespace {

namespace forms = qiaomen::core::forms;
namespace v1 = qiaomen::v1;
using google::protobuf::Value;

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

// The county day the device counts a visit's answers on (its today()): the demo county keeps the
// default zone, Asia/Shanghai.
std::string DateOf(int64_t ms) {
  return qiaomen::base::CountyDate(ms, qiaomen::base::TimeZone::Default());
}

// A small file a JPEG reader recognises (SOI, a JFIF APP0, a comment, EOI) around random bytes
// standing in for the entropy-coded image: what matters to sync is its size and its hash.
std::string FakeJpeg(qiaomen::core::Random& random, size_t size) {
  std::string b = "\xFF\xD8\xFF\xE0";
  b += std::string("\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 16);
  std::string comment = "qiaomen demo photo";
  b += "\xFF\xFE";
  b.push_back(static_cast<char>(0));
  b.push_back(static_cast<char>(comment.size() + 2));
  b += comment;
  std::string body(size, '\0');
  random.Fill(body.data(), body.size());
  for (size_t i = 0; i < body.size(); ++i) {
    if (static_cast<unsigned char>(body[i]) == 0xFF) body[i] = '\x7F';  // no stray markers
  }
  b += body;
  b += "\xFF\xD9";
  return b;
}

struct Task {
  std::string external_id, kind, template_id;
};

struct Day {
  qiaomen::core::Random& random;
  std::string out_dir;
  int photo_count = 0;
  int64_t photo_bytes = 0;

  std::string NewPhoto() {
    std::string name = "photos/p" + std::to_string(++photo_count) + ".jpg";
    std::string bytes = FakeJpeg(random, 12'000 + random.Uniform(28'000));
    photo_bytes += static_cast<int64_t>(bytes.size());
    std::ofstream(out_dir + "/" + name, std::ios::binary) << bytes;
    return name;
  }
};

// A JSON answer for `item`; empty when it should stay unanswered.
std::string AnswerFor(const v1::Item& item, qiaomen::core::Random& r, const std::string& today,
                      int attempt) {
  switch (item.kind()) {
    case v1::YES_NO_NA: {
      uint64_t roll = r.Uniform(100);
      return roll < 10 ? "\"no\"" : (roll < 14 ? "\"na\"" : "\"yes\"");
    }
    case v1::SINGLE_CHOICE:
      if (item.choices_size() == 0) return "";
      return Quote(item.choices(static_cast<int>(r.Uniform(item.choices_size()))).code());
    case v1::MULTI_CHOICE:
      if (item.choices_size() == 0) return "";
      return "[" + Quote(item.choices(static_cast<int>(r.Uniform(item.choices_size()))).code()) +
             "]";
    case v1::INTEGER: {
      int64_t lo = item.has_min() ? static_cast<int64_t>(item.min()) : 0;
      int64_t hi = item.has_max() ? static_cast<int64_t>(item.max()) : lo + 5;
      int64_t span = std::min<int64_t>(hi - lo, 3);
      return std::to_string(lo + static_cast<int64_t>(r.Uniform(static_cast<uint64_t>(span) + 1)));
    }
    case v1::DECIMAL: {
      double lo = item.has_min() ? item.min() : 0;
      double hi = item.has_max() ? item.max() : lo + 10;
      return std::to_string(lo + (hi - lo) * 0.4);
    }
    case v1::TEXT: {
      static const char* kCandidates[] = {"已当面提醒", "13800138000", "OK", "A1"};
      return Quote(kCandidates[attempt % 4]);
    }
    case v1::DATE:
      return Quote(today);
    case v1::LOCATION:
      return "{\"latitude\": 40.21, \"longitude\": 116.05}";
    default:
      return "";
  }
}

// Answers for a checked visit that the engine accepts; photos (item -> files) alongside.
bool MakeAnswers(const forms::CompiledTemplate& tpl, Day& day, const std::string& today,
                 std::map<std::string, std::string>& answers,
                 std::map<std::string, std::vector<std::string>>& photos) {
  for (int attempt = 0; attempt < 12; ++attempt) {
    answers.clear();
    photos.clear();
    std::map<std::string, std::vector<std::string>> photo_ids;
    for (int round = 0; round < 8; ++round) {
      std::vector<v1::Answer> typed;
      // Evaluate what we have: the answers go through the same JSON->typed path as the CLI's
      // (here by hand, through protobuf's JSON mapping of the answer oneof).
      for (const auto& [key, json] : answers) {
        // A key is an item id, or "item[N]" for an item of a repeat group's Nth instance.
        std::string id;
        uint32_t instance = 0;
        if (!forms::ParseItemKey(key, &id, &instance)) continue;
        v1::Answer a;
        a.set_item_id(id);
        a.set_instance(instance);
        const v1::Item* item = tpl.FindItem(id);
        if (item == nullptr) continue;
        Value v;
        if (!google::protobuf::util::JsonStringToMessage(json, &v).ok()) continue;
        auto* val = a.mutable_value();
        switch (item->kind()) {
          case v1::YES_NO_NA:
            val->set_yes_no(v.string_value() == "yes"
                                ? v1::YES
                                : (v.string_value() == "no" ? v1::NO : v1::NOT_APPLICABLE));
            break;
          case v1::SINGLE_CHOICE:
            val->set_choice(v.string_value());
            break;
          case v1::MULTI_CHOICE:
            for (const auto& c : v.list_value().values())
              val->mutable_choices()->add_codes(c.string_value());
            break;
          case v1::INTEGER:
            val->set_integer(static_cast<int64_t>(v.number_value()));
            break;
          case v1::DECIMAL:
            val->set_decimal(v.number_value());
            break;
          case v1::TEXT:
            val->set_text(v.string_value());
            break;
          case v1::DATE:
            val->set_date(v.string_value());
            break;
          case v1::LOCATION:
            val->mutable_location()->set_latitude(40.21);
            val->mutable_location()->set_longitude(116.05);
            break;
          default:
            break;
        }
        typed.push_back(a);
      }
      for (const auto& [key, ids] : photo_ids) {
        std::string id;
        uint32_t instance = 0;
        if (!forms::ParseItemKey(key, &id, &instance)) continue;
        v1::Answer a;
        a.set_item_id(id);
        a.set_instance(instance);
        for (const auto& pid : ids) a.mutable_value()->mutable_photos()->add_photo_ids(pid);
        typed.push_back(a);
      }
      auto eval = forms::Evaluate(tpl, typed, {today});
      if (!eval.ok()) break;
      bool added = false;
      std::set<std::string> visible(eval->visible_items.begin(), eval->visible_items.end());
      // Hidden answers are dropped (the engine ignores them, the file should not carry them).
      for (auto it = answers.begin(); it != answers.end();) {
        it = visible.count(it->first) ? std::next(it) : answers.erase(it);
      }
      for (const auto& id : eval->visible_items) {
        if (answers.count(id) || photo_ids.count(id)) continue;
        std::string item_id;
        uint32_t instance = 0;
        if (!forms::ParseItemKey(id, &item_id, &instance)) continue;
        const v1::Item* item = tpl.FindItem(item_id);
        if (item == nullptr) continue;
        bool required = !item->required().empty();
        if (item->kind() == v1::PHOTO || item->kind() == v1::SIGNATURE) {
          bool needed = std::find(eval->missing_required.begin(), eval->missing_required.end(),
                                  id) != eval->missing_required.end();
          if (!needed && day.random.Uniform(100) >= 25) continue;
          uint32_t n = std::max<uint32_t>(1, item->min_photos());
          for (uint32_t i = 0; i < n; ++i)
            photo_ids[id].push_back(std::string(16, static_cast<char>(i + 1)));
          added = true;
          continue;
        }
        if (item->kind() == v1::TEXT && !required) continue;
        std::string a = AnswerFor(*item, day.random, today, attempt);
        if (a.empty()) continue;
        answers[id] = a;
        added = true;
      }
      for (const auto& h : eval->hazards) {
        if (h.photo_missing && !h.photo_item.empty() && !photo_ids.count(h.photo_item)) {
          const v1::Item* item = tpl.FindItem(h.photo_item);
          uint32_t n = std::max<uint32_t>(1, item ? item->min_photos() : 1);
          for (uint32_t i = 0; i < n; ++i)
            photo_ids[h.photo_item].push_back(std::string(16, static_cast<char>(i + 1)));
          added = true;
        }
      }
      for (const auto& problem : eval->constraint_failures) {
        answers.erase(problem.item_id);  // try another value next round
        added = true;
      }
      if (!added && eval->complete()) {
        for (const auto& [id, ids] : photo_ids) {
          for (size_t i = 0; i < ids.size(); ++i) photos[id].push_back(day.NewPhoto());
        }
        return true;
      }
      if (!added) break;
    }
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> argv_list(argv + 1, argv + argc);
  auto args = qiaomen::core::Args::Parse(argv_list, {{"tasks", "checklists", "out", "count", "seed",
                                                      "end-ms", "nobody-home", "minutes", "skip"},
                                                     {"help"}});
  if (!args.ok() || args->Has("help") || !args->Get("tasks") || !args->Get("checklists") ||
      !args->Get("out")) {
    std::cerr << "Usage: qiaomen-demo-day --tasks TASKS.json --checklists DIR --out DIR "
                 "[--count N] [--seed S] [--end-ms MS] [--nobody-home PERCENT] [--minutes M] "
                 "[--skip K]\n";
    return args.ok() && args->Has("help") ? 0 : 2;
  }
  int count = std::atoi(args->Get("count").value_or("25").c_str());
  int skip = std::atoi(args->Get("skip").value_or("0").c_str());
  int nobody_home = std::atoi(args->Get("nobody-home").value_or("15").c_str());
  int minutes = std::atoi(args->Get("minutes").value_or("12").c_str());
  qiaomen::core::SeededRandom random(std::stoull(args->Get("seed").value_or("1")));
  int64_t end_ms = args->Get("end-ms") ? std::stoll(*args->Get("end-ms"))
                                       : static_cast<int64_t>(std::time(nullptr)) * 1000;

  std::map<std::string, forms::CompiledTemplate> by_kind;
  for (const auto& entry : std::filesystem::directory_iterator(*args->Get("checklists"))) {
    if (entry.path().extension() != ".json") continue;
    auto tpl = forms::LoadTemplateJson(ReadText(entry.path().string()));
    if (!tpl.ok()) {
      std::cerr << entry.path() << ": " << tpl.status().message() << "\n";
      return 1;
    }
    by_kind.emplace(tpl->id(), *tpl);
  }
  Value root;
  if (!google::protobuf::util::JsonStringToMessage(ReadText(*args->Get("tasks")), &root).ok() ||
      root.kind_case() != Value::kListValue) {
    std::cerr << "qiaomen-demo-day: " << *args->Get("tasks")
              << " is not the JSON list `qiaomen tasks --json` prints.\n";
    return 1;
  }
  std::vector<Task> tasks;
  std::set<std::string> seen;
  for (const auto& t : root.list_value().values()) {
    const auto& f = t.struct_value().fields();
    auto get = [&f](const char* k) {
      auto it = f.find(k);
      return it == f.end() ? std::string() : it->second.string_value();
    };
    Task task{get("external_id"), get("kind"), get("template")};
    auto tpl = by_kind.find(task.template_id);
    if (tpl == by_kind.end()) continue;
    std::string kind = v1::SubjectKind_Name(tpl->second.proto().subject_kind());
    for (auto& c : kind) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (kind != task.kind || seen.count(task.external_id)) continue;
    seen.insert(task.external_id);
    tasks.push_back(task);
  }
  std::string out = *args->Get("out");
  std::filesystem::create_directories(out + "/photos");
  Day day{random, out};
  int written = 0, checked = 0, away = 0, failed = 0;
  int64_t t =
      end_ms - static_cast<int64_t>(std::min<size_t>(tasks.size(), count)) * minutes * 60'000;
  for (size_t i = static_cast<size_t>(skip); i < tasks.size() && written < count; ++i) {
    const Task& task = tasks[i];
    const auto& tpl = by_kind.at(task.template_id);
    int64_t start = t, finish = t + (minutes - 2) * 60'000;
    t += minutes * 60'000;
    bool home = static_cast<int>(random.Uniform(100)) >= nobody_home;
    std::map<std::string, std::string> answers;
    std::map<std::string, std::vector<std::string>> photos;
    if (home && !MakeAnswers(tpl, day, DateOf(finish), answers, photos)) {
      ++failed;
      continue;
    }
    std::ostringstream json;
    json << "{\n  \"subject\": " << Quote(task.external_id)
         << ",\n  \"template\": " << Quote(task.template_id) << ",\n  \"outcome\": \""
         << (home ? "checked" : "nobody_home") << "\",\n  \"started_at\": " << start
         << ",\n  \"finished_at\": " << finish << ",\n  \"location\": {\"latitude\": "
         << 40.2 + static_cast<double>(random.Uniform(1000)) / 1e5
         << ", \"longitude\": " << 116.0 + static_cast<double>(random.Uniform(1000)) / 1e5
         << ", \"accuracy_m\": " << 5 + random.Uniform(20) << "}";
    if (home) {
      json << ",\n  \"answers\": {";
      bool first = true;
      for (const auto& [id, a] : answers) {
        json << (first ? "\n    " : ",\n    ") << Quote(id) << ": " << a;
        first = false;
      }
      json << "\n  },\n  \"photos\": {";
      first = true;
      for (const auto& [id, files] : photos) {
        json << (first ? "\n    " : ",\n    ") << Quote(id) << ": [";
        for (size_t k = 0; k < files.size(); ++k) json << (k ? ", " : "") << Quote(files[k]);
        json << "]";
        first = false;
      }
      json << "\n  },\n  \"education\": [\"leaflet\", \"reminder\"]";
      ++checked;
    } else {
      json << ",\n  \"note\": \"无人在家，已留联系卡，择日回访\"";
      ++away;
    }
    json << "\n}\n";
    char name[32];
    std::snprintf(name, sizeof name, "visit-%03d.json", ++written);
    std::ofstream(out + "/" + name) << json.str();
  }
  // The demo speaks Chinese, as the programs do by default.
  std::cout << "qiaomen-demo-day：" << written << " 次走访（已检查 " << checked << "，无人在家 "
            << away << "），照片 " << day.photo_count << " 张（" << day.photo_bytes
            << " 字节），在 " << out << "\n";
  if (failed > 0) {
    std::cerr << "qiaomen-demo-day: could not make valid answers for " << failed << " visits.\n";
  }
  return written > 0 ? 0 : 1;
}
