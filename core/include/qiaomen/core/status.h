#pragma once
// Status and Result<T> live in the base library (qiaomen/base/status.h) so that the helpers below
// core report errors the same way. This header makes them core's names too, so code in
// qiaomen::core (and everything above it) keeps writing core::Status, core::NotFound(...), ...

#include "qiaomen/base/status.h"

namespace qiaomen::core {

using base::Code;
using base::CodeName;
using base::Result;
using base::Status;

using base::Aborted;
using base::AlreadyExists;
using base::Cancelled;
using base::Corruption;
using base::DataLoss;
using base::DeadlineExceeded;
using base::FailedPrecondition;
using base::Internal;
using base::InvalidArgument;
using base::IOError;
using base::NotFound;
using base::PermissionDenied;
using base::ResourceExhausted;
using base::Unauthenticated;
using base::Unavailable;

}  // namespace qiaomen::core
