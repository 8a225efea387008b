#include "admin/worker_list.h"

namespace qiaomen::server {

core::Result<std::vector<Worker>> ListWorkers(SqlConnection& conn) {
  QM_ASSIGN_OR_RETURN(auto rows,
                      conn.Query("SELECT id, name, role, scope FROM workers ORDER BY id"));
  std::vector<Worker> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    QM_ASSIGN_OR_RETURN(Worker worker, WorkerFromColumns(row));
    out.push_back(std::move(worker));
  }
  return out;
}

}  // namespace qiaomen::server
