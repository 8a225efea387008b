#include "qiaomen/core/random.h"

#include <sodium.h>

#include <cstring>

namespace qiaomen::core {
namespace {

class SodiumRandom final : public Random {
 public:
  SodiumRandom() {
    // sodium_init is idempotent and thread-safe; -1 means no entropy source, which we cannot fix.
    if (sodium_init() < 0) __builtin_trap();
  }
  void Fill(void* out, size_t size) override { randombytes_buf(out, size); }
};

}  // namespace

uint64_t Random::Uniform(uint64_t bound) {
  // Rejection sampling: no modulo bias.
  const uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  uint64_t x;
  do {
    Fill(&x, sizeof x);
  } while (x >= limit);
  return x % bound;
}

Random& SecureRandom() {
  static SodiumRandom random;
  return random;
}

uint64_t SeededRandom::Next() {
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

void SeededRandom::Fill(void* out, size_t size) {
  auto* bytes = static_cast<unsigned char*>(out);
  while (size > 0) {
    const uint64_t v = Next();
    const size_t n = size < sizeof v ? size : sizeof v;
    std::memcpy(bytes, &v, n);
    bytes += n;
    size -= n;
  }
}

}  // namespace qiaomen::core
