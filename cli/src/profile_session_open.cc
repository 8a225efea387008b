#include "profile_session_open.h"

namespace qiaomen::cli {

core::Result<std::unique_ptr<ProfileSession>> OpenSession(CliContext& ctx) {
  auto session = ProfileSession::Open(ctx);
  if (session.ok()) return session;
  const core::Status& s = session.status();
  switch (s.code()) {
    case core::Code::kUnauthenticated:
      return core::Unauthenticated(s.message() +
                                   " Set QIAOMEN_PIN to the right PIN, or type it when asked.");
    case core::Code::kDataLoss:
      return core::DataLoss(s.message() +
                            " Enrol this device again with a new code: qiaomen --data " +
                            ctx.data_dir + " enroll --server URL --code CODE");
    default:
      return s;
  }
}

}  // namespace qiaomen::cli
