#pragma once
// A SyncEngine wired to a FakeCounty, a FakeSyncStore, a manual clock and a sleeper that records
// every wait instead of waiting.

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "qiaomen/sync/sync_engine.h"
#include "qiaomen/testing/manual_clock.h"
#include "tests/sync/fake_county.h"
#include "tests/sync/fake_sync_store.h"

namespace qiaomen::sync::testing {

class RecordingSleeper : public Sleeper {
 public:
  bool SleepFor(int64_t ms, const CancelFlag& cancel) override {
    {
      std::lock_guard lock(mu);
      waits.push_back(ms);
    }
    if (on_sleep) on_sleep();
    return !cancel.cancelled();
  }
  std::mutex mu;
  std::vector<int64_t> waits;
  std::function<void()> on_sleep;
};

inline const std::string kDevice = std::string(16, '\x01');
inline const std::string kOtherDevice = std::string(16, '\x02');

class EngineTest : public ::testing::Test {
 protected:
  SyncConfig Config() {
    SyncConfig config;
    config.server_url = "https://county.test/";
    config.token = "secret";
    config.backoff = {.base_ms = 100, .cap_ms = 10'000, .max_attempts = 6};
    return config;
  }
  std::unique_ptr<SyncEngine> MakeEngine(SyncConfig config) {
    return std::make_unique<SyncEngine>(std::move(config), SyncDeps{.transport = county,
                                                                    .store = store,
                                                                    .clock = clock,
                                                                    .random = random,
                                                                    .sleeper = sleeper});
  }
  SyncReport RunOnce(SyncConfig config) { return MakeEngine(std::move(config))->Run(); }
  SyncReport RunOnce() { return RunOnce(Config()); }

  // Adds a photo of `size` pseudo-random bytes to the device.
  FakeSyncStore::Photo& AddPhoto(int64_t size, int seed) {
    std::string bytes(static_cast<size_t>(size), '\0');
    uint32_t x = static_cast<uint32_t>(seed) * 2654435761u + 1;
    for (auto& b : bytes) {
      x = x * 1664525u + 1013904223u;
      b = static_cast<char>(x >> 24);
    }
    FakeSyncStore::Photo p;
    p.meta = {.photo_id = std::string(15, '\x07') + static_cast<char>(seed),
              .sha256_hex = Sha256Hex(bytes),
              .size = size};
    p.bytes = std::move(bytes);
    store.photos.push_back(std::move(p));
    return store.photos.back();
  }

  FakeCounty county;
  FakeSyncStore store;
  qiaomen::testing::ManualClock clock{1'700'000'000'000};
  core::SeededRandom random{42};
  RecordingSleeper sleeper;
};

}  // namespace qiaomen::sync::testing
