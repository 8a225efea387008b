#include "qiaomen/core/clock.h"

#include <chrono>

namespace qiaomen::core {
namespace {

class RealtimeClock final : public Clock {
 public:
  int64_t NowMillis() override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

}  // namespace

Clock& SystemClock() {
  static RealtimeClock clock;
  return clock;
}

}  // namespace qiaomen::core
