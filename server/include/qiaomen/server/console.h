#pragma once
// The county web console under /console/ on the sync API's listener: server-rendered pages for
// township and county staff, signed in with a password (staff accounts, never device tokens) and
// kept in by a session cookie (never accepted by the sync API). Every POST carries the session's
// CSRF token; every page is limited to the staff member's scope.

#include <string>

#include "qiaomen/core/clock.h"
#include "qiaomen/core/random.h"
#include "qiaomen/server/blob_store.h"
#include "qiaomen/server/console_sessions.h"
#include "qiaomen/server/http.h"
#include "qiaomen/server/login_throttle.h"
#include "qiaomen/server/staff.h"
#include "qiaomen/server/storage.h"

namespace qiaomen::server {

// What the console's handlers share. Everything must outlive the router.
struct ConsoleContext {
  Storage& storage;
  core::Clock& clock;
  StaffAccounts& staff;
  ConsoleSessions& sessions;
  LoginThrottle& throttle;
  BlobStore& blobs;      // photos are shown from here, checked against their SHA-256 each time
  core::Random& random;  // ids of the changes the console records (the county's hazard steps)
  bool tls = false;      // the listener speaks TLS: cookies are Secure, HSTS is sent
  // "sha256//BASE64", the public-key pin of the listener's certificate that the enrolment QR codes
  // of 人员与设备 carry; "" without TLS.
  std::string tls_pin_sha256;
  // The address the enrolment QR codes carry: serve --public-url (checked), or "" to take the
  // address the browser used when it is loopback or the listener's own (listen_host and
  // listen_port, set once serve listens, before the first request).
  std::string public_url;
  std::string listen_host;
  uint16_t listen_port = 0;
};

// Adds GET /console/ (the day), GET and POST /console/login, POST /console/logout,
// GET /console/hazards[/*], POST /console/hazards/*/steps, GET /console/visits[/*] (with their
// photos), GET /console/conflicts and /console/refusals with their POST actions,
// GET /console/people with POST /console/people/add (a worker), /code (an enrolment code as a QR
// code) and /revoke (a device), and GET /console/static/*; each list also
// as CSV (/console/today.csv, /console/hazards.csv, ..., /console/people.csv), to `router`.
// Every page speaks Chinese unless the browser chose English: ?lang=en (or zh) on any console
// address sets the qm_lang cookie that every later page reads.
void AddConsoleRoutes(Router& router, ConsoleContext& context);

}  // namespace qiaomen::server
