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
      // Issue 16: urgency and suspected major hazards.
      {CountyMsg::kTotalMajorSuspected, "major_hazards_suspected"},
      {CountyMsg::kReportSuspectedByUnit, "  suspected major awaiting judgement {0}"},
      {CountyMsg::kReportOpenByUrgency, "\nOpen hazards by urgency\n"},
      {CountyMsg::kReportByPremisesType, "\nBy premises type\n"},
      {CountyMsg::kReportPremisesTypeLine,
       "  {0}: subjects {1}, checked {2}; hazards {3} (open {4}); major hazards {5} (open {6})\n"},
      {CountyMsg::kReportCampaign, "Campaign: {0} (its subjects only)\n"},
      {CountyMsg::kReportCsvHeader, "section,key,name,subjects,visited,value"},
  };
  return kMessages;
}

}  // namespace qiaomen::server
