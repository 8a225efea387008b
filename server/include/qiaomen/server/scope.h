#pragma once
// What a worker (and so each of their devices) may read and write: the whole county, one town, or
// a list of grids. Written "county", "town:T01", "grids:T01-V01-G01,T01-V01-G02".

#include <string>
#include <string_view>
#include <vector>

#include "qiaomen/core/status.h"
#include "qiaomen/server/sql_connection.h"

namespace qiaomen::server {

class Scope {
 public:
  enum class Kind { kCounty, kTown, kGrids };

  // Parses the text form. InvalidArgument with what to write instead.
  static core::Result<Scope> Parse(std::string_view text);
  static Scope County() { return Scope(Kind::kCounty, {}); }

  Kind kind() const { return kind_; }
  const std::vector<std::string>& units() const { return units_; }
  std::string ToString() const;

  // Whether a record placed in (town_id, grid_id) is inside. Records with an empty town are
  // county-wide reference data (campaigns, templates) that every scope may read.
  bool Contains(std::string_view town_id, std::string_view grid_id) const;

  // A SQL condition on columns `town_id` and `grid_id` equivalent to Contains(), with its
  // parameters appended to `params` (placeholders continue from params.size()+1).
  std::string SqlCondition(std::vector<SqlValue>& params) const;

  friend bool operator==(const Scope& a, const Scope& b) {
    return a.kind_ == b.kind_ && a.units_ == b.units_;
  }

 private:
  Scope(Kind kind, std::vector<std::string> units) : kind_(kind), units_(std::move(units)) {}
  Kind kind_;
  std::vector<std::string> units_;  // the town, or the grids (sorted)
};

}  // namespace qiaomen::server
