#include "admin/reviews.h"

namespace qiaomen::server {

core::Result<std::map<int64_t, Review>> LoadReviews(SqlConnection& conn, std::string_view kind) {
  QM_ASSIGN_OR_RETURN(auto rows,
                      conn.Query("SELECT item_id, staff_id, staff_name, action, at_ms FROM "
                                 "console_reviews WHERE kind = $1",
                                 {Text(std::string(kind))}));
  std::map<int64_t, Review> out;
  for (const auto& r : rows) {
    out[r.Int(0)] = Review{r.Text(1), r.Text(2), r.Text(3), r.Int(4)};
  }
  return out;
}

core::Status RecordReview(SqlConnection& conn, std::string_view kind, int64_t id,
                          const Review& review) {
  // ON CONFLICT instead of catching the unique violation: on PostgreSQL a failed statement
  // aborts the transaction around it.
  QM_ASSIGN_OR_RETURN(
      auto rows,
      conn.Query("INSERT INTO console_reviews (kind, item_id, staff_id, staff_name, action, at_ms) "
                 "VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (kind, item_id) DO NOTHING RETURNING "
                 "item_id",
                 {Text(std::string(kind)), Int(id), Text(review.staff_id), Text(review.staff_name),
                  Text(review.action), Int(review.at_ms)}));
  if (rows.empty()) return core::AlreadyExists("This was reviewed already.");
  return core::Status::Ok();
}

}  // namespace qiaomen::server
