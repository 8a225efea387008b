// English: `qiaomen --lang en`, or a locale that starts with "en".
#include "messages_catalogue.h"

namespace qiaomen::cli {

std::span<const MessageEntry> EnMessages() {
  static constexpr MessageEntry kMessages[] = {
      {Msg::kNever, "never"},
      {Msg::kEnrolled,
       "Enrolled device {0} for {1} ({2}, {3}, {4}) with {5}. Run `qiaomen sync` to fetch the "
       "tasks.\n"},
      {Msg::kReenrolled,
       "Re-enrolled device {0} for {1} ({2}, {3}, {4}) with {5}; its {6} unsent changes stay "
       "here. Run `qiaomen sync` to send them.\n"},
      {Msg::kSyncSummary, "Changes sent: {0}; photos sent: {1}; changes received: {2}."},
      {Msg::kSyncAlreadyOnServer, "Photos already on the server: {0}."},
      {Msg::kSyncRefusedCount, "Changes the server refused, kept on the device for review: {0}."},
      {Msg::kSyncClockSkewAhead,
       "This phone's clock is about {0} minutes ahead of the county server; please set the date "
       "and time."},
      {Msg::kSyncClockSkewBehind,
       "This phone's clock is about {0} minutes behind the county server; please set the date "
       "and time."},
      {Msg::kSyncHeldForWifi, "Photos are waiting for Wi-Fi."},
      {Msg::kSyncEpochReset,
       "The server was restored from a backup; this device re-sent its work."},
      {Msg::kSyncStopped, "Stopped: {0}"},
      {Msg::kSyncBytes, " {0} sent, {1} received"},
      {Msg::kSyncRetries, ", {0} retries"},
      {Msg::kSyncUnknownZone,
       "  The county's time zone {0} is not in this machine's time zone database (install "
       "tzdata); days are counted in {1} until then.\n"},
      {Msg::kSyncRefusedChange, "  refused change #{0} ({1}): {2}\n"},
      {Msg::kRefusedHint,
       "  `qiaomen quarantine` lists the refused changes; once the cause is put right, `qiaomen "
       "quarantine resend SEQ` sends one again.\n"},
      {Msg::kProgressRecords, "records"},
      {Msg::kProgressPhotos, "photos "},
      {Msg::kProgressWaiting, "waiting"},
      {Msg::kProgressEta, "  eta {0} s"},
      {Msg::kStatusDevice, "Device {0} of {1}\n"},
      {Msg::kStatusServer, "  server:            {0}\n"},
      {Msg::kStatusNotEnrolled, "(not enrolled)"},
      {Msg::kStatusZone, "  county time zone:  {0}\n"},
      {Msg::kStatusLastSync, "  last sync:         {0}\n"},
      {Msg::kStatusPendingChanges, "  pending changes:   {0}\n"},
      {Msg::kStatusPendingPhotos, "  pending photos:    {0} ({1})\n"},
      {Msg::kStatusDrafts, "  unfinished visits: {0}\n"},
      {Msg::kStatusBackup, "  county backup:     {0}\n"},
      {Msg::kStatusRefused, "  refused:           {0}\n"},
      {Msg::kStatusTimesIn, "Times are county time ({0}).\n"},
      {Msg::kBackupNothingSent, "nothing sent yet"},
      {Msg::kBackupNoneYet, "none of this device's changes yet (kept here)"},
      {Msg::kBackupAll, "holds every change sent"},
      {Msg::kBackupReleasedUnbacked,
       "WARNING: changes #{0} to #{1} were sent but are in no county backup, and this phone no "
       "longer keeps them (its space for them is full). Ask the township to have the county run "
       "`qiaomen-county backup` every day."},
      {Msg::kBackupUpTo,
       "holds changes up to #{0}; {1} sent since are kept here until the next backup"},
      {Msg::kVisitRecorded, "Recorded visit {0} to {1} ({2}; photos: {3}; signed)"},
      {Msg::kVisitNoHazards, "; no hazards.\n"},
      {Msg::kVisitHazards, "; hazards found: {0}\n"},
      {Msg::kVisitHazardLine, "  {0}  {1}  {2}  {3}  rectify by {4}\n"},
      {Msg::kVisitAlreadyRecorded,
       "{0} was already recorded as visit {1} to {2}; it was not recorded again.\n"},
      {Msg::kHazardLine, "{0}  {1}  {2}  {3}  {4}  due {5}  {6}\n"},
      {Msg::kHazardStepNotTaken, "    step {0} not taken: {1}\n"},
      {Msg::kHazardsTotal, "Hazards: {0}; major: {1}.\n"},
      {Msg::kHazardsOpenTotal, "Open hazards: {0}; major: {1}.\n"},
      {Msg::kHazardChanged, "Hazard {0} ({1}): {2} -> {3}.\n"},
      {Msg::kSubjectTitle, "{0} ({1}, {2})\n"},
      {Msg::kSubjectId, "  id:       "},
      {Msg::kSubjectGrid, "  grid:     "},
      {Msg::kSubjectAddress, "  address:  "},
      {Msg::kSubjectPhone, "  phone:    "},
      {Msg::kSubjectMembers, "  members:  "},
      {Msg::kSubjectTags, "  tags:     "},
      {Msg::kSubjectNote, "  note:     "},
      {Msg::kSubjectVisits, "  visits:   {0}\n"},
      {Msg::kSubjectVisitLine, "    {0}  {1}  {2}  by {3}\n"},
      {Msg::kSubjectHazards, "  hazards:  {0}\n"},
      {Msg::kSubjectHazardLine, "    {0}  {1}  {2}  {3}  due {4}\n"},
      {Msg::kQuarantineNone, "The county has refused none of this device's changes.\n"},
      {Msg::kQuarantineLine, "#{0}  {1}  {2}"},
      {Msg::kQuarantineOf, " of {0} {1}"},
      {Msg::kQuarantineFooter,
       "Times are county time ({0}). Once the cause is put right, `qiaomen quarantine resend "
       "SEQ` sends a change again.\n"},
      {Msg::kTasksTotal, "Tasks: {0}; grids: {1}"},
      {Msg::kTasksDone, "; done: {0}"},
      {Msg::kBundleWritten,
       "Wrote {0}: changes: {1}; photos: {2} ({3}, encrypted and signed). Import it at the "
       "county with `qiaomen-county import-bundle`; the next sync confirms it here.\n"},
      {Msg::kPinChanged, "PIN changed. Use the new PIN from now on.\n"},
      {Msg::kTasksColumns, "ID|Name|Address|Phone|Grid|Checklist|Due|Status"},
      {Msg::kTaskDone, "done"},
      {Msg::kTaskOpen, "to visit"},
      {Msg::kChecklistKind, "\nSubject kind: {0} ({1})\n"},
      {Msg::kChecklistShownWhen, "  shown when: {0}"},
      {Msg::kChecklistRepeatFixed, "  asked for each of {0}"},
      {Msg::kChecklistRepeatCounted,
       "  asked for each, as many as the answer to {0} (at most {1})"},
      {Msg::kChecklistRepeatOpen, "  asked for each the worker adds ({0}-{1})"},
      {Msg::kChecklistRepeatKeys, "  a visit file answers each one as {0} (the second)\n"},
      {Msg::kChecklistNote, "note"},
      {Msg::kChecklistRange, "  range: {0}"},
      {Msg::kChecklistRequired, "  required"},
      {Msg::kChecklistRequiredWhen, "  required when: {0}"},
      {Msg::kChecklistConstraint, "      constraint: {0}\n"},
      {Msg::kChecklistChoices, "      choices:"},
      {Msg::kChecklistHazardRules, "\nHazard rules:\n"},
      {Msg::kChecklistDeadlineDays, "  rectify within {0} days"},
      {Msg::kChecklistWhen, "\n      when: {0}\n"},
      {Msg::kChecklistLegalBasis, "      legal basis: {0}\n"},
      {Msg::kItemYesNoNa, "yes/no/n.a. (\"yes\"/\"no\"/\"na\")"},
      {Msg::kItemSingleChoice, "single choice (one code)"},
      {Msg::kItemMultiChoice, "multiple choice (a list of codes)"},
      {Msg::kItemInteger, "whole number"},
      {Msg::kItemDecimal, "number"},
      {Msg::kItemText, "text"},
      {Msg::kItemDate, "date (YYYY-MM-DD)"},
      {Msg::kItemPhoto, "photos (files listed under \"photos\")"},
      {Msg::kItemSignature, "signature picture (file listed under \"photos\")"},
      {Msg::kItemLocation, "location ({\"latitude\": .., \"longitude\": ..})"},
      {Msg::kItemUnknown, "unknown"},
      {Msg::kEntitySubject, "subject"},
      {Msg::kEntityTask, "task"},
      {Msg::kEntityVisit, "visit"},
      {Msg::kEntityPhoto, "photo"},
      {Msg::kEntityHazard, "hazard"},
      {Msg::kEntityHazardEvent, "hazard event"},
      {Msg::kEntityOther, "record"},
      {Msg::kResendQueued, "Change #{0} goes again as #{1}"},
      {Msg::kResendWith, ", with what was refused with it: {0}"},
      {Msg::kResendRun, ". Run `qiaomen sync` to send it.\n"},
      {Msg::kSubjectUnchanged, "Nothing changed: {0} already has these values.\n"},
      {Msg::kFieldName, "name"},
      {Msg::kFieldAddress, "address"},
      {Msg::kFieldPhone, "phone"},
      {Msg::kFieldMembers, "members"},
      {Msg::kFieldTags, "tags"},
      {Msg::kFieldNote, "note"},
      {Msg::kFieldSeparator, ", "},
      {Msg::kSubjectUpdated,
       "Updated {0}: {1}. The change is saved and goes to the county on the next sync.\n"},
      {Msg::kTemplateWritten,
       "Wrote {0}: replace each <...> with the answer (items not shown may be deleted), then run "
       "`qiaomen visit record {0}`.\n"},
      {Msg::kHelpIntro,
       "qiaomen — the Qiaomen field client\n\nUsage: qiaomen [--data DIR] [--keystore DIR] "
       "[--json] [--verbose] [--lang zh|en] COMMAND [OPTIONS]\n\nCommands:\n"},
      {Msg::kHelpShowThis, "show this text"},
      {Msg::kHelpVersion, "print the version"},
      {Msg::kHelpFooter,
       "\nEach command takes --help. --data DIR is the profile (default $QIAOMEN_DATA, "
       "else\n~/.local/share/qiaomen/profile); the device keystore is kept apart from it in "
       "--keystore DIR\n(default $QIAOMEN_KEYSTORE, else DIR.keystore). The PIN comes from "
       "$QIAOMEN_PIN or is asked\nfor on the terminal. Commands that print data take --json. Lines "
       "for people are in\nChinese unless --lang en or the locale (LANGUAGE, LC_ALL, LC_MESSAGES, "
       "LANG) says en*.\n\n"},
      {Msg::kSummaryExportBundle,
       "write the unsent changes and photos to an encrypted, signed file"},
      {Msg::kSummaryChecklistShow,
       "show a checklist's items, answers, required marks and conditions"},
      {Msg::kSummaryVisitTemplate, "write a visit file skeleton for a subject's checklist"},
      {Msg::kSummaryEnroll, "create this device's profile and register it with the county server"},
      {Msg::kSummaryHazards, "list the hazards on this device with their status"},
      {Msg::kSummaryHazardUpdate,
       "record a step of a hazard: ordered, rectified, reinspected, closed, suspected_major"},
      {Msg::kSummaryChangePin, "change the PIN that unlocks this profile"},
      {Msg::kSummaryQuarantine, "list the changes the county refused, with their reasons"},
      {Msg::kSummaryQuarantineResend, "send a refused change again once its cause is put right"},
      {Msg::kSummaryStatus, "pending changes and photos, refused changes, last sync, server"},
      {Msg::kSummarySubjectShow, "a subject with its visits and hazards"},
      {Msg::kSummarySubjectUpdate, "edit a subject's phone, members, tags or note"},
      {Msg::kSummarySync, "send this device's work to the county server and fetch what is new"},
      {Msg::kSummaryTasks, "list the open tasks of this device's grids"},
      {Msg::kSummaryVisitRecord, "record a whole visit from a JSON file"},
      {Msg::kFailWrongPin,
       "The PIN is wrong. {0} more attempt(s), then the data on this device is erased for good. "
       "Set QIAOMEN_PIN to the right PIN, or type it when asked."},
      {Msg::kFailKeysDestroyed,
       "The PIN was wrong too many times: this profile's keys are destroyed and its data can "
       "never be read again. Ask township staff for a new enrolment code, then run: {0}"},
      {Msg::kFailProfileDamaged,
       "The profile {0} is damaged and cannot be read. Do not delete it; contact township staff "
       "(--verbose shows the detail)."},
      {Msg::kFailUnreachable,
       "Cannot reach the county server at {0}. Nothing was lost: your work stays on this device. "
       "Check the connection (mobile data or Wi-Fi) and run the command again later."},
      {Msg::kFailCodeRefused,
       "The county server does not accept this enrolment code: it was used, has expired or was "
       "mistyped. Ask township staff for a new one."},
      {Msg::kFailDeviceRevoked,
       "The county server no longer accepts this device ({0}): it was revoked or replaced. Its "
       "unsent work stays on it. Township staff run `qiaomen-county enroll-code --worker ID "
       "--device {0}` for a new code; then `qiaomen enroll --server URL --code CODE` re-enrols "
       "it and sends the work."},
      {Msg::kFailDetail, "detail: {0}"},
      {Msg::kRefusalInvalid, "does not fit its checklist or format; correct it and resend"},
      {Msg::kRefusalScope, "outside your scope; ask township staff"},
      {Msg::kRefusalState,
       "the county's state does not allow it (an unpublished checklist version, a closed hazard)"},
      {Msg::kRefusalNotFound, "names a record the county does not have; sync, then resend"},
      {Msg::kRefusalDuplicate, "the county already has the same record"},
      {Msg::kRefusalSignature,
       "the signature or the device's identity is not valid; ask township staff"},
      {Msg::kRefusalOther, "refused by the county server ({0})"},
      {Msg::kQuarantineReason, "\n    {0}: {1} [{2}]\n"},
      // Issue 16: an emergency the answers raised (a gas leak), shown before anything else.
      {Msg::kVisitEmergency, "! Emergency: {0}. Do this now:\n"},
      {Msg::kVisitEmergencyAction, "  {0}. {1}\n"},
      {Msg::kProblemRaw, "{0}"},
      {Msg::kProblemField, "field '{0}': {1}."},
      {Msg::kProblemItem, "item '{0}': {1}"},
      {Msg::kVisitFileOneProblem, "The visit file has 1 problem; fix it and record it again:{0}"},
      {Msg::kVisitFileProblems,
       "The visit file has {0} problems; fix them and record it again:{1}"},
      {Msg::kVisitFileNotJson,
       "The visit file is not valid JSON: check its quotes, commas and braces (a JSON checker such "
       "as `python3 -m json.tool FILE` names the line)."},
      {Msg::kVisitFileNotJsonAt,
       "The visit file is not valid JSON at line {0}, column {1}: check the quotes, commas and "
       "braces there or just before."},
      {Msg::kVisitFileNotObject, "The visit file must hold one JSON object ({...})."},
      {Msg::kVisitFileMissing, "There is no visit file {0}."},
      {Msg::kFieldUnknown,
       "is not a visit field (known: subject, task, template, template_version, outcome, "
       "started_at, finished_at, location, answers, photos, education, note, refusal, notice, "
       "fixed_on_site)"},
      {Msg::kMustBeString, "must be a string"},
      {Msg::kMustBeVersion, "must be a version number (1, 2, ...)"},
      {Msg::kOutcomeUnknown,
       "the outcome '{0}' is not known; use checked, nobody_home, refused, vacant, moved "
       "or no_shelter (a village's record)"},
      {Msg::kLocationNotObject, "must be an object with numbers latitude and longitude"},
      {Msg::kAnswersNotObject, "must be an object of item id to answer"},
      {Msg::kPhotosNotObject, "must be an object of item id to a list of photo files"},
      {Msg::kPhotosNotListed, "must list photo files"},
      {Msg::kEducationNotList, "must be a list such as [\"leaflet\", \"reminder\"]"},
      {Msg::kSubjectRequired, "is required (a subject id or external id)"},
      {Msg::kFieldRequired, "is required"},
      {Msg::kTemplateRequired, "is required for a checked visit"},
      {Msg::kTimeNotWholeMs, "a time in milliseconds must be a positive whole number"},
      {Msg::kTimeWrongType, "a time must be a string like 2026-11-28T09:05:00+08:00"},
      {Msg::kTimeNotATime, "'{0}' is not a time like 2026-11-28T09:05:00+08:00"},
      {Msg::kTimeNoOffset,
       "'{0}' has no time zone offset: write it with the offset, e.g. {1} for county time in "
       "China, or Z for UTC"},
      {Msg::kTimeBadOffset, "'{0}' has a bad time zone offset (use +08:00)"},
      {Msg::kItemNotInChecklist, "is not an item of checklist {0}"},
      {Msg::kItemIsPhoto, "is a photo item: list its files under \"photos\""},
      {Msg::kItemNeedsKind, "needs a {0}, not {1}"},
      {Msg::kItemTakesNoPhotos, "takes a {0}, not photos"},
      {Msg::kItemUnanswered, "is required and has no answer"},
      {Msg::kItemConstraint, "does not meet its constraint"},
      {Msg::kItemHazardPhoto, "needs a photo proving the hazard '{0}'"},
      {Msg::kPhotoFileMissing, "the photo file {0} does not exist"},
      {Msg::kVisitOneProblem,
       "the visit to {0} has 1 problem; nothing was saved. Fix the file and record it again:{1}"},
      {Msg::kVisitProblems,
       "the visit to {0} has {1} problems; nothing was saved. Fix the file and record it "
       "again:{2}"},
      {Msg::kVisitFilesNotRecorded, "{0} of {1} visit files were not recorded (see above)."},
      {Msg::kUsageExportBundle,
       "Usage: qiaomen export-bundle FILE [--json]\n"
       "\n"
       "For teams with no signal at all: FILE carries every change and photo the server has not\n"
       "confirmed yet, encrypted for this device's county and signed with this device's key.\n"
       "The county imports it with `qiaomen-county import-bundle --data DIR FILE`; importing it\n"
       "twice changes nothing. The work stays pending here until a sync confirms it.\n"},
      {Msg::kUsageChecklistShow,
       "Usage: qiaomen checklist show ID[@VERSION] [--json]\n"
       "\n"
       "Prints each item of the checklist (latest version this device has unless @VERSION): its\n"
       "id, label, the kind of answer and how a visit file writes it, allowed codes, range,\n"
       "whether it is required (or when), when it is shown, and the hazard rules. Needs no PIN.\n"},
      {Msg::kUsageVisitTemplate,
       "Usage: qiaomen visit template SUBJECT [--checklist ID] [--out FILE.json]\n"
       "\n"
       "Writes a visit file for SUBJECT (id or external id) in the format `qiaomen visit record`\n"
       "reads: its open task's checklist (or --checklist ID), the times set to now in the "
       "county's\n"
       "time zone, and every item with a placeholder such as \"<yes|no|na>\". Replace each\n"
       "placeholder with the answer, list photo files under \"photos\", leave out items the\n"
       "checklist does not show (see `qiaomen checklist show ID`), then record the file.\n"},
      {Msg::kUsageEnroll,
       "Usage: qiaomen enroll --server URL --code CODE [--ca-cert FILE] [--pin-sha256 HASH]\n"
       "         [--name DEVICE_NAME] [--json]\n"
       "\n"
       "Creates the encrypted profile in --data (keys wrapped by your PIN, the store, the photo\n"
       "vault) and registers the device's signing key with the server using the one-time CODE\n"
       "from township staff. The PIN comes from QIAOMEN_PIN or is asked for twice. --ca-cert\n"
       "trusts the county's own CA; --pin-sha256 pins the server's public key\n"
       "(sha256//BASE64, as `curl --pinnedpubkey`). If the server refuses, nothing is kept.\n"
       "On a profile enrolled before (a revoked phone, a lost token) it asks for the PIN and\n"
       "registers the same device again under the new CODE (township staff issue it with\n"
       "`enroll-code --device`); its unsent work stays and goes at the next sync.\n"},
      {Msg::kUsageHazards,
       "Usage: qiaomen hazards [--open] [--subject ID] [--json]\n"
       "\n"
       "Every hazard found at a subject in this device's grids, with its category, severity,\n"
       "deadline and status (derived from its events). --open hides closed ones.\n"},
      {Msg::kUsageHazardUpdate,
       "Usage: qiaomen hazard update ID --event "
       "ordered|rectified|reinspected|closed|suspected_major\n"
       "         [--photo FILE] [--note TEXT] [--failed] [--json]\n"
       "\n"
       "Steps follow the hazard's life: found -> ordered -> rectified (needs --photo, the after-\n"
       "photo) -> reinspected (--failed sends it back to ordered) -> closed. An impossible step "
       "is\n"
       "refused with the hazard's current status. suspected_major marks it 疑似重大隐患: the\n"
       "county records the judgement of 消防救援大队 or the competent department.\n"},
      {Msg::kUsageChangePin,
       "Usage: qiaomen change-pin\n"
       "\n"
       "The current PIN comes from QIAOMEN_PIN and the new one from QIAOMEN_NEW_PIN, or both are\n"
       "asked for on the terminal (the new one twice). A wrong current PIN counts as a failed\n"
       "attempt. The data is not re-encrypted: only its key is wrapped anew.\n"},
      {Msg::kUsageQuarantine,
       "Usage: qiaomen quarantine [--json]\n"
       "\n"
       "Lists this device's changes that the county server refused: the number to resend it by,\n"
       "when (county time), what it is and whose household, and the server's reason. They stay\n"
       "on the device until sent again with `qiaomen quarantine resend SEQ`.\n"},
      {Msg::kUsageQuarantineResend,
       "Usage: qiaomen quarantine resend SEQ [--json]\n"
       "\n"
       "Puts the refused change SEQ (as `qiaomen quarantine` numbers it) back in the queue, with\n"
       "the refused changes that belong to it (a visit's photos and hazards), under new numbers;\n"
       "the next `qiaomen sync` sends them, the visit first. If the county refuses it again it\n"
       "comes back to the list with the new reason.\n"},
      {Msg::kUsageStatus,
       "Usage: qiaomen status [--json]\n"
       "\n"
       "Shows what waits to be sent (changes, photos and their bytes), the changes the server\n"
       "refused with its reasons (kept on the device for a person to review), when this device\n"
       "last synced and with which server.\n"},
      {Msg::kUsageSubjectShow,
       "Usage: qiaomen subject show ID [--json]\n"
       "\n"
       "ID is the subject's id or the county's external id (e.g. H-T01-V01-0001).\n"},
      {Msg::kUsageSubjectUpdate,
       "Usage: qiaomen subject update ID [--phone P] [--members N] [--tags T,...] [--note TEXT]\n"
       "         [--name NAME] [--address ADDRESS] [--json]\n"
       "\n"
       "Saves a field-level edit: only the fields given change, and each syncs on its own, so two\n"
       "workers editing different fields of one household both keep their edits. --tags replaces\n"
       "the list (e.g. elderly_alone,coal_heating,bottled_gas,ebike).\n"},
      {Msg::kUsageSync,
       "Usage: qiaomen sync [--retries N] [--progress] [--chunk-kb N] [--keep-sent-mb N] [--json]\n"
       "\n"
       "Sends the pending changes (visits, edits, hazard steps) in batches, receives the changes\n"
       "in this device's scope, then uploads the photos (resumable: a cut link resumes where it\n"
       "stopped). A progress bar is drawn on a terminal (--progress: plain progress lines\n"
       "elsewhere); otherwise one summary line. A transient failure is retried N times (default\n"
       "6) with growing pauses. --json prints pushed, pulled, photos sent, bytes and the changes\n"
       "the server refused with its reasons (they stay on the device, see `qiaomen status`).\n"
       "Sent changes are kept on the device until the county's backup holds them, so a restored\n"
       "county can be healed from the phones; --keep-sent-mb caps what is kept beyond the last\n"
       "backup (default 64 MB, oldest let go first, with a warning naming what no backup "
       "holds).\n"},
      {Msg::kUsageTasks,
       "Usage: qiaomen tasks [--grid GRID] [--search TEXT] [--all] [--json]\n"
       "\n"
       "Lists the tasks assigned in this device's grids that no visit has closed yet (--all: the\n"
       "done ones too), in address order as a worker walks them: village, group and number, with\n"
       "numbers compared as numbers (1组2号 before 1组10号; 二组 before 十组). --search keeps the\n"
       "subjects whose name, address, phone, county id or id contains TEXT. A nobody-home visit\n"
       "leaves its task open for the return visit.\n"},
      {Msg::kUsageVisitRecord,
       "Usage: qiaomen visit record FILE.json [FILE.json...] [--json]\n"
       "\n"
       "FILE.json holds one visit: subject (id or external id), template, outcome (checked,\n"
       "nobody_home, refused, vacant, moved), started_at and finished_at (times with their "
       "offset),\n"
       "location, answers by item id, photos by item id as file paths, education given, note,\n"
       "and for door-knocking: refusal {reason: refused_entry 拒绝入户, refused_after_no_answer\n"
       "无人应答后拒绝, asked_to_reschedule 要求改期 or other 其他 (with a note), escalate: true "
       "to\n"
       "ask the village committee}, notice {delivered: true, photo: FILE} (告知书, proved by its\n"
       "photo), fixed_on_site {RULE_ID: AFTER_PHOTO_FILE} (当场整改: the hazard is closed in the\n"
       "visit). A refused visit needs its reason; no_shelter is the outcome of a village's "
       "record.\n"
       "An item asked once per instance of a repeat group (each gas cylinder, each e-bike) is\n"
       "answered as ITEM[N], N from 1 (ebike_parking[2] is the second e-bike's), in answers and\n"
       "photos alike.\n"
       "Example (a whole visit of the household_winter checklist; photo paths are relative to the\n"
       "visit file's folder):\n"
       "  {\"subject\": \"H-T01-V01-0001\", \"template\": \"household_winter\", \"outcome\": "
       "\"checked\",\n"
       "   \"started_at\": \"2026-11-28T09:05:00+08:00\", \"finished_at\": "
       "\"2026-11-28T09:20:00+08:00\",\n"
       "   \"location\": {\"latitude\": 40.1, \"longitude\": 116.3, \"accuracy_m\": 8},\n"
       "   \"answers\": {\"heating_type\": \"electric\", \"gas_type\": \"none\", \"ebike_count\": "
       "0,\n"
       "     \"elderly_alone\": \"no\", \"wiring_ok\": \"yes\", \"sockets_ok\": \"yes\", "
       "\"rcd_installed\": \"yes\",\n"
       "     \"extinguisher\": \"no\", \"escape_clear\": \"yes\", \"combustibles_away\": \"yes\",\n"
       "     \"window_exit\": \"yes\", \"education_given\": [\"leaflet\", \"reminder\"]},\n"
       "   \"photos\": {\"hazard_photos\": [\"photo.jpg\"]}, \"education\": [\"leaflet\", "
       "\"reminder\"]}\n"
       "\n"
       "A checked visit must answer every required item; every problem is listed by item and\n"
       "nothing is saved. The visit is signed with this device's key, its photos are encrypted "
       "into\n"
       "the profile, and the hazards the checklist derives are printed. Files given together are\n"
       "recorded one by one; a bad one does not stop the others. A file recorded before (the same\n"
       "subject, checklist, outcome and times) is named and not recorded again. A visit dated "
       "more\n"
       "than 10 minutes after this device's clock, or with a checklist made for another kind of\n"
       "subject, is refused.\n"},
      {Msg::kPromptPin, "PIN: "},
      {Msg::kPromptNewPin, "New PIN (at least 4 characters): "},
      {Msg::kPromptPinAgain, "The same PIN again: "},
      {Msg::kPromptCurrentPin, "Current PIN: "},
      {Msg::kPromptNewPinOnly, "New PIN: "},
      {Msg::kPromptNewPinAgain, "The new PIN again: "},
      {Msg::kFailEmptyPin,
       "{0} is set but empty: set it to the PIN, or unset it ({0}) to be asked on the terminal. No "
       "attempt was used."},
      {Msg::kSyncStoppedSeeBelow, "Stopped; why is said below."},
  };
  return kMessages;
}

}  // namespace qiaomen::cli
