#pragma once
// What `qiaomen` says to people, in one catalogue per language (messages_zh.cc, messages_en.cc):
// every line a command prints for a person is a message id here, filled by base::FormatMessage
// ("{0}", "{1}"). --json output is not: its keys and codes are stable English identifiers.
//
// Why a table and not GNU gettext: gettext only translates when the process's locale exists on the
// machine (a fresh Debian has C.UTF-8 and no zh_CN), needs .po/.mo tooling in the build, and cannot
// tell a test which ids lack a text; a table indexed by an enum is compiled in, always present, and
// messages_test checks that both catalogues have every id with the same arguments.

#include <initializer_list>
#include <string>
#include <string_view>

#include "qiaomen/base/message_catalogue.h"
#include "qiaomen/core/domain/labels.h"

namespace qiaomen::cli {

enum class Msg : int {
  kNever,        // a time that has not happened yet ("never")
  kEnrolled,     // {0} device id, {1} worker name, {2} worker id, {3} role, {4} scope, {5} county
  kReenrolled,   // the same, {6} unsent changes
  kSyncSummary,  // {0} changes sent, {1} photos sent, {2} changes received
  kSyncAlreadyOnServer,  // {0} photos
  kSyncRefusedCount,     // {0} changes
  kSyncClockSkewAhead,   // {0} minutes
  kSyncClockSkewBehind,  // {0} minutes
  kSyncHeldForWifi,
  kSyncEpochReset,
  kSyncStopped,        // {0} reason
  kSyncBytes,          // {0} sent, {1} received
  kSyncRetries,        // {0} retries
  kSyncUnknownZone,    // {0} the county's zone, {1} the zone used
  kSyncRefusedChange,  // {0} seq, {1} code, {2} reason
  kRefusedHint,
  kProgressRecords,
  kProgressPhotos,
  kProgressWaiting,
  kProgressEta,   // {0} seconds
  kStatusDevice,  // {0} device id, {1} worker id
  kStatusServer,  // {0}
  kStatusNotEnrolled,
  kStatusZone,            // {0}
  kStatusLastSync,        // {0}
  kStatusPendingChanges,  // {0}
  kStatusPendingPhotos,   // {0} count, {1} bytes
  kStatusDrafts,          // {0}
  kStatusBackup,          // {0}
  kStatusRefused,         // {0}
  kStatusTimesIn,         // {0} zone
  kBackupNothingSent,
  kBackupNoneYet,
  kBackupAll,
  kBackupUpTo,              // {0} seq, {1} changes sent since
  kBackupReleasedUnbacked,  // {0} first seq, {1} last seq let go that no backup holds
  kVisitRecorded,           // {0} visit id, {1} subject, {2} outcome, {3} photos
  kVisitNoHazards,
  kVisitHazards,          // {0} count
  kVisitHazardLine,       // {0} id, {1} severity, {2} category, {3} description, {4} deadline
  kVisitAlreadyRecorded,  // {0} file, {1} visit id, {2} subject
  kHazardLine,  // {0} id, {1} subject, {2} category, {3} severity, {4} status, {5} deadline, {6}
                // description
  kHazardStepNotTaken,  // {0} event id, {1} reason
  kHazardsTotal,        // {0} shown, {1} major
  kHazardsOpenTotal,    // {0} shown, {1} major
  kHazardChanged,       // {0} id, {1} category, {2} before, {3} after
  kSubjectTitle,        // {0} name, {1} kind, {2} external id
  kSubjectId,
  kSubjectGrid,
  kSubjectAddress,
  kSubjectPhone,
  kSubjectMembers,
  kSubjectTags,
  kSubjectNote,
  kSubjectVisits,      // {0}
  kSubjectVisitLine,   // {0} time, {1} outcome, {2} checklist, {3} worker
  kSubjectHazards,     // {0}
  kSubjectHazardLine,  // {0} id, {1} category, {2} severity, {3} status, {4} deadline
  kQuarantineNone,
  kQuarantineLine,    // {0} seq, {1} time, {2} what
  kQuarantineOf,      // {0} subject, {1} name
  kQuarantineFooter,  // {0} zone
  kTasksTotal,        // {0} tasks, {1} grids
  kTasksDone,         // {0}
  kBundleWritten,     // {0} file, {1} changes, {2} photos, {3} bytes
  kPinChanged,
  kTasksColumns,  // the table's headers, separated by '|'
  kTaskDone,
  kTaskOpen,
  kChecklistKind,           // {0} subject kind, {1} its code
  kChecklistShownWhen,      // {0} condition
  kChecklistRepeatFixed,    // {0} instance count: a repeat group of a fixed count
  kChecklistRepeatCounted,  // {0} the integer item that counts the instances, {1} max
  kChecklistRepeatOpen,     // {0} min, {1} max: the worker adds instances
  kChecklistRepeatKeys,     // {0} an example key, e.g. cylinder_ok[2]
  kChecklistNote,           // a read-only note between items
  kChecklistRange,          // {0}
  kChecklistRequired,
  kChecklistRequiredWhen,  // {0} condition
  kChecklistConstraint,    // {0}
  kChecklistChoices,
  kChecklistHazardRules,
  kChecklistDeadlineDays,  // {0} days
  kChecklistWhen,          // {0} condition
  kChecklistLegalBasis,    // {0}
  kItemYesNoNa,
  kItemSingleChoice,
  kItemMultiChoice,
  kItemInteger,
  kItemDecimal,
  kItemText,
  kItemDate,
  kItemPhoto,
  kItemSignature,
  kItemLocation,
  kItemUnknown,
  kEntitySubject,
  kEntityTask,
  kEntityVisit,
  kEntityPhoto,
  kEntityHazard,
  kEntityHazardEvent,
  kEntityOther,
  kResendQueued,  // {0} seq, {1} new seq
  kResendWith,    // {0} the other new seqs ("#4 #5")
  kResendRun,
  kSubjectUnchanged,  // {0} subject
  kSubjectUpdated,    // {0} subject, {1} fields (kFieldName... joined by kFieldSeparator)
  kFieldName,         // a subject's fields as `subject update` names them
  kFieldAddress,
  kFieldPhone,
  kFieldMembers,
  kFieldTags,
  kFieldNote,
  kFieldSeparator,
  kTemplateWritten,  // {0} file
  kRefusalInvalid,   // why the county refused a change, by its code (invalid_argument, ...)
  kRefusalScope,
  kRefusalState,
  kRefusalNotFound,
  kRefusalDuplicate,
  kRefusalSignature,
  kRefusalOther,        // {0} code
  kQuarantineReason,    // {0} the refusal's kind, {1} the server's reason, {2} code
  kFailWrongPin,        // {0} attempts left
  kFailKeysDestroyed,   // {0} the enrol command
  kFailProfileDamaged,  // {0} profile directory
  kFailUnreachable,     // {0} server URL
  kFailCodeRefused,
  kFailDeviceRevoked,  // {0} device id
  kFailDetail,         // {0} the developer's detail (English), shown with --verbose
  // --help: the program's intro, its own two commands, the footer; each command's summary.
  kHelpIntro,
  kHelpShowThis,
  kHelpVersion,
  kHelpFooter,
  kSummaryExportBundle,
  kSummaryChecklistShow,
  kSummaryVisitTemplate,
  kSummaryEnroll,
  kSummaryHazards,
  kSummaryHazardUpdate,
  kSummaryChangePin,
  kSummaryQuarantine,
  kSummaryQuarantineResend,
  kSummaryStatus,
  kSummarySubjectShow,
  kSummarySubjectUpdate,
  kSummarySync,
  kSummaryTasks,
  kSummaryVisitRecord,
  // Issue 16: an emergency the answers raised (a gas leak), shown before anything else.
  kVisitEmergency,        // {0} what was found
  kVisitEmergencyAction,  // {0} step number, {1} what to do
  // Issue 18: a visit file's problems and its answers', said where they are found (visit_file.h).
  kProblemRaw,           // {0} the text as it is
  kProblemField,         // {0} field, {1} what is wrong
  kProblemItem,          // {0} item, {1} what is wrong
  kVisitFileOneProblem,  // {0} the problem's line
  kVisitFileProblems,    // {0} count, {1} the lines
  kVisitFileNotJson,
  kVisitFileNotJsonAt,  // {0} line, {1} column
  kVisitFileNotObject,
  kVisitFileMissing,  // {0} path
  kFieldUnknown,
  kMustBeString,
  kMustBeVersion,
  kOutcomeUnknown,  // {0} the outcome given
  kLocationNotObject,
  kAnswersNotObject,
  kPhotosNotObject,
  kPhotosNotListed,
  kEducationNotList,
  kSubjectRequired,
  kFieldRequired,
  kTemplateRequired,
  kTimeNotWholeMs,
  kTimeWrongType,
  kTimeNotATime,        // {0} the text
  kTimeNoOffset,        // {0} the text, {1} it with +08:00
  kTimeBadOffset,       // {0} the text
  kItemNotInChecklist,  // {0} checklist
  kItemIsPhoto,
  kItemNeedsKind,      // {0} kind of answer, {1} the answer given
  kItemTakesNoPhotos,  // {0} kind of answer
  kItemUnanswered,
  kItemConstraint,
  kItemHazardPhoto,        // {0} the hazard's title
  kPhotoFileMissing,       // {0} path
  kVisitOneProblem,        // {0} subject, {1} the problem's line
  kVisitProblems,          // {0} subject, {1} count, {2} the lines
  kVisitFilesNotRecorded,  // {0} failed, {1} given
  // Each command's --help text ("Usage: ..." and what it does).
  kUsageExportBundle,
  kUsageChecklistShow,
  kUsageVisitTemplate,
  kUsageEnroll,
  kUsageHazards,
  kUsageHazardUpdate,
  kUsageChangePin,
  kUsageQuarantine,
  kUsageQuarantineResend,
  kUsageStatus,
  kUsageSubjectShow,
  kUsageSubjectUpdate,
  kUsageSync,
  kUsageTasks,
  kUsageVisitRecord,
  // Issue 18: PIN prompts, an empty PIN variable, why a sync stopped.
  kPromptPin,
  kPromptNewPin,
  kPromptPinAgain,
  kPromptCurrentPin,
  kPromptNewPinOnly,
  kPromptNewPinAgain,
  kFailEmptyPin,  // {0} the variable
  kSyncStoppedSeeBelow,
  kCount  // not a message: the number of ids
};

// The text of `id` in `language`'s catalogue, "" when that catalogue lacks it (messages_test
// fails then). Static strings: thread-safe.
std::string_view MessageText(Msg id, core::domain::Language language);

// The text filled with `args` ("{0}" is args[0]).
std::string Say(core::domain::Language language, Msg id,
                std::initializer_list<std::string_view> args = {});

// One entry of a catalogue; the catalogues list their entries in any order.
using MessageEntry = base::MessageEntry<Msg>;

}  // namespace qiaomen::cli
