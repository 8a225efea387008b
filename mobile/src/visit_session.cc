#include "visit_session.h"

#include <QDateTime>
#include <QStringList>
#include <QTimeZone>
#include <algorithm>
#include <regex>
#include <set>
#include <span>

#include "evidence_photo.h"
#include "qiaomen/core/forms/compiled_template.h"
#include "qiaomen/core/forms/evaluation.h"
#include "qiaomen/core/forms/hazard_deadline.h"
#include "qiaomen/core/forms/value.h"
#include "qiaomen/core/uuid.h"

namespace qiaomen::mobile {
namespace {

using core::Result;
using core::Status;

QString Q(const std::string& s) { return QString::fromStdString(s); }

core::Result<std::string> IdBytes(const QString& text) {
  auto id = core::Uuid::Parse(text.toStdString());
  if (!id.ok()) return id.status();
  return id->ToBytes();
}

QString KindName(v1::ItemKind kind) {
  switch (kind) {
    case v1::YES_NO_NA:
      return QStringLiteral("yesno");
    case v1::SINGLE_CHOICE:
      return QStringLiteral("choice");
    case v1::MULTI_CHOICE:
      return QStringLiteral("multi");
    case v1::INTEGER:
      return QStringLiteral("integer");
    case v1::DECIMAL:
      return QStringLiteral("decimal");
    case v1::TEXT:
      return QStringLiteral("text");
    case v1::DATE:
      return QStringLiteral("date");
    case v1::PHOTO:
      return QStringLiteral("photo");
    case v1::SIGNATURE:
      return QStringLiteral("signature");
    case v1::LOCATION:
      return QStringLiteral("location");
    default:
      return QStringLiteral("unknown");
  }
}

bool IsPhotoKind(v1::ItemKind kind) { return kind == v1::PHOTO || kind == v1::SIGNATURE; }

bool IsEmpty(const QVariant& value) {
  if (!value.isValid() || value.isNull()) return true;
  if (value.typeId() == QMetaType::QString) return value.toString().trimmed().isEmpty();
  if (value.canConvert<QStringList>() && value.typeId() != QMetaType::Double &&
      value.typeId() != QMetaType::Int && value.typeId() != QMetaType::LongLong) {
    return value.toStringList().isEmpty();
  }
  return false;
}

// The answer `value` for `item` as the engine takes it.
Status ToAnswerValue(const v1::Item& item, const QVariant& value, v1::AnswerValue* out) {
  const QString text = value.toString().trimmed();
  bool ok = true;
  switch (item.kind()) {
    case v1::YES_NO_NA:
      if (text == QLatin1String("yes"))
        out->set_yes_no(v1::YES);
      else if (text == QLatin1String("no"))
        out->set_yes_no(v1::NO);
      else if (text == QLatin1String("na"))
        out->set_yes_no(v1::NOT_APPLICABLE);
      else
        ok = false;
      break;
    case v1::SINGLE_CHOICE:
      out->set_choice(text.toStdString());
      break;
    case v1::MULTI_CHOICE:
      for (const QString& code : value.toStringList()) {
        out->mutable_choices()->add_codes(code.toStdString());
      }
      break;
    case v1::INTEGER:
      out->set_integer(text.toLongLong(&ok));
      break;
    case v1::DECIMAL:
      out->set_decimal(text.toDouble(&ok));
      break;
    case v1::TEXT:
      out->set_text(value.toString().toStdString());
      break;
    case v1::DATE:
      out->set_date(text.toStdString());
      break;
    default:
      ok = false;
  }
  if (!ok) {
    return Status(core::Code::kInvalidArgument, "请按提示填写「" + item.label().zh() + "」。");
  }
  return Status::Ok();
}

QVariant FromAnswerValue(const v1::AnswerValue& value) {
  switch (value.kind_case()) {
    case v1::AnswerValue::kYesNo:
      return value.yes_no() == v1::YES  ? QStringLiteral("yes")
             : value.yes_no() == v1::NO ? QStringLiteral("no")
                                        : QStringLiteral("na");
    case v1::AnswerValue::kChoice:
      return Q(value.choice());
    case v1::AnswerValue::kChoices: {
      QStringList codes;
      for (const auto& code : value.choices().codes()) codes << Q(code);
      return codes;
    }
    case v1::AnswerValue::kInteger:
      return QString::number(value.integer());
    case v1::AnswerValue::kDecimal:
      return QString::number(value.decimal());
    case v1::AnswerValue::kText:
      return Q(value.text());
    case v1::AnswerValue::kDate:
      return Q(value.date());
    default:
      return {};
  }
}

v1::GeoPoint GeoPointOf(const GeoFix& fix) {
  v1::GeoPoint point;
  point.set_latitude(fix.latitude);
  point.set_longitude(fix.longitude);
  point.set_accuracy_m(fix.accuracy_m);
  point.set_gnss_time_ms(fix.time_ms);
  return point;
}

std::string AddDays(const std::string& date, int64_t days) {
  auto parsed = core::forms::ParseDate(date);
  return parsed ? core::forms::FormatDate(*parsed + days) : std::string();
}

// Item ids a hazard rule's condition reads: the items that get the hazard badge.
std::set<std::string> ItemsOfRule(const v1::HazardRule& rule) {
  std::set<std::string> ids;
  static const std::regex kIdent("[a-z_][a-z0-9_]*");
  const std::string& when = rule.when();
  for (auto it = std::sregex_iterator(when.begin(), when.end(), kIdent);
       it != std::sregex_iterator(); ++it) {
    ids.insert(it->str());
  }
  if (!rule.photo_item().empty()) ids.insert(rule.photo_item());
  return ids;
}

}  // namespace

VisitSession::VisitSession(core::profile::Profile& profile, core::Clock& clock,
                           core::store::VisitDraft draft, core::forms::CompiledTemplate tpl,
                           std::unique_ptr<core::forms::FormSession> session)
    : profile_(profile),
      clock_(clock),
      draft_(std::move(draft)),
      template_(std::move(tpl)),
      session_(std::move(session)) {
  auto subject = core::Uuid::FromBytes(draft_.visit.subject_id());
  if (subject.ok()) {
    auto found = profile_.store().GetSubject(*subject);
    if (found.ok()) {
      subject_name_ = found->name();
      address_ = found->address();
    }
  }
}

Result<std::unique_ptr<VisitSession>> VisitSession::Open(core::profile::Profile& profile,
                                                         core::Clock& clock,
                                                         core::store::VisitDraft draft) {
  auto tpl = profile.checklists().Get(draft.visit.template_id(), draft.visit.template_version());
  if (!tpl.ok()) return tpl.status();
  auto session = core::forms::FormSession::Create(*tpl, {profile.CountyDate(clock.NowMillis())});
  if (!session.ok()) return session.status();
  std::unique_ptr<VisitSession> visit(
      new VisitSession(profile, clock, std::move(draft), *tpl, std::move(*session)));
  QM_RETURN_IF_ERROR(visit->Reload());
  return visit;
}

Status VisitSession::Reload() {
  std::vector<v1::Answer> answers(draft_.visit.answers().begin(), draft_.visit.answers().end());
  QM_RETURN_IF_ERROR(session_->SetAnswers(answers));
  std::set<std::string> photo_items;
  for (const auto& photo : draft_.photos) {
    if (!photo.item_id().empty()) photo_items.insert(photo.item_id());
  }
  for (const auto& item : photo_items) QM_RETURN_IF_ERROR(SyncPhotoAnswer(item));
  return Status::Ok();
}

Result<std::unique_ptr<VisitSession>> VisitSession::Start(core::profile::Profile& profile,
                                                          core::Clock& clock,
                                                          const QString& task_id) {
  auto id = IdBytes(task_id);
  if (!id.ok()) return id.status();
  core::profile::VisitStart start;
  start.task_id = *id;
  auto draft = profile.visits().Start(start);
  if (!draft.ok()) return draft.status();
  return Open(profile, clock, std::move(*draft));
}

Result<std::unique_ptr<VisitSession>> VisitSession::Resume(core::profile::Profile& profile,
                                                           core::Clock& clock,
                                                           const QString& draft_id) {
  auto id = core::Uuid::Parse(draft_id.toStdString());
  if (!id.ok()) return id.status();
  auto draft = profile.visits().Draft(*id);
  if (!draft.ok()) return draft.status();
  return Open(profile, clock, std::move(*draft));
}

Status VisitSession::Save() { return profile_.visits().Save(draft_.visit); }

Status VisitSession::SetOutcome(int outcome) {
  if (!v1::VisitOutcome_IsValid(outcome) || outcome == v1::VISIT_OUTCOME_UNSPECIFIED) {
    return Status(core::Code::kInvalidArgument, "请选择入户结果。");
  }
  const auto before = draft_.visit.outcome();
  draft_.visit.set_outcome(static_cast<v1::VisitOutcome>(outcome));
  Status saved = Save();
  if (!saved.ok()) draft_.visit.set_outcome(before);
  return saved;
}

Status VisitSession::SetAnswer(const QString& item_id, const QVariant& value) {
  // A row's item_id is an item key: "cylinder_ok[2]" for an item of a repeat group.
  std::string id;
  uint32_t instance = 0;
  const v1::Item* item = core::forms::ParseItemKey(item_id.toStdString(), &id, &instance)
                             ? template_.FindItem(id)
                             : nullptr;
  if (item == nullptr || IsPhotoKind(item->kind()) || item->kind() == v1::NOTE) {
    return Status(core::Code::kInvalidArgument, "没有这一项：" + item_id.toStdString());
  }
  v1::Answer answer;
  answer.set_item_id(id);
  answer.set_instance(instance);
  if (!IsEmpty(value)) QM_RETURN_IF_ERROR(ToAnswerValue(*item, value, answer.mutable_value()));
  QM_RETURN_IF_ERROR(session_->SetAnswer(answer));
  const v1::Visit before = draft_.visit;
  auto* answers = draft_.visit.mutable_answers();
  auto it = std::find_if(answers->begin(), answers->end(), [&](const v1::Answer& a) {
    return a.item_id() == id && a.instance() == instance;
  });
  if (it != answers->end()) answers->erase(it);
  if (answer.value().kind_case() != v1::AnswerValue::KIND_NOT_SET) *answers->Add() = answer;
  Status saved = Save();
  if (!saved.ok()) {
    draft_.visit = before;
    (void)Reload();
  }
  return saved;
}

Status VisitSession::SyncPhotoAnswer(const std::string& item_id) {
  v1::Answer answer;
  std::string id;
  uint32_t instance = 0;
  if (!core::forms::ParseItemKey(item_id, &id, &instance)) id = item_id;  // the engine names it
  answer.set_item_id(id);
  answer.set_instance(instance);
  for (const auto& photo : draft_.photos) {
    if (photo.item_id() == item_id)
      answer.mutable_value()->mutable_photos()->add_photo_ids(photo.id());
  }
  return session_->SetAnswer(answer);
}

Status VisitSession::AddPhoto(const QString& item_id, const QString& path, const GeoFix& fix) {
  if (item_id == QLatin1String(kNoticePhotoItem)) return AddNoticePhoto(path, fix);
  if (item_id.startsWith(QLatin1String(kFixedPhotoPrefix))) {
    return FixOnSite(item_id.mid(static_cast<qsizetype>(sizeof(kFixedPhotoPrefix) - 1)), path, fix);
  }
  auto photo = SealPhoto(item_id.toStdString(), path, fix);
  if (!photo.ok()) return photo.status();
  return SyncPhotoAnswer(item_id.toStdString());
}

Status VisitSession::SetRefusal(int reason, const QString& note, bool escalate) {
  if (!v1::RefusalReason_IsValid(reason) || reason == v1::REFUSAL_REASON_UNSPECIFIED) {
    return Status(core::Code::kInvalidArgument, "请选择拒绝的原因。");
  }
  const v1::Visit before = draft_.visit;
  v1::Refusal* refusal = draft_.visit.mutable_refusal();
  refusal->set_reason(static_cast<v1::RefusalReason>(reason));
  refusal->set_note(note.trimmed().toStdString());
  refusal->set_escalated_to_village(escalate);
  Status saved = Save();
  if (!saved.ok()) draft_.visit = before;
  return saved;
}

Status VisitSession::SetEducation(const QStringList& codes) {
  const v1::Visit before = draft_.visit;
  draft_.visit.clear_education();
  for (const QString& code : codes) draft_.visit.add_education(code.toStdString());
  Status saved = Save();
  if (!saved.ok()) draft_.visit = before;
  return saved;
}

Status VisitSession::SetNoticeDelivered(bool delivered) {
  const v1::Visit before = draft_.visit;
  draft_.visit.mutable_notice()->set_delivered(delivered);
  Status saved = Save();
  if (!saved.ok()) draft_.visit = before;
  return saved;
}

Status VisitSession::AddNoticePhoto(const QString& path, const GeoFix& fix) {
  auto photo = SealPhoto("", path, fix);
  if (!photo.ok()) return photo.status();
  draft_.visit.mutable_notice()->set_delivered(true);
  draft_.visit.mutable_notice()->set_photo_id(photo->id());
  return Save();
}

Status VisitSession::FixOnSite(const QString& rule_id, const QString& path, const GeoFix& fix) {
  auto photo = SealPhoto("", path, fix);
  if (!photo.ok()) return photo.status();
  fixed_on_site_[rule_id.toStdString()] = photo->id();
  return Status::Ok();
}

Result<v1::Photo> VisitSession::SealPhoto(const std::string& item_id, const QString& path,
                                          const GeoFix& fix) {
  auto id = core::Uuid::FromBytes(draft_.visit.id());
  if (!id.ok()) return id.status();
  core::profile::PhotoCapture capture;
  capture.item_id = item_id;
  capture.taken_at_ms = clock_.NowMillis();
  if (fix.valid) {
    capture.has_location = true;
    capture.location = GeoPointOf(fix);
  }
  // The watermark: when (county time), where (address, and coordinates when there is a fix), who.
  const QDateTime at = QDateTime::fromMSecsSinceEpoch(
      capture.taken_at_ms, QTimeZone(QByteArrayLiteral("Asia/Shanghai")));
  PhotoStamp stamp;
  stamp.lines << at.toString(QStringLiteral("yyyy-MM-dd HH:mm")) << Q(address_);
  if (fix.valid) {
    stamp.lines << QStringLiteral("%1, %2 ±%3m")
                       .arg(fix.latitude, 0, 'f', 5)
                       .arg(fix.longitude, 0, 'f', 5)
                       .arg(static_cast<int>(fix.accuracy_m));
  }
  stamp.lines << Q(profile_.info().worker_id);
  auto jpeg = PrepareEvidencePhoto(path, stamp);
  if (!jpeg.ok()) return jpeg.status();
  const auto* bytes = reinterpret_cast<const uint8_t*>(jpeg->constData());
  auto photo = profile_.visits().AddPhoto(
      *id, std::span<const uint8_t>(bytes, static_cast<size_t>(jpeg->size())), capture);
  if (!photo.ok()) return photo.status();
  draft_.photos.push_back(*photo);
  return photo;
}

Status VisitSession::RemovePhoto(const QString& photo_id) {
  auto id = IdBytes(photo_id);
  if (!id.ok()) return id.status();
  auto uuid = core::Uuid::FromBytes(*id);
  QM_RETURN_IF_ERROR(profile_.visits().RemovePhoto(*uuid));
  auto it = std::find_if(draft_.photos.begin(), draft_.photos.end(),
                         [&](const v1::Photo& p) { return p.id() == *id; });
  if (it == draft_.photos.end()) return Status::Ok();
  const std::string item = it->item_id();
  draft_.photos.erase(it);
  return SyncPhotoAnswer(item);
}

Result<core::store::RecordedVisit> VisitSession::Finish(const GeoFix& fix, QString* first_problem) {
  auto id = core::Uuid::FromBytes(draft_.visit.id());
  if (!id.ok()) return id.status();
  core::profile::FinishOptions options;
  if (fix.valid) {
    options.has_location = true;
    options.location = GeoPointOf(fix);
  }
  options.fixed_on_site = fixed_on_site_;
  // Said in the worker's words before the core's sentence would say it in English.
  if (draft_.visit.outcome() == v1::REFUSED &&
      draft_.visit.refusal().reason() == v1::REFUSAL_REASON_UNSPECIFIED) {
    return Status(core::Code::kInvalidArgument, "请选择拒绝的原因。");
  }
  if (draft_.visit.refusal().reason() == v1::OTHER_REASON &&
      draft_.visit.refusal().note().empty()) {
    return Status(core::Code::kInvalidArgument, "请说明拒绝的原因。");
  }
  std::vector<core::profile::ItemError> problems;
  auto recorded = profile_.visits().Finish(*id, options, &problems);
  if (!recorded.ok()) {
    tried_finish_ = true;
    if (first_problem != nullptr) {
      // The first problem in checklist order, so the screen scrolls to the top-most one.
      const VisitView view = View();
      for (const ChecklistRow& row : view.items) {
        if (!row.error_zh.isEmpty()) {
          *first_problem = row.item_id;
          break;
        }
      }
    }
  }
  return recorded;
}

Status VisitSession::Discard() {
  auto id = core::Uuid::FromBytes(draft_.visit.id());
  if (!id.ok()) return id.status();
  return profile_.visits().Discard(*id);
}

VisitView VisitSession::View() const {
  const core::forms::Evaluation eval = session_->Snapshot();
  const v1::ChecklistTemplate& tpl = template_.proto();
  VisitView view;
  view.draft_id = Q(core::Uuid::FromBytes(draft_.visit.id())->ToString());
  if (!draft_.visit.task_id().empty()) {
    view.task_id = Q(core::Uuid::FromBytes(draft_.visit.task_id())->ToString());
  }
  view.subject_id = Q(core::Uuid::FromBytes(draft_.visit.subject_id())->ToString());
  view.subject_name = Q(subject_name_);
  view.address = Q(address_);
  view.title_zh = Q(tpl.title().zh());
  view.title_en = Q(tpl.title().en());
  view.outcome = draft_.visit.outcome();
  view.refusal_reason = draft_.visit.refusal().reason();
  view.refusal_note = Q(draft_.visit.refusal().note());
  view.escalated = draft_.visit.refusal().escalated_to_village();
  for (const std::string& code : draft_.visit.education()) view.education << Q(code);
  view.notice_delivered = draft_.visit.notice().delivered();
  view.notice_photo = !draft_.visit.notice().photo_id().empty();
  for (const auto& [rule, photo] : fixed_on_site_) view.fixed_on_site << Q(rule);
  view.answered = eval.answered_visible;
  view.visible = static_cast<int>(eval.visible_items.size());
  view.complete = eval.complete();

  const std::set<std::string> visible(eval.visible_items.begin(), eval.visible_items.end());
  const std::set<std::string> missing(eval.missing_required.begin(), eval.missing_required.end());
  std::set<std::string> hazard_items;
  std::set<std::string> photo_missing_items;
  const std::string today = profile_.CountyDate(clock_.NowMillis());
  for (const auto& derived : eval.hazards) {
    for (const auto& rule : tpl.hazard_rules()) {
      if (rule.id() != derived.rule_id) continue;
      const auto ids = ItemsOfRule(rule);
      hazard_items.insert(ids.begin(), ids.end());
    }
    if (derived.photo_missing) photo_missing_items.insert(derived.photo_item);
    HazardRow row;
    row.title_zh = Q(derived.title.zh());
    row.title_en = Q(derived.title.en());
    row.category = Q(derived.category);
    row.major = derived.severity == v1::MAJOR;
    row.deadline_days = static_cast<int>(derived.deadline_days);
    if (core::forms::HasDeadline(derived.urgency, derived.deadline_days)) {
      row.deadline = Q(AddDays(today, derived.deadline_days));
    }
    row.photo_missing = derived.photo_missing;
    row.rule_id = Q(derived.rule_id);
    row.fixed_on_site = fixed_on_site_.count(derived.rule_id) > 0;
    view.hazards.push_back(row);
  }

  std::map<std::string, const core::forms::ItemProblem*> failures;
  for (const auto& problem : eval.constraint_failures) failures[problem.item_id] = &problem;
  // Keyed as the engine keys them: "cylinder_ok[2]" for an item of a repeat group.
  std::map<std::string, const v1::Answer*> answers;
  for (const auto& answer : draft_.visit.answers()) {
    answers[core::forms::ItemKey(answer.item_id(), answer.instance())] = &answer;
  }

  int section_index = -1;
  for (const auto& section : tpl.sections()) {
    bool any = false;
    // A repeat group shows its items once per instance, each labelled with the instance's name.
    const auto counted = eval.instances.find(section.id());
    const int instances = counted == eval.instances.end() ? 0 : counted->second;
    for (int k = section.has_repeat() ? 1 : 0; k <= (section.has_repeat() ? instances : 0); ++k) {
      const v1::LocalizedText prefix =
          k > 0 ? core::forms::InstanceLabel(section, k) : v1::LocalizedText();
      for (const auto& item : section.items()) {
        const std::string key = core::forms::ItemKey(item.id(), static_cast<uint32_t>(k));
        if (visible.count(key) == 0) continue;
        if (!any) ++section_index;
        any = true;
        ChecklistRow row;
        row.item_id = Q(key);
        row.section_id = Q(section.id());
        row.section_zh = Q(section.title().zh());
        row.section_en = Q(section.title().en());
        row.section_index = section_index;
        row.kind = KindName(item.kind());
        row.label_zh = Q(k > 0 ? prefix.zh() + "：" + item.label().zh() : item.label().zh());
        row.label_en = Q(k > 0 ? prefix.en() + ": " + item.label().en() : item.label().en());
        row.help_zh = Q(item.help().zh());
        row.help_en = Q(item.help().en());
        row.unit = Q(item.unit());
        row.required = item.required() == "true" || missing.count(key) > 0;
        for (const auto& choice : item.choices()) {
          row.choices.push_back(QVariantMap{{QStringLiteral("code"), Q(choice.code())},
                                            {QStringLiteral("zh"), Q(choice.label().zh())},
                                            {QStringLiteral("en"), Q(choice.label().en())}});
        }
        if (auto a = answers.find(key); a != answers.end()) {
          row.answer = FromAnswerValue(a->second->value());
        }
        for (const auto& photo : draft_.photos) {
          if (photo.item_id() != key) continue;
          ++row.photo_count;
          row.photo_ids << Q(core::Uuid::FromBytes(photo.id())->ToString());
        }
        row.hazard = hazard_items.count(item.id()) > 0;
        if (auto f = failures.find(key); f != failures.end()) {
          row.error_zh = Q(f->second->message.zh());
          row.error_en = Q(f->second->message.en());
          if (row.error_zh.isEmpty()) row.error_zh = QStringLiteral("填写不符合要求，请检查");
          if (row.error_en.isEmpty()) row.error_en = QStringLiteral("This answer is not valid");
        } else if (photo_missing_items.count(key) > 0) {
          row.error_zh = QStringLiteral("发现隐患，请拍摄照片留证");
          row.error_en = QStringLiteral("A hazard was found: take a photo as evidence");
        } else if (tried_finish_ && missing.count(key) > 0) {
          row.error_zh = IsPhotoKind(item.kind()) ? QStringLiteral("必填，请拍摄照片")
                                                  : QStringLiteral("必填，请作答");
          row.error_en = IsPhotoKind(item.kind()) ? QStringLiteral("Required: take a photo")
                                                  : QStringLiteral("Required: please answer");
        }
        view.items.push_back(row);
      }
    }
  }
  view.sections = section_index + 1;
  return view;
}

}  // namespace qiaomen::mobile
