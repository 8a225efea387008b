#pragma once
// The visit in progress on the worker thread: its draft (saved after every change, so a killed
// app loses nothing), its checklist and a forms::FormSession that re-evaluates only what an
// answer touches. It turns the engine's evaluation into a VisitView for the screens.
//
// Not thread-safe: lives on the device worker's thread with the Profile it uses.

#include <QString>
#include <QVariant>
#include <memory>
#include <string>
#include <vector>

#include "app_types.h"
#include "qiaomen/core/clock.h"
#include "qiaomen/core/forms/form_session.h"
#include "qiaomen/core/profile/profile.h"

namespace qiaomen::mobile {

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
  // to show at the item) and FieldVisits::AddPhoto; on error nothing is kept.
  core::Status AddPhoto(const QString& item_id, const QString& path, const GeoFix& fix);
  core::Status RemovePhoto(const QString& photo_id);

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
};

}  // namespace qiaomen::mobile
