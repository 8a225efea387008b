#pragma once
// What a worker may record on a hazard and the words for a refused step. The county checks each
// step against the sender's role (docs/server-api.md, Roles): anyone may record a rectification;
// a reinspection (复查) or closing needs an inspector, township or county staff. The state
// machine's own refusals are English sentences (core/domain/hazard_state.h); the app says them in
// the UI language from the hazard's status and the step refused. Pure; any thread (tr() reads
// the installed translators).

#include <QCoreApplication>
#include <QString>

#include "qiaomen/core/status.h"

namespace qiaomen::mobile {

class HazardSteps {
  Q_DECLARE_TR_FUNCTIONS(HazardSteps)

 public:
  // inspector, township, county: yes; grid_worker, "" (not enrolled) or another: no.
  static bool MayReinspect(const QString& role);
  // The sentence shown instead of the recheck buttons to a role that may not reinspect.
  static QString ReinspectNotAllowed();
  // Why a step `kind` (v1::HazardEventKind) was refused for a hazard whose status is
  // `status_code` (found, ordered, rectified, reinspected, closed), and what to do. `error` is
  // the device's error: FailedPrecondition is worded from the status and the step; NotFound and
  // InvalidArgument are about the photo; anything else says to try again, with the detail.
  static QString Refusal(const core::Status& error, const QString& status_code, int kind);
};

}  // namespace qiaomen::mobile
