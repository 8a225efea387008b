// checklist show, visit template: what a visit file must hold, read from the checklist itself, so
// that nobody has to read a checklist's JSON to write one.
#include <ctime>
#include <fstream>

#include "../device_open.h"
#include "../records_view.h"
#include "../visit_answers.h"
#include "qiaomen/cli/command.h"
#include "qiaomen/core/domain/labels.h"
#include "qiaomen/core/profile/checklists.h"

namespace qiaomen::cli {
namespace {

std::string Zh(const v1::LocalizedText& t) { return In(t, core::domain::Language::kZh); }

bool IsPhotoKind(v1::ItemKind kind) { return kind == v1::PHOTO || kind == v1::SIGNATURE; }

std::string KindCode(v1::ItemKind kind) {
  std::string name = v1::ItemKind_Name(kind);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

std::string Number(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// "0–20 辆" for a bounded number, "" otherwise.
std::string Range(const v1::Item& item) {
  if (!item.has_min() && !item.has_max()) return item.unit();
  std::string text =
      (item.has_min() ? Number(item.min()) : "") + "–" + (item.has_max() ? Number(item.max()) : "");
  return item.unit().empty() ? text : text + " " + item.unit();
}

// The placeholder a skeleton holds for an item: a string that says what to write, which the
// visit file reader refuses until it is replaced.
std::string Placeholder(const v1::Item& item) {
  std::string codes;
  for (const auto& c : item.choices()) codes += (codes.empty() ? "" : "|") + c.code();
  switch (item.kind()) {
    case v1::YES_NO_NA:
      return JsonQuote("<yes|no|na>");
    case v1::SINGLE_CHOICE:
      return JsonQuote("<" + codes + ">");
    case v1::MULTI_CHOICE:
      return "[" + JsonQuote("<" + codes + ">") + "]";
    case v1::INTEGER:
    case v1::DECIMAL:
      return JsonQuote("<" + std::string(item.kind() == v1::INTEGER ? "整数" : "数值") +
                       (Range(item).empty() ? "" : " " + Range(item)) + ">");
    case v1::DATE:
      return JsonQuote("<YYYY-MM-DD>");
    case v1::LOCATION:
      return "{\"latitude\": \"<纬度>\", \"longitude\": \"<经度>\"}";
    default:
      return JsonQuote("<" + Zh(item.label()) + ">");
  }
}

// "2026-11-28T09:05:00+08:00": the instant in the county's time zone, as visit files write it.
std::string IsoTime(int64_t ms, const base::TimeZone& zone) {
  const int64_t offset = zone.OffsetSeconds(ms);
  std::time_t secs = static_cast<std::time_t>(ms / 1000 + offset);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:00", &tm);
  const int64_t minutes = (offset < 0 ? -offset : offset) / 60;
  char zone_text[8];
  std::snprintf(zone_text, sizeof zone_text, "%c%02d:%02d", offset < 0 ? '-' : '+',
                static_cast<int>(minutes / 60), static_cast<int>(minutes % 60));
  return std::string(buf) + zone_text;
}

void WriteChecklistJson(JsonWriter& json, const v1::ChecklistTemplate& tpl) {
  json.BeginObject()
      .Field("id", tpl.id())
      .Field("version", static_cast<int64_t>(tpl.version()))
      .Field("title", Zh(tpl.title()))
      .Field("subject_kind", std::string(core::domain::SubjectKindLabel(tpl.subject_kind()).code));
  json.Key("sections").BeginArray();
  for (const auto& section : tpl.sections()) {
    json.BeginObject()
        .Field("id", section.id())
        .Field("title", Zh(section.title()))
        .Field("relevant", section.relevant());
    if (section.has_repeat()) {
      const v1::Repeat& r = section.repeat();
      json.Key("repeat")
          .BeginObject()
          .Field("count", static_cast<int64_t>(r.count()))
          .Field("count_item", r.count_item())
          .Field("min", static_cast<int64_t>(r.min()))
          .Field("max", static_cast<int64_t>(r.max()))
          .Field("instance_label", Zh(r.instance_label()))
          .EndObject();
    }
    json.Key("items").BeginArray();
    for (const auto& item : section.items()) {
      json.BeginObject()
          .Field("id", item.id())
          .Field("kind", KindCode(item.kind()))
          .Field("label", Zh(item.label()))
          .Field("required", item.required())
          .Field("relevant", item.relevant())
          .Field("constraint", item.constraint())
          .Field("unit", item.unit())
          .Field("default", item.default_value())
          .Field("choice_filter", item.choice_filter())
          .Field("hint_image", item.hint_image());
      if (item.has_min()) json.Field("min", item.min());
      if (item.has_max()) json.Field("max", item.max());
      json.Key("choices").BeginArray();
      for (const auto& c : item.choices()) {
        json.BeginObject()
            .Field("code", c.code())
            .Field("label", Zh(c.label()))
            .Field("filter", c.filter())
            .EndObject();
      }
      json.EndArray().EndObject();
    }
    json.EndArray().EndObject();
  }
  json.EndArray();
  json.Key("hazard_rules").BeginArray();
  for (const auto& rule : tpl.hazard_rules()) {
    json.BeginObject()
        .Field("id", rule.id())
        .Field("when", rule.when())
        .Field("category", rule.category())
        .Field("title", Zh(rule.title()))
        .Field("severity", std::string(core::domain::SeverityLabel(rule.severity()).code))
        .Field("deadline_days", static_cast<int64_t>(rule.deadline_days()))
        .Field("urgency",
               std::string(rule.emergency() ? "" : core::domain::UrgencyLabel(rule.urgency()).code))
        .Field("suspected_major", rule.suspected_major())
        .Field("emergency", rule.emergency());
    json.Key("actions").BeginArray();
    for (const auto& action : rule.actions()) json.String(Zh(action));
    json.EndArray().EndObject();
  }
  json.EndArray().EndObject();
}

// How a repeat group counts its instances, and how a visit file names one instance's answer.
void PrintRepeat(std::ostream& out, const v1::Section& section, const CliContext& ctx) {
  const v1::Repeat& r = section.repeat();
  const std::string max = std::to_string(r.max() == 0 ? 50 : r.max());
  if (r.count() > 0) {
    out << ctx.T(Msg::kChecklistRepeatFixed, {std::to_string(r.count())});
  } else if (!r.count_item().empty()) {
    out << ctx.T(Msg::kChecklistRepeatCounted, {r.count_item(), max});
  } else {
    out << ctx.T(Msg::kChecklistRepeatOpen, {std::to_string(r.min()), max});
  }
  if (section.items_size() > 0) {
    out << "\n" << ctx.T(Msg::kChecklistRepeatKeys, {section.items(0).id() + "[2]"});
  }
}

void PrintChecklist(std::ostream& out, const v1::ChecklistTemplate& tpl, const CliContext& ctx) {
  const auto lang = ctx.language;
  const auto kind = core::domain::SubjectKindLabel(tpl.subject_kind());
  out << tpl.id() << "@" << tpl.version() << "  " << In(tpl.title(), lang)
      << ctx.T(Msg::kChecklistKind, {kind.In(lang), kind.code});
  for (const auto& section : tpl.sections()) {
    out << "\n【" << In(section.title(), lang) << "】 " << section.id();
    if (!section.relevant().empty()) out << ctx.T(Msg::kChecklistShownWhen, {section.relevant()});
    if (section.has_repeat()) PrintRepeat(out, section, ctx);
    out << "\n";
    for (const auto& item : section.items()) {
      out << "  " << item.id() << "  " << In(item.label(), lang) << "  "
          << ctx.T(ItemKindMsg(item.kind()));
      if (!Range(item).empty()) out << ctx.T(Msg::kChecklistRange, {Range(item)});
      if (item.required() == "true") {
        out << ctx.T(Msg::kChecklistRequired);
      } else if (!item.required().empty()) {
        out << ctx.T(Msg::kChecklistRequiredWhen, {item.required()});
      }
      out << "\n";
      if (!item.relevant().empty()) {
        out << "    " << ctx.T(Msg::kChecklistShownWhen, {item.relevant()}) << "\n";
      }
      if (!item.constraint().empty()) out << ctx.T(Msg::kChecklistConstraint, {item.constraint()});
      if (item.choices_size() > 0) {
        out << ctx.T(Msg::kChecklistChoices);
        for (const auto& c : item.choices()) out << " " << c.code() << "=" << In(c.label(), lang);
        out << "\n";
      }
    }
  }
  if (tpl.hazard_rules_size() > 0) out << ctx.T(Msg::kChecklistHazardRules);
  for (const auto& rule : tpl.hazard_rules()) {
    if (rule.emergency()) {  // no hazard: what the worker is told to do at once
      out << "  " << rule.id() << "  " << ctx.T(Msg::kVisitEmergency, {In(rule.title(), lang)});
      for (int i = 0; i < rule.actions_size(); ++i) {
        out << "  "
            << ctx.T(Msg::kVisitEmergencyAction,
                     {std::to_string(i + 1), In(rule.actions(i), lang)});
      }
      const std::string when = ctx.T(Msg::kChecklistWhen, {rule.when()});
      out << when.substr(when.find_first_not_of('\n'));  // its own line after the actions
      continue;
    }
    out << "  " << rule.id() << "  " << In(rule.title(), lang) << "  "
        << core::domain::SeverityLabel(rule.severity()).In(lang) << "  "
        << core::domain::UrgencyLabel(rule.urgency()).In(lang);
    if (rule.suspected_major()) {
      out << "  " << core::domain::MajorReviewLabel(core::domain::MajorReview::kSuspected).In(lang);
    }
    if (rule.deadline_days() > 0) {
      out << ctx.T(Msg::kChecklistDeadlineDays, {std::to_string(rule.deadline_days())});
    }
    out << ctx.T(Msg::kChecklistWhen, {rule.when()});
    if (const std::string basis = In(rule.legal_basis(), lang); !basis.empty()) {
      out << ctx.T(Msg::kChecklistLegalBasis, {basis});
    }
  }
}

// checklist show ID[@VERSION]: read from the checklists this device carries (shipped and synced);
// no PIN is needed, they are not secret.
core::Status Show(const core::Args& args, CliContext& ctx) {
  if (args.positionals().size() != 1) {
    return core::InvalidArgument("Give one checklist id, e.g. household_winter.");
  }
  std::string id = args.positionals()[0];
  uint32_t version = 0;
  if (auto at = id.find('@'); at != std::string::npos) {
    version = static_cast<uint32_t>(std::atoi(id.c_str() + at + 1));
    id.resize(at);
  }
  QM_ASSIGN_OR_RETURN(auto registry, core::profile::LoadChecklists(ctx.data_dir));
  auto tpl = version != 0 ? registry.Get(id, version) : registry.Latest(id);
  if (!tpl.ok()) {
    std::string shipped;
    for (const auto& file : core::profile::ShippedChecklists()) {
      std::string name = file.file_name.substr(0, file.file_name.rfind(".json"));
      shipped += (shipped.empty() ? "" : ", ") + name;
    }
    return core::NotFound("This device has no checklist '" + args.positionals()[0] +
                          "'. It carries " + shipped +
                          " and those `qiaomen sync` fetched from the county.");
  }
  if (ctx.json) {
    JsonWriter json;
    WriteChecklistJson(json, tpl->proto());
    ctx.out << json.str();
  } else {
    PrintChecklist(ctx.out, tpl->proto(), ctx);
  }
  return core::Status::Ok();
}

// The checklist a visit to `subject` uses: its open task's, else the latest made for its kind.
core::Result<std::pair<std::string, std::string>> TaskAndChecklist(core::store::Store& store,
                                                                   const v1::Subject& subject) {
  core::store::TaskQuery query;
  query.grid_id = subject.grid_id();
  query.limit = 200;
  for (;;) {
    QM_ASSIGN_OR_RETURN(auto page, store.ListTasks(query));
    for (const auto& item : page.items) {
      if (item.task.subject_id() == subject.id()) {
        return std::make_pair(IdText(item.task.id()), item.task.template_id());
      }
    }
    if (page.next_page.empty()) break;
    query.page = page.next_page;
  }
  for (const auto& shipped : core::profile::ShippedChecklists()) {
    auto tpl = core::forms::LoadTemplateJson(shipped.json);
    if (tpl.ok() && tpl->proto().subject_kind() == subject.kind()) {
      return std::make_pair(std::string(), tpl->id());
    }
  }
  return core::NotFound("No open task or checklist fits " + subject.external_id() +
                        "; give the checklist with --checklist ID (`qiaomen checklist show`).");
}

core::Status Template(const core::Args& args, CliContext& ctx) {
  if (args.positionals().size() != 1) {
    return core::InvalidArgument("Give one subject: its id or county external id.");
  }
  auto key_store = KeyStoreFor(ctx);
  QM_ASSIGN_OR_RETURN(auto device, OpenDevice(ctx, key_store));
  auto& profile = device->profile();
  QM_ASSIGN_OR_RETURN(auto subject, ResolveSubject(profile.store(), args.positionals()[0]));
  std::string task_id, checklist_id;
  if (auto chosen = args.Get("checklist")) {
    checklist_id = *chosen;
  } else {
    QM_ASSIGN_OR_RETURN(std::tie(task_id, checklist_id),
                        TaskAndChecklist(profile.store(), subject));
  }
  QM_ASSIGN_OR_RETURN(auto tpl, profile.checklists().Latest(checklist_id));
  const std::string now = IsoTime(ctx.clock.NowMillis(), profile.county_time_zone());
  std::string text = "{\n  \"subject\": " + JsonQuote(subject.external_id()) + ",\n";
  if (!task_id.empty()) text += "  \"task\": " + JsonQuote(task_id) + ",\n";
  text += "  \"template\": " + JsonQuote(tpl.id()) +
          ",\n  \"template_version\": " + std::to_string(tpl.version()) +
          ",\n  \"outcome\": \"checked\",\n  \"started_at\": " + JsonQuote(now) +
          ",\n  \"finished_at\": " + JsonQuote(now) + ",\n  \"answers\": {";
  std::string photos;
  bool first = true;
  for (const auto& section : tpl.proto().sections()) {
    // A repeat group's items appear once, for its first instance: copy them as ITEM[2], ... for
    // the others.
    const std::string suffix = section.has_repeat() ? "[1]" : "";
    for (const auto& item : section.items()) {
      if (item.kind() == v1::NOTE) continue;
      const std::string key = item.id() + suffix;
      if (IsPhotoKind(item.kind())) {
        photos += std::string(photos.empty() ? "" : ",") + "\n    " + JsonQuote(key) + ": [\"<" +
                  item.id() + ".jpg>\"]";
        continue;
      }
      text += std::string(first ? "" : ",") + "\n    " + JsonQuote(key) + ": " + Placeholder(item);
      first = false;
    }
  }
  text +=
      "\n  },\n  \"photos\": {" + photos + "\n  },\n  \"education\": [],\n  \"note\": \"\"\n}\n";
  if (auto path = args.Get("out")) {
    std::ofstream file(*path, std::ios::binary | std::ios::trunc);
    if (!(file << text) || !file.flush()) {
      return core::IOError("Could not write " + *path +
                           "; check the folder exists and is "
                           "writable.");
    }
    ctx.err << ctx.T(Msg::kTemplateWritten, {*path});
  } else {
    ctx.out << text;
  }
  return core::Status::Ok();
}

}  // namespace

void AddChecklistCommands(std::vector<Command>& commands) {
  commands.push_back(Command{
      "checklist show", Msg::kSummaryChecklistShow, Msg::kUsageChecklistShow, {{}, {}}, Show});
  commands.push_back(Command{"visit template",
                             Msg::kSummaryVisitTemplate,
                             Msg::kUsageVisitTemplate,
                             {{"checklist", "out"}, {}},
                             Template});
}

}  // namespace qiaomen::cli
