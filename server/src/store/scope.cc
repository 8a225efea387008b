#include "qiaomen/server/scope.h"

#include <algorithm>

namespace qiaomen::server {

core::Result<Scope> Scope::Parse(std::string_view text) {
  auto bad = [&] {
    return core::InvalidArgument("The scope '" + std::string(text) +
                                 "' is not understood. Write county, town:TOWN_ID or "
                                 "grids:GRID_ID[,GRID_ID...].");
  };
  if (text == "county") return County();
  if (text.rfind("town:", 0) == 0) {
    std::string town(text.substr(5));
    if (town.empty() || town.find(',') != std::string::npos) return bad();
    return Scope(Kind::kTown, {town});
  }
  if (text.rfind("grids:", 0) == 0) {
    std::vector<std::string> grids;
    std::string_view rest = text.substr(6);
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      std::string_view g = rest.substr(0, comma);
      if (g.empty()) return bad();
      grids.emplace_back(g);
      if (comma == std::string_view::npos) break;
      rest = rest.substr(comma + 1);
      if (rest.empty()) return bad();
    }
    if (grids.empty()) return bad();
    std::sort(grids.begin(), grids.end());
    grids.erase(std::unique(grids.begin(), grids.end()), grids.end());
    return Scope(Kind::kGrids, std::move(grids));
  }
  return bad();
}

std::string Scope::ToString() const {
  switch (kind_) {
    case Kind::kCounty:
      return "county";
    case Kind::kTown:
      return "town:" + units_.front();
    case Kind::kGrids: {
      std::string out = "grids:";
      for (size_t i = 0; i < units_.size(); ++i) out += (i ? "," : "") + units_[i];
      return out;
    }
  }
  return "county";
}

bool Scope::Contains(std::string_view town_id, std::string_view grid_id) const {
  if (town_id.empty()) return true;
  switch (kind_) {
    case Kind::kCounty:
      return true;
    case Kind::kTown:
      return town_id == units_.front();
    case Kind::kGrids:
      return !grid_id.empty() &&
             std::binary_search(units_.begin(), units_.end(), std::string(grid_id));
  }
  return false;
}

std::string Scope::SqlCondition(std::vector<SqlValue>& params) const {
  switch (kind_) {
    case Kind::kCounty:
      return "(1=1)";
    case Kind::kTown:
      params.push_back(Text(units_.front()));
      return "(town_id = '' OR town_id = $" + std::to_string(params.size()) + ")";
    case Kind::kGrids: {
      std::string sql = "(town_id = '' OR grid_id IN (";
      for (size_t i = 0; i < units_.size(); ++i) {
        params.push_back(Text(units_[i]));
        sql += (i ? ",$" : "$") + std::to_string(params.size());
      }
      return sql + "))";
    }
  }
  return "(1=0)";
}

}  // namespace qiaomen::server
