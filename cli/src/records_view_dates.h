#pragma once
// Dates as the field client writes them (UTC), without the record headers.

#include <cstdint>
#include <string>

namespace qiaomen::cli {

// "YYYY-MM-DD" of `ms` in UTC.
std::string UtcDate(int64_t ms);

}  // namespace qiaomen::cli
