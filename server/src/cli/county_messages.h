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
