#pragma once
// Where an incoming change belongs (town, grid, subject), found from the records it names. A change
// that names nothing the server knows is rejected with a reason.

#include "qiaomen/core/status.h"
#include "qiaomen/server/sql_connection.h"
#include "qiaomen/v1/change.pb.h"
#include "store/change_store.h"

namespace qiaomen::server {

// The placement of `change` after it is applied. For a subject moved to another grid,
// `previous` (if not null) receives where it was before. Errors: NotFound/InvalidArgument with a
// sentence (the change is rejected), Unavailable/Internal for database trouble.
core::Result<Placement> PlaceChange(SqlConnection& conn, const v1::Change& change,
                                    Placement* previous);

}  // namespace qiaomen::server
