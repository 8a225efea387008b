#pragma once
// What `qiaomen-county` says to people, one catalogue per language (county_messages_zh.cc,
// county_messages_en.cc), for the same reasons as the field client's (cli/messages.h): a table
// indexed by an enum is always present and a test checks both catalogues have every id. Output
// for programs (--format json, csv) is not in it: its keys stay stable English identifiers.

#include <initializer_list>
#include <string>
#include <string_view>

#include "qiaomen/base/message_catalogue.h"
#include "qiaomen/core/args.h"
#include "qiaomen/core/domain/labels.h"

namespace qiaomen::server {

enum class CountyMsg : int {
  kInitialised,      // {0} data dir, {1} database, {2} zone, {3} bundle key path
  kTimeZoneSet,      // {0} zone
  kWorkerSaved,      // {0} id, {1} role, {2} scope
  kDeviceRevoked,    // {0} device id
  kImportConverted,  // {0} encoding
  kImported,         // {0} rows, {1} new, {2} updated, {3} unchanged, {4} units created
  kPublished,        // {0} checklist, {1} version
  kCampaignCreated,  // {0} id, {1} tasks
  kConflictLine,     // {0} number, {1} what, {2} field, {3} kept, {4} set aside, {5} who, {6} rule
  kConflictDevice,   // {0} device id
  kNoConflicts,
  kReportTitle,  // {0} county
  kReportTown,   // {0} town
  kReportDate,   // {0} date
  kReportCoverage,
  kReportByCategory,
  kReportByStatus,
  kReportBackupNone,
  kReportBackupAge,  // {0} hours, {1} minutes
  kReportBackupOld,
  kReportLostInRestore,  // {0} changes, {1} devices
  kHazardStepRecorded,   // {0} the hazard's status now
  kEnrolQrWritten,       // {0} code, {1} PNG path, {2} server, {3} kEnrolQrPinned/NotPinned
  kEnrolQrPinned,        // {0} pin
  kEnrolQrNotPinned,
  kEnrolQrNeedsServer,
  kEnrolQrTwoPins,
  kEnrolQrOptionsWithoutQr,
  kEnrolQrCannotMake,  // {0} why (English, from the link's check)
  kTotalVisits,
  kTotalChangesLost,
  kTotalHazardsOpen,
  kTotalHazardsRectified,
  kTotalHazardsOverdue,
  kTotalHazardsClosed,
  kTotalMajorOpen,
  kTotalMajorOverdue,
  kTotalRepeatFindings,
  kTotalPhotosReferenced,
  kTotalPhotosPending,
  kTotalEvidenceVerified,
  kTotalEvidencePending,
  kTotalEvidenceFailed,
  kTotalQuarantined,
  kTotalConflicts,
  kTotalBackupAge,
  kTotalSubjects,
  kTotalSubjectsChecked,
  kTotalReturnVisitsDue,
  kTotalVisitsRefused,
  kTotalMajorFound,
  kTotalMajorRectified,
  kTotalMajorClosed,
  kTotalHazardsDue,
  kTotalRectifiedOnTime,
  kReportRates,             // {0} checked rate, {1} checked, {2} subjects, {3} return visits due,
                            // {4} refused, {5} clearance rate, {6} major closed, {7} major found
  kReportOnTime,            // {0} on-time rate, {1} rectified on time, {2} due
  kReportMajorByUnit,       // {0} found, {1} open, {2} rectified, {3} closed, {4} overdue
  kServing,                 // {0} county, {1} URL
  kServeNoTls,              // {0} host
  kServeNoBundleKey,        // {0} key path
  kServeStoppedAtDeadline,  // {0} connections left without an answer
  kServeStopped,
  kServePortInUse,      // {0} host, {1} port
  kDateNotADay,         // {0} option, {1} the text
  kDueBadDays,          // {0} the text
  kDuePast,             // {0} the text, {1} the county's today
  kBundleOldFormat,     // {0} file, {1} worker name
  kBundleImported,      // {0} worker name, {1} worker id, {2} applied, {3} already here,
                        // {4} rejected, {5} photos stored, {6} photos already here
  kBundleRejectedLine,  // {0} the rejection
  kBundleNotReached,    // {0} changes
  kBundleKeyReplaced,   // {0} key path
  kBundleKeySecret,     // {0} key path
  kBundleKeyMissing,
  kBundleKeyFingerprint,  // {0}
  kQuarantineNone,
  kQuarantineLine,  // {0} id, {1} county time, {2} what, {3} worker, {4} device, {5} change seq
  kQuarantineOf,    // {0} what, {1} household
  kQuarantineAcceptedSince,
  kQuarantineReason,  // {0} code, {1} reason
  kUnknownDevice,
  kRevokedWorkNone,
  kRevokedWorkPeriod,  // {0} device, {1} worker, {2} revoked at, {3} re-enrolled at
  kRevokedWorkLine,    // {0} change seq, {1} what, {2} made at, {3} received at, {4} which
  kRevokedWorkMadeWhileRevoked,
  kRevokedWorkKept,
  kSummaryRevokedWork,
  kEntitySubject,
  kEntityTask,
  kEntityVisit,
  kEntityPhoto,
  kEntityHazard,
  kEntityHazardEvent,
  kEntityCampaign,
  kEntityAdminUnit,
  kStaffSaved,      // {0} id, {1} role, {2} scope
  kPasswordPrompt,  // {0} account id
  kPasswordSet,     // {0} account id
  kWorkersColumns,  // a table's headers, separated by '|'
  kDevicesColumns,
  kCampaignsColumns,
  kChecklistsColumns,
  kNoWorkers,
  kNoDevices,
  kNoCampaigns,
  kNoChecklists,
  kNever,
  kDeviceActive,
  kDeviceStateRevoked,
  kDeviceReinstated,
  kRoleGridWorker,
  kRoleInspector,
  kRoleTownship,
  kRoleCounty,
  kFailDatabaseUnreachable,
  kFailDetail,  // {0} the developer's detail (English), shown with --verbose
  // --help: the program's intro, its own two commands, the footer; each command's summary.
  kHelpIntro,
  kHelpShowThis,
  kHelpVersion,
  kHelpFooter,
  kSummaryBackup,
  kSummaryRestore,
  kSummaryImportBundle,
  kSummaryBundleKey,
  kSummaryCampaign,
  kSummaryHazard,
  kSummaryImportSubjects,
  kSummaryWorkers,
  kSummaryDevices,
  kSummaryCampaigns,
  kSummaryChecklists,
  kSummaryQuarantine,
  kSummaryReport,
  kSummaryConflicts,
  kSummaryServe,
  kSummaryInit,
  kSummarySetTimeZone,
  kSummaryAddWorker,
  kSummaryEnrollCode,
  kSummaryRevokeDevice,
  kSummaryAddStaff,
  kSummarySetPassword,
  kSummaryPublishTemplate,
  // Issue 16: urgency and suspected major hazards.
  kTotalMajorSuspected,
  kReportSuspectedByUnit,  // {0} suspected major hazards awaiting judgement
  kReportOpenByUrgency,
  kReportByPremisesType,
  kReportPremisesTypeLine,  // {0} type, {1} subjects, {2} checked, {3} hazards found, {4} open,
                            // {5} major found, {6} major open
  kReportCampaign,          // {0} campaign id
  kReportCsvHeader,
  // Backups (qiaomen/server/backup.h BackupEvent), said by backup_commands.cc.
  kBackupProgressCopied,    // {0} done, {1} of
  kBackupProgressChecked,   // {0} done, {1} of
  kBackupProgressRestored,  // {0} done, {1} of
  kBackupSnapshot,        // {0} file, {1} backend, {2} bytes, {3} records, {4} changes, {5} devices
  kBackupPhotoDamaged,    // {0} path
  kBackupPhotosCopied,    // {0} copied, {1} there already
  kBackupNotNoted,        // {0} why (English)
  kBackupComplete,        // {0} path
  kBackupPartNotAName,    // {0} part
  kBackupPartMissing,     // {0} part
  kBackupPartUnreadable,  // {0} part, {1} why (English)
  kBackupPartWrongSize,   // {0} part, {1} bytes, {2} expected
  kBackupPartAltered,     // {0} part
  kBackupWhole,           // {0} path, {1} parts, {2} backend, {3} records, {4} changes, {5} photos
  kBackupRestored,  // {0} county, {1} backup time, {2} data dir, {3} records, {4} changes, {5}
                    // photos, {6} epoch
  kBackupBundleKeyMissing,  // {0} key path
  // Each command's --help text ("Usage: ..." and what it does).
  kUsageBackup,
  kUsageRestore,
  kUsageImportBundle,
  kUsageBundleKey,
  kUsageCampaign,
  kUsageHazard,
  kUsageImportSubjects,
  kUsageWorkers,
  kUsageDevices,
  kUsageCampaigns,
  kUsageChecklists,
  kUsageQuarantine,
  kUsageReport,
  kUsageConflicts,
  kUsageRevokedWork,
  kUsageServe,
  kUsageInit,
  kUsageSetTimeZone,
  kUsageAddWorker,
  kUsageEnrollCode,
  kUsageRevokeDevice,
  kUsageAddStaff,
  kUsageSetPassword,
  kUsagePublishTemplate,
  kUsageExportTemplate,
  // Issue 23: checklists as workbooks, reports as Excel.
  kSummaryExportTemplate,
  kTemplateExported,     // {0} checklist, {1} version, {2} file
  kWorkbookUnreadable,   // {0} file, {1} why (English, from the reader)
  kWorkbookRefused,      // {0} file, {1} number of problems
  kWorkbookProblemLine,  // {0} where (survey!F12 (relevant)), {1} what
  kSheetMissing,         // {0} sheet, {1} its columns
  kSheetColumnMissing,   // {0} column, {1} the sheet's columns
  kSheetColumnUnknown,   // {0} column, {1} the sheet's columns
  kSheetNoSettingsRow,
  kSheetNoType,
  kSheetNoName,
  kSheetUnknownType,   // {0} type
  kSheetRepeatNotYet,  // {0} what (begin_repeat, repeat_count, choice_filter)
  kSheetNoteNotYet,
  kSheetGroupNested,  // {0} the open group, {1} its row
  kSheetEndWithoutBegin,
  kSheetGroupNotEnded,  // {0} group
  kSheetOutsideGroup,
  kSheetUnknownList,  // {0} list
  kSheetChoiceWithoutList,
  kSheetNotANumber,       // {0} text
  kSheetNotACount,        // {0} text
  kSheetNotYesNo,         // {0} text
  kSheetBadSeverity,      // {0} text
  kSheetBadUrgency,       // {0} text
  kSheetBadSubjectKind,   // {0} text
  kSheetActionsMismatch,  // {0} Chinese lines, {1} English lines
  kSheetCalculationOnItem,
  kCheckerProblem,  // {0} the forms checker's finding (English)
  kXlsxWritten,     // {0} file
  kXlsxSheetTotals,
  kXlsxSheetTowns,
  kXlsxSheetVillages,
  kXlsxSheetGrids,
  kXlsxSheetCategories,
  kXlsxSheetStatus,
  kXlsxSheetUrgency,
  kXlsxSheetPremisesTypes,
  kXlsxTotalsColumns,  // a table's headers, separated by '|'
  kXlsxUnitColumns,
  kXlsxMajorColumns,
  kXlsxCategoryColumns,
  kXlsxCodeCountColumns,
  kXlsxPremisesColumns,
  // Issue 16: door-knocking and village records.
  kTotalReturnVisits,
  kTotalRefusalsEscalated,
  kTotalNoticesDelivered,
  kTotalVillagesWithoutShelter,
  kTotalHazardsFixedOnSite,
  kReportRefusalsByReason,
  kCount  // not a message: the number of ids
};

// The text of `id` in `language`'s catalogue ("" when missing: the catalogue test fails then).
std::string_view CountyMessageText(CountyMsg id, core::domain::Language language);

// The text filled with `args` ("{0}" is args[0]).
std::string CountySay(core::domain::Language language, CountyMsg id,
                      std::initializer_list<std::string_view> args = {});

// A worker's role as people read it: "网格员 grid_worker" / "grid worker grid_worker" (the code
// kept: it is what --role takes); an unknown role as it is.
std::string RoleText(const std::string& role, core::domain::Language language);

// What a change was about ("visit" -> 走访 / visit); an entity name this list lacks as it is.
std::string EntityText(const std::string& entity, core::domain::Language language);

// The language a command speaks: its --lang, which the dispatcher always sets (from the option,
// else the locale environment: Chinese unless it says en*).
core::domain::Language LanguageOf(const core::Args& args);

using CountyMessageEntry = base::MessageEntry<CountyMsg>;

}  // namespace qiaomen::server
