#pragma once
// The visit in progress on the worker thread: its draft (saved after every change, so a killed
// app loses nothing), its checklist and a forms::FormSession that re-evaluates only what an
// answer touches. It turns the engine's evaluation into a VisitView for the screens.
//
// Not thread-safe: lives on the device worker's thread with the Profile it uses.

#include <QString>
#include <QStringList>
#include <QVariant>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app_types.h"
#include "qiaomen/core/clock.h"
#include "qiaomen/core/forms/form_session.h"
#include "qiaomen/core/profile/profile.h"

namespace qiaomen::mobile {

// Photo "items" that are no checklist item: AddPhoto with these seals the notice's photo, or the
// after-photo of the hazard of rule <id> fixed on the spot ("@fixed:<rule id>").
inline constexpr char kNoticePhotoItem[] = "@notice";
inline constexpr char kFixedPhotoPrefix[] = "@fixed:";

class VisitSession {
 public:
  // Starts a draft for the task `task_id` (UUID text). Errors of FieldVisits::Start.
  static core::Result<std::unique_ptr<VisitSession>> Start(core::profile::Profile& profile,
                                                           core::Clock& clock,
                                                           const QString& task_id);
  // Continues the saved draft `draft_id` (UUID text). NotFound when it is gone.
  static core::Result<std::unique_ptr<VisitSession>> Resume(core::profile::Profile& profile,
                                                            core::Clock& clock,
                                                            const QString& draft_id);

  // Each of these saves the draft before it returns (durable), or changes nothing on error.
  core::Status SetOutcome(int outcome);
  // `value`: null or "" clears; yes/no/na, a choice code, a list of codes, a number, text, date.
  // InvalidArgument for an unknown item or a value its kind cannot take.
  core::Status SetAnswer(const QString& item_id, const QVariant& value);
  // Reads the picture at `path`, makes it evidence (evidence_photo.h: upright, at most 1600 px,
  // JPEG 85, no metadata, stamped with time, address and worker) and seals it on the draft with
  // `fix` when valid. The file itself is left alone. Errors of PrepareEvidencePhoto (a sentence
  // to show at the item) and FieldVisits::AddPhoto; on error nothing is kept. `item_id`
  // kNoticePhotoItem or kFixedPhotoPrefix + rule: AddNoticePhoto or FixOnSite.
  core::Status AddPhoto(const QString& item_id, const QString& path, const GeoFix& fix);
  core::Status RemovePhoto(const QString& photo_id);

  // Door-knocking (issue 16), each saved on the draft like the answers. A refusal's reason
  // (v1::RefusalReason), its note (required for "other") and whether the village committee is
  // asked along; the safety education given (codes: leaflet, reminder, family_message, demo); the
  // notice (告知书) delivered, and its photo. InvalidArgument for an unknown reason.
  core::Status SetRefusal(int reason, const QString& note, bool escalate);
  core::Status SetEducation(const QStringList& codes);
  core::Status SetNoticeDelivered(bool delivered);
  core::Status AddNoticePhoto(const QString& path, const GeoFix& fix);
  // 当场整改: the hazard of rule `rule_id` was fixed during the visit; `path` is its after-photo.
  // Finishing closes it with one FIXED_ON_SITE event. (Kept with the session: a draft resumed
  // after the app was killed asks for the after-photo again.)
  core::Status FixOnSite(const QString& rule_id, const QString& path, const GeoFix& fix);

  // Finishes the visit. InvalidArgument when the checklist is not complete: the problems are then
  // shown at their items by View() and `first_problem` names the first (in checklist order).
  // The visit carries `fix` when it is valid and no location otherwise (it is saved either way).
  core::Result<core::store::RecordedVisit> Finish(const GeoFix& fix, QString* first_problem);
  core::Status Discard();

  // What the screens show. Required items without an answer carry their error only once the
  // worker tried to finish (so a fresh checklist is not all red).
  VisitView View() const;
  const std::string& draft_id() const { return draft_.visit.id(); }

 private:
  VisitSession(core::profile::Profile& profile, core::Clock& clock, core::store::VisitDraft draft,
               core::forms::CompiledTemplate tpl,
               std::unique_ptr<core::forms::FormSession> session);
  static core::Result<std::unique_ptr<VisitSession>> Open(core::profile::Profile& profile,
                                                          core::Clock& clock,
                                                          core::store::VisitDraft draft);
  core::Status Save();
  // The picture at `path` made evidence and sealed on the draft under `item_id` ("" for a photo
  // of the visit itself: the notice, an after-photo).
  core::Result<v1::Photo> SealPhoto(const std::string& item_id, const QString& path,
                                    const GeoFix& fix);
  core::Status SyncPhotoAnswer(const std::string& item_id);
  core::Status Reload();

  core::profile::Profile& profile_;
  core::Clock& clock_;
  core::store::VisitDraft draft_;
  core::forms::CompiledTemplate template_;
  std::unique_ptr<core::forms::FormSession> session_;
  std::string subject_name_;
  std::string address_;
  bool tried_finish_ = false;
  std::map<std::string, std::string> fixed_on_site_;  // rule id -> after-photo id
};

}  // namespace qiaomen::mobile
