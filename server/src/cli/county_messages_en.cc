// English: `qiaomen-county --lang en`, or a locale that starts with "en".
#include "cli/county_messages_catalogue.h"

namespace qiaomen::server {

std::span<const CountyMessageEntry> CountyEnMessages() {
  static constexpr CountyMessageEntry kMessages[] = {
      {CountyMsg::kInitialised,
       "Initialised {0} ({1}, {2}).\nThe county's bundle secret key is {3}: back it up apart "
       "from the database; without it no offline bundle opens.\n"},
      {CountyMsg::kTimeZoneSet, "The county's time zone is now {0}.\n"},
      {CountyMsg::kWorkerSaved, "Worker {0} ({1}, {2}) saved.\n"},
      {CountyMsg::kDeviceRevoked, "Device {0} revoked.\n"},
      {CountyMsg::kImportConverted, "Read as {0} and converted to UTF-8.\n"},
      {CountyMsg::kImported,
       "Imported {0} rows: {1} new, {2} updated, {3} unchanged; {4} towns, villages or grids "
       "created.\n"},
      {CountyMsg::kPublished, "Published checklist {0} version {1}.\n"},
      {CountyMsg::kCampaignCreated, "Campaign {0} created with {1} tasks.\n"},
      {CountyMsg::kConflictLine,
       "#{0} {1}, field '{2}': kept '{3}', set aside '{4}' from {5} (rule {6})\n"},
      {CountyMsg::kConflictDevice, "device {0}"},
      {CountyMsg::kNoConflicts, "No conflicts.\n"},
      {CountyMsg::kReportTitle, "Report for {0}"},
      {CountyMsg::kReportTown, ", town {0}"},
      {CountyMsg::kReportDate, ", visits on {0}"},
      {CountyMsg::kReportCoverage, "\n\nCoverage (visited / subjects)\n"},
      {CountyMsg::kReportByCategory, "\nHazards by category and severity\n"},
      {CountyMsg::kReportByStatus, "\nHazards by status\n"},
      {CountyMsg::kReportBackupNone,
       "last backup: none. Take one now and every day: qiaomen-county backup --data DIR --to "
       "PATH (docs/operations.md)."},
      {CountyMsg::kReportBackupAge, "last backup: {0} h {1} min ago"},
      {CountyMsg::kReportBackupOld, ", older than a day: run qiaomen-county backup now"},
      {CountyMsg::kReportLostInRestore,
       "lost in a restore: {0} change(s) from {1} device(s) were in no backup and no device held "
       "them any more. Back up every day (qiaomen-county backup) so devices keep less and lose "
       "nothing.\n"},
      {CountyMsg::kTotalChangesLost, "changes lost in a restore"},
      {CountyMsg::kHazardStepRecorded,
       "Recorded. The hazard is now {0}; devices whose area holds it see this with their next "
       "sync.\n"},
      {CountyMsg::kEnrolQrWritten,
       "\nCode {0} (valid 24 hours, enrols one device)\nServer {2}\n{3}\nThe QR code is saved in "
       "{1}: print it or show it on a screen; on the phone tap \"Scan from a photo\" on the "
       "enrolment page, nothing to type.\n"},
      {CountyMsg::kEnrolQrPinned, "Server key pinned: {0}"},
      {CountyMsg::kEnrolQrNotPinned,
       "The server's key is not pinned (an http:// address, or neither --tls-cert nor --pin-sha256 "
       "given)."},
      {CountyMsg::kEnrolQrNeedsServer,
       "--qr also needs --server URL: the address phones reach this server at, e.g. "
       "https://county.example.cn."},
      {CountyMsg::kEnrolQrTwoPins,
       "Give --tls-cert or --pin-sha256, not both: the pin is computed from the certificate, or "
       "given."},
      {CountyMsg::kEnrolQrOptionsWithoutQr,
       "--server, --tls-cert and --pin-sha256 go with --qr only."},
      {CountyMsg::kEnrolQrCannotMake, "Cannot make the enrolment QR code: {0}"},
      {CountyMsg::kTotalVisits, "visits"},
      {CountyMsg::kTotalHazardsOpen, "hazards_open"},
      {CountyMsg::kTotalHazardsRectified, "hazards_rectified"},
      {CountyMsg::kTotalHazardsOverdue, "hazards_overdue"},
      {CountyMsg::kTotalHazardsClosed, "hazards_closed"},
      {CountyMsg::kTotalMajorOpen, "major_hazards_open"},
      {CountyMsg::kTotalMajorOverdue, "major_hazards_overdue"},
      {CountyMsg::kTotalRepeatFindings, "repeat_findings"},
      {CountyMsg::kTotalPhotosReferenced, "photos_referenced"},
      {CountyMsg::kTotalPhotosPending, "photos_pending"},
      {CountyMsg::kTotalEvidenceVerified, "evidence_verified"},
      {CountyMsg::kTotalEvidencePending, "evidence_pending"},
      {CountyMsg::kTotalEvidenceFailed, "evidence_failed"},
      {CountyMsg::kTotalSubjects, "subjects"},
      {CountyMsg::kTotalSubjectsChecked, "subjects_checked"},
      {CountyMsg::kTotalReturnVisitsDue, "return_visits_due"},
      {CountyMsg::kTotalVisitsRefused, "visits_refused"},
      {CountyMsg::kTotalMajorFound, "major_hazards_found"},
      {CountyMsg::kTotalMajorRectified, "major_hazards_rectified"},
      {CountyMsg::kTotalMajorClosed, "major_hazards_closed"},
      {CountyMsg::kTotalHazardsDue, "hazards_due"},
      {CountyMsg::kTotalRectifiedOnTime, "hazards_rectified_on_time"},
      {CountyMsg::kReportRates,
       "checked {0} of subjects ({1} / {2}), return visits due {3}, refused {4}; major hazards "
       "cleared {5} (closed {6} / found {7})"},
      {CountyMsg::kReportOnTime, "; rectified on time {0} ({1} / {2})\n"},
      {CountyMsg::kReportMajorByUnit,
       "  major hazards {0}: open {1}, rectified {2}, closed {3}, overdue {4}"},
      {CountyMsg::kTotalQuarantined, "quarantined_changes"},
      {CountyMsg::kTotalConflicts, "conflicts"},
      {CountyMsg::kTotalBackupAge, "backup_age_seconds"},
      {CountyMsg::kServing, "qiaomen-county: serving {0} on {1}"},
      {CountyMsg::kServeNoTls,
       "qiaomen-county: warning: listening on {0} without TLS. Phones refuse plain http to a "
       "remote server and tokens would cross the network in clear: give --tls-cert and "
       "--tls-key, or put a TLS proxy in front and listen on 127.0.0.1."},
      {CountyMsg::kServeNoBundleKey,
       "qiaomen-county: the county's bundle secret key {0} is not here: offline bundles cannot "
       "be imported on this machine until it is restored (`qiaomen-county bundle-key --help`)."},
      {CountyMsg::kServeStoppedAtDeadline,
       "qiaomen-county: stopped at the drain deadline; {0} connection(s) were still open and got "
       "no answer."},
      {CountyMsg::kServeStopped, "qiaomen-county: stopped after finishing in-flight requests."},
      {CountyMsg::kDateNotADay,
       "{0} '{1}' is not a real day: write it as YYYY-MM-DD, e.g. 2026-12-01."},
      {CountyMsg::kDueBadDays, "--due {0} must be +DAYS (at most 9999), e.g. +14."},
      {CountyMsg::kDuePast,
       "--due {0} is before today in the county ({1}): give a later day, or +DAYS from today, e.g. "
       "+14."},
      {CountyMsg::kServePortInUse,
       "port {1} on {0} is in use by another program (perhaps another qiaomen-county serve): "
       "stop it, or give another port with --listen, e.g. --listen {0}:8444."},
      {CountyMsg::kBundleOldFormat,
       "Warning: {0} is an old-format bundle, keyed from the device's token, so anyone with a "
       "copy of the county database could read it. Update the app on the device of {1} and let "
       "it sync once: its next bundles are sealed to the county's bundle key.\n"},
      {CountyMsg::kBundleImported,
       "Imported the bundle of {0} ({1}): {2} changes applied, {3} already here, {4} rejected; "
       "{5} photos stored, {6} already here.\n"},
      {CountyMsg::kBundleRejectedLine, "  rejected {0}\n"},
      {CountyMsg::kBundleNotReached,
       "  {0} changes were not reached (a gap in the device's changes); sync the device.\n"},
      {CountyMsg::kBundleKeyReplaced,
       "Made a new county bundle key. Devices receive it on their next sync; restart running "
       "servers so they give it out. Back up {0} apart from the database.\n"},
      {CountyMsg::kBundleKeySecret, "Secret key: {0}"},
      {CountyMsg::kBundleKeyMissing, " (missing: restore it from its backup)"},
      {CountyMsg::kBundleKeyFingerprint, "\nPublic key fingerprint: {0}\n"},
      {CountyMsg::kQuarantineNone, "Nothing is quarantined.\n"},
      {CountyMsg::kQuarantineLine, "#{0} {1} {2} from {3} (device {4}, change #{5})"},
      {CountyMsg::kQuarantineOf, "{0} of {1}"},
      {CountyMsg::kQuarantineAcceptedSince, ", sent again and accepted since"},
      {CountyMsg::kQuarantineReason, "\n    [{0}] {1}\n"},
      {CountyMsg::kRevokedWorkNone, "No work from a revoked period.\n"},
      {CountyMsg::kRevokedWorkPeriod, "device {0} ({1}): revoked {2}, re-enrolled {3}\n"},
      {CountyMsg::kRevokedWorkLine, "  #{0} {1}: made on the phone {2}, received {3}; {4}\n"},
      {CountyMsg::kRevokedWorkMadeWhileRevoked, "made while revoked: check it"},
      {CountyMsg::kRevokedWorkKept, "made before the revocation and kept unsent"},
      {CountyMsg::kSummaryRevokedWork,
       "the work revoked devices sent after re-enrolling, to review"},
      {CountyMsg::kUnknownDevice, "(unknown device)"},
      {CountyMsg::kEntitySubject, "subject"},
      {CountyMsg::kEntityTask, "task"},
      {CountyMsg::kEntityVisit, "visit"},
      {CountyMsg::kEntityPhoto, "photo"},
      {CountyMsg::kEntityHazard, "hazard"},
      {CountyMsg::kEntityHazardEvent, "hazard step"},
      {CountyMsg::kEntityCampaign, "campaign"},
      {CountyMsg::kEntityAdminUnit, "administrative unit"},
      {CountyMsg::kStaffSaved, "Staff account {0} ({1}, {2}) saved.\n"},
      {CountyMsg::kPasswordPrompt, "New password for {0}: "},
      {CountyMsg::kPasswordSet, "The password of {0} is set; its open sessions have ended.\n"},
      {CountyMsg::kWorkersColumns, "Id|Name|Role|Scope|Devices in use"},
      {CountyMsg::kDevicesColumns,
       "Device id|Worker|Name|Device name|Status|Enrolled|Last sync|Last change received|"
       "Re-enrolled after revocation"},
      {CountyMsg::kCampaignsColumns, "Id|Title|Checklists|Scope|Due|Created"},
      {CountyMsg::kChecklistsColumns, "Id|Version|Title|Subject kind|Items|Published"},
      {CountyMsg::kNoWorkers, "No workers yet. Add them with `qiaomen-county add-worker`."},
      {CountyMsg::kNoDevices, "No devices enrolled yet."},
      {CountyMsg::kNoCampaigns,
       "No campaigns yet. Create one with `qiaomen-county campaign create`."},
      {CountyMsg::kNoChecklists,
       "No checklists published yet. Publish one with `qiaomen-county publish-template`."},
      {CountyMsg::kNever, "never"},
      {CountyMsg::kDeviceActive, "active"},
      {CountyMsg::kDeviceStateRevoked, "revoked"},
      {CountyMsg::kDeviceReinstated, "active (was revoked)"},
      {CountyMsg::kRoleGridWorker, "grid worker"},
      {CountyMsg::kRoleInspector, "inspector"},
      {CountyMsg::kRoleTownship, "township staff"},
      {CountyMsg::kRoleCounty, "county staff"},
      {CountyMsg::kHelpIntro,
       "qiaomen-county — the Qiaomen county server and its admin commands\n\nUsage: qiaomen-county "
       "COMMAND [OPTIONS]\n\nCommands:\n"},
      {CountyMsg::kHelpShowThis, "show this text"},
      {CountyMsg::kHelpVersion, "print the version"},
      {CountyMsg::kHelpFooter,
       "\nEach command takes --help. Commands that use the data directory take --data DIR\n(and "
       "--db postgresql://... for PostgreSQL, unless `init --db` saved it). Lines for people\nare "
       "in Chinese unless --lang en or the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) says\nen*; "
       "--format json and csv keep English keys.\n\n"},
      {CountyMsg::kSummaryBackup,
       "back up the database and photos while the server runs; `backup verify PATH` checks one"},
      {CountyMsg::kSummaryRestore,
       "restore a backup into a new data directory (and database), with a new epoch"},
      {CountyMsg::kSummaryImportBundle,
       "import a device's changes and photos carried on a bundle file (no signal at all)"},
      {CountyMsg::kSummaryBundleKey,
       "show, or replace, the county's bundle key (devices seal offline bundles to it)"},
      {CountyMsg::kSummaryCampaign, "create a campaign: a task for every subject in scope"},
      {CountyMsg::kSummaryHazard,
       "the county's steps on a hazard: reinspect (复查), close (销号), escalate (挂牌督办)"},
      {CountyMsg::kSummaryImportSubjects,
       "import households, premises and facilities from CSV (all or nothing)"},
      {CountyMsg::kSummaryWorkers, "list the workers with their role, scope and devices"},
      {CountyMsg::kSummaryDevices, "list the enrolled devices with their worker and last sync"},
      {CountyMsg::kSummaryCampaigns, "list the campaigns"},
      {CountyMsg::kSummaryChecklists, "list the published checklists and their versions"},
      {CountyMsg::kSummaryQuarantine, "list the changes the server refused, with their reasons"},
      {CountyMsg::kSummaryReport,
       "coverage, hazards, overdue, repeat findings, pending photos, evidence"},
      {CountyMsg::kSummaryConflicts, "the conflict log, for review"},
      {CountyMsg::kSummaryServe,
       "run the HTTP API (sync, enrolment, photo upload, health, metrics) and the web console"},
      {CountyMsg::kSummaryInit, "create a data directory (database, blob store, server identity)"},
      {CountyMsg::kSummarySetTimeZone,
       "set the county's time zone (IANA name, e.g. Asia/Shanghai)"},
      {CountyMsg::kSummaryAddWorker, "add or update a worker with role and scope"},
      {CountyMsg::kSummaryEnrollCode,
       "print a one-time enrolment code for a worker's device (valid 24 h), or its QR code"},
      {CountyMsg::kSummaryRevokeDevice, "revoke a device's token"},
      {CountyMsg::kSummaryAddStaff,
       "add or update a web console account (township or county staff)"},
      {CountyMsg::kSummarySetPassword,
       "set a web console account's password (asked on the terminal)"},
      {CountyMsg::kSummaryPublishTemplate, "check a checklist template (JSON) and publish it"},
      {CountyMsg::kFailDatabaseUnreachable,
       "Cannot reach the database: check --db (or the address init saved) and that PostgreSQL "
       "is running, then run the command again. Nothing was changed. --verbose shows the "
       "detail."},
      {CountyMsg::kFailDetail, "detail: {0}"},
      // Issue 16: urgency and suspected major hazards.
      {CountyMsg::kTotalMajorSuspected, "major_hazards_suspected"},
      {CountyMsg::kReportSuspectedByUnit, "  suspected major awaiting judgement {0}"},
      {CountyMsg::kReportOpenByUrgency, "\nOpen hazards by urgency\n"},
      {CountyMsg::kReportByPremisesType, "\nBy premises type\n"},
      {CountyMsg::kReportPremisesTypeLine,
       "  {0}: subjects {1}, checked {2}; hazards {3} (open {4}); major hazards {5} (open {6})\n"},
      {CountyMsg::kReportCampaign, "Campaign: {0} (its subjects only)\n"},
      {CountyMsg::kReportCsvHeader, "section,key,name,subjects,visited,value"},
      {CountyMsg::kUsageBackup,
       "Usage: qiaomen-county backup --data DIR --to PATH [--db postgresql://...]\n"
       "       qiaomen-county backup verify PATH\n"
       "\n"
       "Writes a consistent snapshot of the database (SQLite's online backup API; pg_dump\n"
       "--format=custom for PostgreSQL, found on PATH or in /usr/lib/postgresql/N/bin) into the\n"
       "directory PATH, copies the photos PATH lacks (each checked against its SHA-256), and "
       "writes\n"
       "PATH/manifest.json last: a backup without it is incomplete. The server may keep running.\n"
       "Backing up into the same PATH again copies only new photos and keeps the previous backup\n"
       "whole until the new manifest replaces it. The county bundle secret key is not included:\n"
       "keep it apart (docs/operations.md).\n"
       "`backup verify PATH` checks every part against the manifest and prints what is wrong;\n"
       "it exits 1 when the backup cannot be restored.\n"},
      {CountyMsg::kUsageRestore,
       "Usage: qiaomen-county restore --from PATH --data DIR [--db postgresql://...] [--force]\n"
       "\n"
       "Verifies the backup in PATH first (a damaged or incomplete one is refused and nothing is\n"
       "written), then restores the photos and the database into DIR: SQLite as DIR/county.db;\n"
       "a PostgreSQL backup into the empty database --db names (remembered in DIR/database-url).\n"
       "A non-empty DIR or database is refused unless --force is given; stop the server first.\n"
       "The restored server gets a new epoch: devices then send again what the backup lacks.\n"
       "Copy the saved county-bundle.key into DIR afterwards.\n"},
      {CountyMsg::kUsageImportBundle,
       "Usage: qiaomen-county import-bundle --data DIR [--bundle-key KEYFILE] FILE\n"
       "\n"
       "FILE was written on a device with `qiaomen export-bundle FILE`. It is checked against the\n"
       "device's enrolment key and opened with the county's bundle secret key "
       "(DIR/county-bundle.key\n"
       "unless --bundle-key names where it is kept), then applied exactly as a sync would (scope,\n"
       "merge rules, visit checks). Importing the same bundle again, or a bundle whose changes "
       "the\n"
       "device has synced since, changes nothing. Bundles in the old format (keyed from the\n"
       "device's token) are still imported, with a warning.\n"},
      {CountyMsg::kUsageBundleKey,
       "Usage: qiaomen-county bundle-key --data DIR [--replace]\n"
       "\n"
       "Devices seal their offline bundles to the county's bundle public key, which they receive\n"
       "when they enrol and with each sync. Its secret half is the file DIR/county-bundle.key,\n"
       "never stored in the database: back it up apart from the database (docs/operations.md).\n"
       "The key pair is made by `init`, or on the first start of a server from before bundle "
       "keys.\n"
       "Without options this prints where the secret key is and the public key's fingerprint.\n"
       "--replace makes a new pair, for a lost or exposed secret key: the old file is kept as\n"
       "DIR/county-bundle.key.replaced-MS; devices receive the new key on their next sync, and\n"
       "bundles sealed to the old key open only with the kept file (--bundle-key).\n"},
      {CountyMsg::kUsageCampaign,
       "Usage: qiaomen-county campaign create --data DIR --id ID --title TITLE\n"
       "         --template TID[,TID...] --scope SCOPE --due YYYY-MM-DD|+DAYS\n"
       "         [--premises-type TYPE[,TYPE...]] [--tag TAG[,TAG...]]\n"
       "\n"
       "Creates the campaign and one task per subject in SCOPE (county, town:T or grids:G1,G2)\n"
       "and per checklist made for that subject's kind (a household checklist makes no tasks\n"
       "for premises or facilities). The checklists must be published first. --due +14 is 14\n"
       "days after today in the county's time zone. --premises-type restaurant targets only the\n"
       "subjects the subjects CSV gave that premises_type (shop, restaurant, hotel, school,\n"
       "elderly_home, ... or the Chinese name, e.g. 餐饮场所); --tag elderly_alone only subjects\n"
       "with one of those tags.\n"},
      {CountyMsg::kUsageHazard,
       "Usage: qiaomen-county hazard STEP HAZARD_ID --data DIR --by NAME [--note TEXT]\n"
       "\n"
       "STEP is one of:\n"
       "  reinspect         复查 passed: the rectification holds (after the worker recorded it)\n"
       "  reinspect-failed  复查 failed: back to 限期整改, the worker rectifies again\n"
       "  close             销号: close a hazard whose reinspection passed\n"
       "  escalate          挂牌督办: the county supervises the rectification itself\n"
       "  open-case         立案查处: a case is opened against the responsible party\n"
       "  suspect-major     疑似重大隐患: to be judged by 消防救援大队 or the competent "
       "department\n"
       "  confirm-major     判定为重大隐患: the judgement found it major (counted as major)\n"
       "  downgrade-major   判定为一般隐患: the judgement found it general\n"
       "\n"
       "The step is recorded as the county's own change in the hazard's history, with NAME and\n"
       "the note, and reaches every device whose area holds the hazard with its next sync. A step\n"
       "the hazard's state does not allow (closing one not reinspected) is refused with why.\n"},
      {CountyMsg::kUsageImportSubjects,
       "Usage: qiaomen-county import-subjects --data DIR FILE.csv\n"
       "\n"
       "FILE.csv has a header row with the columns external_id, kind, town, village, grid, name,\n"
       "address, phone, members, tags (any order). kind is household, premises, facility or\n"
       "village (a village's own record, e.g. for a village with no emergency shelter);\n"
       "town/village/grid hold ids, optionally ID:Name (they are created as needed); tags are\n"
       "separated by ';'. An optional column premises_type gives a premises' or facility's type\n"
       "(shop, restaurant, hotel, entertainment, internet_cafe, beauty, bathhouse, clinic, "
       "school,\n"
       "kindergarten, elderly_home, workshop, warehouse, ebike_site, shelter, or the Chinese name\n"
       "such as 餐饮场所), which `campaign create --premises-type` targets; a file without it\n"
       "keeps the types imported before. UTF-8 (as Excel's \"CSV UTF-8\") is read as is; GBK as\n"
       "Chinese Excel\n"
       "saves a plain CSV is converted. If any row is bad nothing is imported and every bad line\n"
       "is listed.\n"
       "Importing the same file again changes nothing (rows are matched by external_id).\n"},
      {CountyMsg::kUsageWorkers,
       "Usage: qiaomen-county workers --data DIR [--format text|json]\n"
       "\n"
       "Every worker: id, name, role, scope and the number of enrolled\n"
       "devices not revoked.\n"},
      {CountyMsg::kUsageDevices,
       "Usage: qiaomen-county devices --data DIR [--format text|json]\n"
       "\n"
       "Every enrolled device: its id (what `revoke-device` and `enroll-code --device` take), its\n"
       "worker, name, whether it is revoked (or was, and re-enrolled: its work from then is worth\n"
       "a review with `revoked-work`), when it enrolled, when it last synced (a pull alone too) "
       "and when the server\n"
       "last received a change from it, in the county's time zone.\n"},
      {CountyMsg::kUsageCampaigns,
       "Usage: qiaomen-county campaigns --data DIR [--format text|json]\n"
       "\n"
       "Every campaign: id, title, checklists, scope, due date and when it\n"
       "was created (county time).\n"},
      {CountyMsg::kUsageChecklists,
       "Usage: qiaomen-county checklists --data DIR [--format text|json]\n"
       "\n"
       "Every published checklist version: id, version, title, the kind of subject it is for, its\n"
       "number of items and when it was published (county time).\n"},
      {CountyMsg::kUsageQuarantine,
       "Usage: qiaomen-county quarantine --data DIR [--format text|json]\n"
       "\n"
       "Every change a device pushed that the server refused (a visit that fails its checklist or\n"
       "names an unpublished version, a bad signature, a record outside the worker's scope) is\n"
       "kept here with its reason; the device was told the same reason in its sync response.\n"
       "Each is shown with the household it is about, the worker and device that sent it and\n"
       "when it arrived (county time). A refusal whose record the device sent again and the\n"
       "server then accepted is marked so; a photo or hazard step refused with its visit is\n"
       "accepted once the visit is (`qiaomen quarantine resend` sends them together).\n"},
      {CountyMsg::kUsageReport,
       "Usage: qiaomen-county report --data DIR [--town T] [--date YYYY-MM-DD] [--campaign ID]\n"
       "         [--format text|json|csv|xlsx] [--out FILE.xlsx] [--lang zh|en]\n"
       "\n"
       "Coverage counts subjects visited at least once (on --date, a day in the county's time "
       "zone,\n"
       "if given) of all subjects, by town, village and grid, with visit outcomes; hazards by\n"
       "category and severity; open, overdue and closed hazards; repeat findings (the same rule "
       "found twice at\n"
       "one subject); photos referenced but not uploaded; visit evidence verified (signature and\n"
       "all photos), pending (photos missing) or failed.\n"
       "--date also limits hazards to those found that day; --campaign counts only the subjects\n"
       "the campaign has tasks for (its own denominators). csv is UTF-8 with a byte-order mark\n"
       "and its header row in the report's language, for spreadsheets. xlsx writes an Excel\n"
       "workbook to --out: a sheet of totals and one per breakdown (town, village, grid, category\n"
       "and severity, status, urgency, premises type), headers in the report's language.\n"},
      {CountyMsg::kUsageConflicts,
       "Usage: qiaomen-county conflicts --data DIR [--format text|json|csv]\n"
       "\n"
       "Lists every value that lost a merge: the record, the field, the value kept and the value "
       "lost, its device and the rule applied.\n"},
      {CountyMsg::kUsageRevokedWork,
       "Usage: qiaomen-county revoked-work --data DIR [--format text|json]\n"
       "\n"
       "A revoked device that township staff let back (enroll-code --worker ID --device "
       "DEVICE_ID)\n"
       "sends the work it kept. Each change it sent after the re-enrolment that the county had "
       "not\n"
       "received before the revocation is listed for review, by device and revocation: what it\n"
       "is, the household, when it was made on the phone and when it arrived (county time), and\n"
       "whether it was made before the revocation (kept unsent) or while the device was revoked\n"
       "(check it: the county had stopped trusting that phone).\n"},
      {CountyMsg::kUsageServe,
       "Usage: qiaomen-county serve --data DIR --listen HOST:PORT [--db postgresql://...]\n"
       "         [--tls-cert FILE --tls-key FILE] [--ready-file FILE] [--workers N]\n"
       "         [--rate-limit PER_SECOND] [--rate-burst N] [--max-body BYTES]\n"
       "         [--drain-timeout SECONDS] [--max-connections N] [--max-connections-per-address "
       "N]\n"
       "         [--min-body-rate BYTES_PER_SECOND] [--anonymous-rate-limit PER_SECOND]\n"
       "         [--anonymous-rate-burst N] [--public-url URL]\n"
       "\n"
       "The web console for township and county staff is at /console/ on the same address\n"
       "(accounts: add-staff, set-password). --public-url URL is the address phones reach the\n"
       "server at (https://county.example.cn): the console's enrolment QR codes carry it. Without\n"
       "it they carry the address the browser used only when it is this machine's own or the\n"
       "--listen address, and otherwise give the code as text.\n"
       "Port 0 picks a free port; the address is printed and, with --ready-file, written to FILE\n"
       "once the server accepts connections. --rate-limit is per device (0 disables; default 50\n"
       "requests/s, bursts of 200). SIGTERM or SIGINT stops accepting, finishes the requests in\n"
       "flight (reading a body that is still arriving) and exits 0; connections still open after\n"
       "--drain-timeout seconds (default 25) are dropped.\n"
       "Limits against exhaustion: the token is checked before a body is read; at most\n"
       "--max-connections (2048) connections, --max-connections-per-address (128) from one\n"
       "address; a body must arrive at --min-body-rate (1024 bytes/s) after 10 s of grace;\n"
       "requests without a valid token (enrolment, health, bad tokens) are limited per address\n"
       "by --anonymous-rate-limit (10/s, bursts of --anonymous-rate-burst 60). 0 disables each.\n"},
      {CountyMsg::kUsageInit,
       "Usage: qiaomen-county init --data DIR [--name NAME] [--time-zone ZONE]\n"
       "         [--db postgresql://...]\n"
       "\n"
       "Creates DIR with the database (SQLite DIR/county.db unless --db names PostgreSQL, which "
       "is\n"
       "then remembered in DIR/database-url), the photo blob store, a new server id and epoch, "
       "and\n"
       "the county's bundle key pair: devices seal offline bundles to its public key, and its\n"
       "secret key is the file DIR/county-bundle.key, not in the database. Back that file up "
       "apart\n"
       "from the database (see `qiaomen-county bundle-key --help`).\n"
       "ZONE is the county's IANA time zone (default Asia/Shanghai): report days, due dates and\n"
       "the devices' \"today\" are days in it. Refuses to touch an initialised store.\n"},
      {CountyMsg::kUsageSetTimeZone,
       "Usage: qiaomen-county set-time-zone --data DIR ZONE\n"
       "\n"
       "ZONE is an IANA time zone name such as Asia/Shanghai or Asia/Urumqi. The report, campaign\n"
       "due dates and every device use the county's day in this zone; devices receive it with\n"
       "their next sync. A running server uses it after a restart.\n"},
      {CountyMsg::kUsageAddWorker,
       "Usage: qiaomen-county add-worker --data DIR --id ID --name NAME\n"
       "         --role grid_worker|inspector|township|county --scope SCOPE\n"
       "\n"
       "SCOPE is `county`, `town:TOWN_ID` or `grids:GRID_ID[,GRID_ID...]`; the units must exist\n"
       "(they are created by import-subjects). Running it again updates the worker.\n"},
      {CountyMsg::kUsageEnrollCode,
       "Usage: qiaomen-county enroll-code --data DIR --worker ID [--device DEVICE_ID]\n"
       "         [--qr FILE.png --server URL [--tls-cert FILE | --pin-sha256 HASH]]\n"
       "\n"
       "Prints a one-time code. The device sends it to POST /v1/enroll within 24 hours.\n"
       "Only its hash is stored. A code enrols a new device id; with --device (UUID or 32\n"
       "hex digits) it re-enrols that enrolled device instead, and only that one (for a\n"
       "phone that lost its token, or a revoked one let back: it keeps its profile and\n"
       "sends its unsent work; `devices` marks it as re-enrolled after revocation, and\n"
       "`revoked-work` lists its work from then).\n"
       "\n"
       "With --qr it also draws a QR code on the terminal and writes it to FILE.png, holding\n"
       "--server (the address phones reach this server at), the code and the server's\n"
       "public-key pin: computed from --tls-cert (the certificate serve's --tls-cert takes) or\n"
       "given with --pin-sha256 (sha256//BASE64). The app enrols from a photo of it.\n"},
      {CountyMsg::kUsageRevokeDevice,
       "Usage: qiaomen-county revoke-device --data DIR DEVICE_ID\n"
       "\n"
       "DEVICE_ID is the device's UUID or 32 hex digits. Its token stops working at once.\n"},
      {CountyMsg::kUsageAddStaff,
       "Usage: qiaomen-county add-staff --data DIR --id ID --name NAME\n"
       "         --role township|county --scope SCOPE\n"
       "\n"
       "Township staff have the scope town:TOWN_ID and see that town only; county staff have the\n"
       "scope county. The town must exist (import-subjects creates it). Running it again updates\n"
       "the name, role and scope and keeps the password. The account signs in at /console/ once\n"
       "it has a password: see set-password.\n"},
      {CountyMsg::kUsageSetPassword,
       "Usage: qiaomen-county set-password --data DIR --id ID\n"
       "\n"
       "Asks for the new password twice without showing it; when standard input is not a\n"
       "terminal, reads it from the first line of standard input. It is never an option: the\n"
       "command line is visible to other users. At least 10 characters. Only an Argon2id hash is\n"
       "stored, and every open console session of the account ends.\n"},
      {CountyMsg::kUsagePublishTemplate,
       "Usage: qiaomen-county publish-template --data DIR FILE.json|FILE.xlsx|FOLDER\n"
       "\n"
       "Runs the forms checker on the checklist and refuses it with every problem listed;\n"
       "otherwise stores it as id@version. Publishing the same id and version again with other\n"
       "content is refused: bump the version.\n"
       "FILE.json is the JSON form of a ChecklistTemplate. FILE.xlsx is a workbook in XLSForm's\n"
       "layout (sheets settings, survey, choices, hazards; see docs/checklist-workbooks.md);\n"
       "FOLDER holds the same sheets as settings.csv, survey.csv, choices.csv and hazards.csv\n"
       "(UTF-8). A workbook's problems are named by sheet, cell and column: survey!F12\n"
       "(relevant).\n"},
      {CountyMsg::kUsageExportTemplate,
       "Usage: qiaomen-county export-template --data DIR ID [--version N] --xlsx FILE.xlsx\n"
       "       qiaomen-county export-template --json FILE.json --xlsx FILE.xlsx\n"
       "\n"
       "Writes checklist ID (its highest published version, or --version N) as a workbook that\n"
       "publish-template reads back to the same template; or, with --json, the checklist in a\n"
       "JSON file (checked first). ./run checklist-workbooks regenerates checklists/xlsx/ so.\n"},
      {CountyMsg::kBackupProgressCopied, "blobs copied {0}/{1}"},
      {CountyMsg::kBackupProgressChecked, "parts checked {0}/{1}"},
      {CountyMsg::kBackupProgressRestored, "blobs restored {0}/{1}"},
      {CountyMsg::kBackupSnapshot,
       "Database snapshot {0} ({1}, {2} bytes): {3} records, {4} changes, {5} devices."},
      {CountyMsg::kBackupPhotoDamaged,
       "warning: the photo {0} is damaged (its bytes no longer match its SHA-256) and is not in "
       "the backup."},
      {CountyMsg::kBackupPhotosCopied, "New photos copied: {0}; already in the backup: {1}."},
      {CountyMsg::kBackupNotNoted,
       "warning: the backup is whole, but the county database could not note it ({0}); the report "
       "will not show it. Run the backup again later."},
      {CountyMsg::kBackupComplete,
       "Backup complete in {0} (manifest written last). Check it with `qiaomen-county backup "
       "verify {0}`."},
      {CountyMsg::kBackupPartNotAName, "damaged: {0} is not a backup part name."},
      {CountyMsg::kBackupPartMissing, "damaged: {0} is missing."},
      {CountyMsg::kBackupPartUnreadable, "damaged: {0} cannot be read ({1})."},
      {CountyMsg::kBackupPartWrongSize,
       "damaged: {0} has {1} bytes, not {2} (truncated or altered)."},
      {CountyMsg::kBackupPartAltered,
       "damaged: {0} was altered (its SHA-256 differs from the manifest's)."},
      {CountyMsg::kBackupWhole,
       "The backup in {0} is whole: {1} parts match the manifest ({2}, {3} records, {4} changes, "
       "{5} photos)."},
      {CountyMsg::kBackupRestored,
       "Restored {0} from the backup of {1} (county time) into {2}: {3} records, {4} changes, {5} "
       "photos. New epoch {6}: devices re-send what the backup lacks at their next sync."},
      {CountyMsg::kBackupBundleKeyMissing,
       "The county bundle secret key is not part of a backup: copy your saved county-bundle.key to "
       "{0} before importing offline bundles."},
      // Issue 23: checklists as workbooks, reports as Excel.
      {CountyMsg::kSummaryExportTemplate,
       "write a published checklist as an Excel workbook (.xlsx)"},
      {CountyMsg::kTemplateExported, "Wrote checklist {0} version {1} to {2}.\n"},
      {CountyMsg::kWorkbookUnreadable, "Cannot read {0}; nothing was published: {1}"},
      {CountyMsg::kWorkbookRefused,
       "{0} has {1} problems; the checklist was not published. Fix each (sheet!cell (column)) and "
       "publish again:\n"},
      {CountyMsg::kWorkbookProblemLine, "  {0}: {1}\n"},
      {CountyMsg::kSheetMissing,
       "the sheet '{0}' is missing; add it, with the column names in its first row: {1}"},
      {CountyMsg::kSheetColumnMissing,
       "the column '{0}' is missing; the first row names the columns, which are: {1}"},
      {CountyMsg::kSheetColumnUnknown,
       "unknown column '{0}' (a typo?); this sheet's columns are: {1}; rename or delete it"},
      {CountyMsg::kSheetNoSettingsRow,
       "the settings sheet has nothing in row 2; fill in the checklist's id, version and subject "
       "kind in the row under the column names"},
      {CountyMsg::kSheetNoType, "this row has no type; give its type or delete the row"},
      {CountyMsg::kSheetNoName,
       "the name is missing; give an id of lowercase letters, digits and '_'"},
      {CountyMsg::kSheetUnknownType,
       "the type '{0}' has no Qiaomen item kind; use yes_no_na, select_one LIST, "
       "select_multiple LIST, integer, decimal, text, date, image, signature, geopoint, "
       "calculate, begin_group or end_group"},
      {CountyMsg::kSheetRepeatNotYet,
       "{0} is not read here: choice_filter is not mapped from workbooks yet (remove it), and "
       "repeat_count and instance_label belong on a begin_repeat row"},
      {CountyMsg::kSheetNoteNotYet,
       "notes are not supported by this version yet; put the guidance in the hint of the item "
       "next to it"},
      {CountyMsg::kSheetGroupNested,
       "groups do not nest (a group is a section of the checklist); end the group '{0}' of row {1} "
       "with end_group first"},
      {CountyMsg::kSheetEndWithoutBegin,
       "end_group without a begin_group before it; delete it or add the begin_group"},
      {CountyMsg::kSheetGroupNotEnded,
       "the group '{0}' is not ended; add an end_group row after its last item"},
      {CountyMsg::kSheetOutsideGroup,
       "this item is outside any group; every item belongs to a section of the checklist: put "
       "begin_group and end_group rows around it"},
      {CountyMsg::kSheetUnknownList,
       "the choices sheet has no list '{0}'; add its choices there with list_name '{0}'"},
      {CountyMsg::kSheetChoiceWithoutList,
       "this choice has no list_name; give the name of the list it belongs to"},
      {CountyMsg::kSheetNotANumber, "'{0}' is not a number; write a number such as 0 or 1.5"},
      {CountyMsg::kSheetNotACount, "'{0}' is not a whole number of 0 or more; write 0, 1, 2, ..."},
      {CountyMsg::kSheetNotYesNo, "'{0}' is not yes or no; write yes or no (empty means no)"},
      {CountyMsg::kSheetBadSeverity, "the severity '{0}' is not valid; write GENERAL or MAJOR"},
      {CountyMsg::kSheetBadUrgency,
       "the urgency '{0}' is not valid; write IMMEDIATE, SAME_DAY or BY_DEADLINE"},
      {CountyMsg::kSheetBadSubjectKind,
       "the subject kind '{0}' is not valid; write HOUSEHOLD, PREMISES or FACILITY"},
      {CountyMsg::kSheetActionsMismatch,
       "{0} actions in Chinese but {1} in English; write each step as one line in both columns "
       "(line breaks inside the cell)"},
      {CountyMsg::kSheetCalculationOnItem,
       "only calculate rows have a calculation; delete it or make the type calculate"},
      {CountyMsg::kCheckerProblem, "{0}"},
      {CountyMsg::kXlsxWritten, "Wrote the report to {0}.\n"},
      {CountyMsg::kXlsxSheetTotals, "Totals"},
      {CountyMsg::kXlsxSheetTowns, "By town"},
      {CountyMsg::kXlsxSheetVillages, "By village"},
      {CountyMsg::kXlsxSheetGrids, "By grid"},
      {CountyMsg::kXlsxSheetCategories, "By category and severity"},
      {CountyMsg::kXlsxSheetStatus, "By status"},
      {CountyMsg::kXlsxSheetUrgency, "Open hazards by urgency"},
      {CountyMsg::kXlsxSheetPremisesTypes, "By premises type"},
      {CountyMsg::kXlsxTotalsColumns, "Figure|Key|Value"},
      {CountyMsg::kXlsxUnitColumns, "Id|Name|Subjects|Visited"},
      {CountyMsg::kXlsxMajorColumns,
       "Major hazards|Major open|Major rectified|Major closed|Major overdue|Suspected major"},
      {CountyMsg::kXlsxCategoryColumns, "Category|Severity|Key|Hazards"},
      {CountyMsg::kXlsxCodeCountColumns, "Name|Key|Hazards"},
      {CountyMsg::kXlsxPremisesColumns,
       "Premises type|Key|Subjects|Checked|Hazards found|Hazards open|Major found|Major open"},
      // Issue 16: door-knocking and village records.
      {CountyMsg::kTotalReturnVisits, "return_visits"},
      {CountyMsg::kTotalRefusalsEscalated, "refusals_escalated"},
      {CountyMsg::kTotalNoticesDelivered, "notices_delivered"},
      {CountyMsg::kTotalVillagesWithoutShelter, "villages_without_shelter"},
      {CountyMsg::kTotalHazardsFixedOnSite, "hazards_fixed_on_site"},
      {CountyMsg::kReportRefusalsByReason, "\nRefusals by reason\n"},
  };
  return kMessages;
}

}  // namespace qiaomen::server
