#pragma once
// Randomness as a seam: production uses the operating system's CSPRNG (libsodium), tests may use a
// seeded generator to make ids and jitter reproducible. Keys are always made with SecureRandom().

#include <cstddef>
#include <cstdint>

namespace qiaomen::core {

// A source of random bytes. Implementations must be thread-safe.
class Random {
 public:
  virtual ~Random() = default;
  // Fills `size` bytes at `out`. Never fails.
  virtual void Fill(void* out, size_t size) = 0;
  // A uniformly distributed integer in [0, bound); bound must be > 0.
  uint64_t Uniform(uint64_t bound);
};

// The operating system's CSPRNG through libsodium. Thread-safe; lives forever.
Random& SecureRandom();

// A deterministic generator (SplitMix64) for reproducible data: the demo generators and tests.
// Never use it for keys. Thread-compatible.
class SeededRandom final : public Random {
 public:
  explicit SeededRandom(uint64_t seed) : state_(seed) {}
  void Fill(void* out, size_t size) override;

 private:
  uint64_t Next();
  uint64_t state_;
};

}  // namespace qiaomen::core
