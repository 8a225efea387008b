#pragma once
// Who reviewed a conflict or a refused change in the console, when, and what they did: the
// conflict log and the quarantine are append-only, so a review is a row of its own beside them
// (console_reviews). The first review of an item stands; a second is not written.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "qiaomen/core/status.h"
#include "qiaomen/server/sql_connection.h"

namespace qiaomen::server {

inline constexpr std::string_view kReviewConflict = "conflict";
inline constexpr std::string_view kReviewRefusal = "refusal";

// What a reviewer did: looked and left it as it is, or (a conflict) sent the value that lost.
inline constexpr std::string_view kReviewSeen = "seen";
inline constexpr std::string_view kReviewKeptLost = "kept_lost";

struct Review {
  std::string staff_id, staff_name;
  std::string action;  // kReviewSeen or kReviewKeptLost
  int64_t at_ms = 0;
};

// The reviews of items of `kind` (kReviewConflict, kReviewRefusal) by item id.
// Internal/Unavailable when the database cannot be read.
core::Result<std::map<int64_t, Review>> LoadReviews(SqlConnection& conn, std::string_view kind);

// Records `review` of item `id` of `kind`. AlreadyExists when the item was reviewed before (the
// first review stands). Run it inside the transaction of anything the review did.
core::Status RecordReview(SqlConnection& conn, std::string_view kind, int64_t id,
                          const Review& review);

}  // namespace qiaomen::server
