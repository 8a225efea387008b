#pragma once
// Checks a visit before it is accepted: its template id@version is published, its Ed25519 device
// signature verifies against the key the device enrolled with, the checklist is made for the kind
// of the visited subject (household, premises, facility), and its answers pass the forms engine
// (core::forms::ValidateVisit, the same check the phone runs).

#include <string>

#include "admin/templates.h"
#include "qiaomen/base/time_zone.h"
#include "qiaomen/core/status.h"
#include "qiaomen/server/directory.h"
#include "qiaomen/server/sql_connection.h"
#include "qiaomen/v1/records.pb.h"

namespace qiaomen::server {

// OK when the visit may be applied; otherwise InvalidArgument / PermissionDenied with the reason
// for the quarantine list (Unavailable/Internal for database trouble). Sets `evidence` to "signed"
// when the signature verifies; the report derives verified/pending from the photo blobs. The
// checklist's today() is the day the visit finished (else started) in the county's `zone`, as on
// the device.
core::Status CheckVisit(SqlConnection& conn, TemplateCache& templates, const v1::Visit& visit,
                        const Device& device, const base::TimeZone& zone, std::string* evidence);

}  // namespace qiaomen::server
