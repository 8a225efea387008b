#include "qiaomen/sync/sleeper.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace qiaomen::sync {
namespace {

class SystemSleeper final : public Sleeper {
 public:
  bool SleepFor(int64_t ms, const CancelFlag& cancel) override {
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!cancel.cancelled()) {
      auto now = std::chrono::steady_clock::now();
      if (now >= end) return true;
      std::this_thread::sleep_for(
          std::min<std::chrono::steady_clock::duration>(end - now, std::chrono::milliseconds(20)));
    }
    return false;
  }
};

}  // namespace

Sleeper& RealSleeper() {
  static SystemSleeper sleeper;
  return sleeper;
}

}  // namespace qiaomen::sync
