#pragma once
// A worker's visits on the device, from the knock on the door to the finished, signed record: the
// one implementation the field CLI and the app both call.
//
// A visit starts as a DRAFT (Store::SaveDraft): every answer and photo is saved as it is given, so
// a killed app resumes the visit where it was. Finishing it validates the draft with the forms
// engine, derives its hazards and their deadlines (in the county's days), signs it over its content
// and its photos' hashes, and records the visit, its photos, its hazards with their FOUND and
// ORDERED events and all their journal rows in ONE transaction (Store::RecordVisit). After a crash
// at any point either the whole visit is recorded or the draft is still there, whole; a photo
// file never outlives both its draft and its record (the vault collects orphans on open).
//
// Not thread-safe: used from the profile's one thread, like the Store it works on.

#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "qiaomen/core/clock.h"
#include "qiaomen/core/evidence/photo_vault.h"
#include "qiaomen/core/evidence/visit_signature.h"
#include "qiaomen/core/forms/evaluation.h"
#include "qiaomen/core/forms/template_registry.h"
#include "qiaomen/core/random.h"
#include "qiaomen/core/status.h"
#include "qiaomen/core/store/store.h"

namespace qiaomen::core::profile {

// How far ahead of the device's clock a visit's start or finish may be (phone clocks drift, and a
// worker may type the time by hand); a visit dated later than that is refused.
inline constexpr int64_t kFutureToleranceMs = 10 * 60 * 1000;

// A problem with one checklist item, as the worker should read it ("is required and has no
// answer"); the app shows it at the item, the CLI lists it.
struct ItemError {
  std::string item_id;
  std::string message;
};

// "\n  item 'x': ...", one line per error, for an error message.
std::string FormatItemErrors(const std::vector<ItemError>& errors);

// What keeps `evaluation` from being a finished "checked" visit, item by item: required items
// unanswered, constraints failing, hazard photos missing.
std::vector<ItemError> CompletenessErrors(const forms::Evaluation& evaluation);

// Where a visit starts: a task (its subject and checklist), or a subject and a checklist.
struct VisitStart {
  std::string task_id;            // 16 bytes, or empty
  std::string subject_id;         // 16 bytes; may be empty when task_id is given
  std::string template_id;        // empty: the task's checklist
  uint32_t template_version = 0;  // 0: the latest this device has
  int64_t started_at_ms = 0;      // 0: now
};

// A photo as it is taken, before it is sealed into the vault.
struct PhotoCapture {
  std::string item_id;      // the checklist item it answers ("" for a general photo)
  int64_t taken_at_ms = 0;  // 0: now
  bool has_location = false;
  v1::GeoPoint location;
  std::string mime_type = "image/jpeg";
};

// What finishing adds to the draft.
struct FinishOptions {
  int64_t finished_at_ms = 0;  // 0: now
  bool has_location = false;
  v1::GeoPoint location;
  // Each derived hazard with a deadline gets an ORDERED event (the worker orders the
  // rectification on the spot, 限期整改), in the same transaction.
  bool order_rectification = true;
  // 当场整改: hazards the worker saw fixed during the visit, by the rule that derived them, each
  // with the id (16 bytes) of its after-photo, a photo of the draft (taken with item_id ""). Each
  // such hazard is closed by one FIXED_ON_SITE event instead of being ordered.
  std::map<std::string, std::string> fixed_on_site;
};

struct FieldVisitsDeps {
  Clock& clock;
  Random& random;  // ids
  store::Store& store;
  evidence::PhotoVault& vault;
  const evidence::DeviceKey& device_key;
  const forms::TemplateRegistry& checklists;
  // "YYYY-MM-DD" of an instant in the county's time zone: today(), deadlines.
  std::function<std::string(int64_t unix_ms)> county_date;
  std::string worker_id;
  std::string device_id;
};

class FieldVisits {
 public:
  explicit FieldVisits(FieldVisitsDeps deps) : deps_(std::move(deps)) {}

  // Starts a draft. NotFound for an unknown task, subject or checklist (a sentence saying what to
  // do); InvalidArgument when neither a task nor a subject is given, when the checklist is made
  // for another kind of subject (household, premises, facility), or when `started_at_ms` is more
  // than kFutureToleranceMs after the clock. Durable when it returns.
  Result<store::VisitDraft> Start(const VisitStart& start);

  // Saves what the worker entered (outcome, answers, note, education, times, location) over the
  // draft `draft.id()`. Photos are not taken from `draft` (AddPhoto keeps them). Durable when it
  // returns. NotFound for an unknown draft; the Store's errors otherwise.
  Status Save(const v1::Visit& draft);

  // Seals a photo into the vault and attaches it to the draft. The plaintext is never written.
  // NotFound for an unknown draft or a missing file; InvalidArgument when the bytes are not a
  // JPEG's (evidence::CheckJpeg: a JSON or PNG file saying what to do); IOError/ResourceExhausted
  // on storage errors (nothing kept). Durable when it returns.
  Result<v1::Photo> AddPhoto(const Uuid& draft_id, std::span<const uint8_t> jpeg,
                             const PhotoCapture& capture);
  Result<v1::Photo> AddPhotoFile(const Uuid& draft_id, const std::string& path,
                                 const PhotoCapture& capture);
  // Takes a photo off its draft and deletes its file. NotFound when it is not a draft photo.
  Status RemovePhoto(const Uuid& photo_id);

  Result<store::VisitDraft> Draft(const Uuid& draft_id) { return deps_.store.GetDraft(draft_id); }
  Result<std::vector<store::VisitDraft>> Drafts() { return deps_.store.ListDrafts(); }
  // Forgets the draft and deletes its photo files. NotFound for an unknown draft.
  Status Discard(const Uuid& draft_id);

  // The draft's answers as the forms engine sees them now (visible items, problems, hazards), for
  // a screen to show as the worker answers. Photo items count the draft's photos.
  Result<forms::Evaluation> Evaluate(const store::VisitDraft& draft);

  // Finishes the draft: see the top of this file. A "checked" visit must pass the forms engine;
  // otherwise InvalidArgument listing every problem by item, with `problems` (when given) filled,
  // and nothing is written (the draft stays as it was). Also InvalidArgument (draft kept) when the
  // start or finish is more than kFutureToleranceMs after the clock, or the checklist is made for
  // another kind of subject. NotFound for an unknown draft; the
  // Store's and the signer's errors otherwise (nothing of the visit written).
  Result<store::RecordedVisit> Finish(const Uuid& draft_id, const FinishOptions& options,
                                      std::vector<ItemError>* problems = nullptr);

 private:
  // The checklist a draft names (latest when version 0). NotFound with a sentence.
  Result<forms::CompiledTemplate> Checklist(const std::string& id, uint32_t version) const;
  // InvalidArgument naming both kinds when `tpl` is made for another kind than the subject's.
  Status CheckSubjectKind(const forms::CompiledTemplate& tpl, const std::string& subject_id);
  // The draft's answers plus, for each photo item, the ids of the draft's photos on it.
  static std::vector<v1::Answer> AnswersWithPhotos(const store::VisitDraft& draft);
  Result<v1::Photo> Attach(const Uuid& draft_id, Result<v1::Photo> sealed);
  v1::Photo PhotoMeta(const store::VisitDraft& draft, const PhotoCapture& capture) const;

  FieldVisitsDeps deps_;
};

}  // namespace qiaomen::core::profile
