// Benchmarks for the evidence and key paths (issue 3, item 9; budgets in DESIGN.md):
//   BM_StorePhoto3MB*    store one 3 MB photo: SHA-256 + secretstream encryption + fsync + rename +
//                        directory fsync + recording (budget <= 40 ms)
//   BM_UnlockArgon2id    unlock a profile key file with the production Argon2id cost (must take
//                        >= 100 ms: that is the point), including the durable attempt counter
//   BM_Argon2idOnly      the Argon2id derivation alone at the production cost
// Files go under $TMPDIR (default /tmp), which must be a real disk for fsync to mean anything.

#include <benchmark/benchmark.h>
#include <sodium.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "qiaomen/core/evidence/photo_vault.h"
#include "qiaomen/core/keys/file_key_store.h"
#include "qiaomen/core/keys/profile_keys.h"
#include "qiaomen/testing/temp_dir.h"

namespace {

using namespace qiaomen::core;  // NOLINT: benchmark file

// A fresh directory under $TMPDIR, removed afterwards: the shared testing TempDir.
using BenchDir = qiaomen::testing::TempDir;

class MemoryIndex final : public evidence::PhotoIndex {
 public:
  Status RecordPhoto(const qiaomen::v1::Photo& meta) override {
    ids_.insert(meta.id());
    return Status::Ok();
  }
  Result<bool> HasPhoto(const Uuid& id) override { return ids_.count(id.ToBytes()) > 0; }

 private:
  std::set<std::string> ids_;
};

std::vector<uint8_t> Jpeg3MB() {
  std::vector<uint8_t> jpeg(3 * 1024 * 1024);
  SecureRandom().Fill(jpeg.data(), jpeg.size());
  const uint8_t header[] = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00};
  std::copy(std::begin(header), std::end(header), jpeg.begin());
  return jpeg;
}

void StorePhoto(benchmark::State& state, bool from_file) {
  BenchDir dir;
  MemoryIndex index;
  sql::RawKey key;
  SecureRandom().Fill(key.mutable_bytes().data(), sql::RawKey::kSize);
  auto vault =
      evidence::PhotoVault::Open(dir.Join("photos"), key, index, {SystemClock(), SecureRandom()});
  if (!vault.ok()) {
    state.SkipWithError(vault.status().ToString().c_str());
    return;
  }
  const std::vector<uint8_t> jpeg = Jpeg3MB();
  const std::string camera = dir.Join("camera.jpg");
  std::ofstream(camera, std::ios::binary)
      .write(reinterpret_cast<const char*>(jpeg.data()), static_cast<std::streamsize>(jpeg.size()));
  for (auto _ : state) {
    auto stored = from_file ? (*vault)->StoreFile(camera, {}) : (*vault)->StoreBytes(jpeg, {});
    if (!stored.ok()) {
      state.SkipWithError(stored.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(stored->sha256());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(jpeg.size()));
}

void BM_StorePhoto3MB(benchmark::State& state) { StorePhoto(state, false); }
void BM_StorePhoto3MBFromFile(benchmark::State& state) { StorePhoto(state, true); }
BENCHMARK(BM_StorePhoto3MB)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(40)
    ->Repetitions(3)
    ->ReportAggregatesOnly(false);
BENCHMARK(BM_StorePhoto3MBFromFile)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(40);

void BM_UnlockArgon2id(benchmark::State& state) {
  BenchDir dir;
  keys::FileKeyStore key_store(dir.Join("keystore"), SecureRandom());
  const std::string path = dir.Join("profile/profile.key");
  keys::KeyOptions options;  // production cost
  auto created = keys::CreateKeyFile(path, "246810", options, key_store, SecureRandom());
  if (!created.ok()) {
    state.SkipWithError(created.status().ToString().c_str());
    return;
  }
  for (auto _ : state) {
    auto unlocked = keys::UnlockKeyFile(path, "246810", key_store);
    if (!unlocked.ok()) {
      state.SkipWithError(unlocked.status().ToString().c_str());
      return;
    }
  }
  state.counters["opslimit"] = static_cast<double>(options.kdf.opslimit);
  state.counters["memlimit_MiB"] = static_cast<double>(options.kdf.memlimit_bytes >> 20);
}
BENCHMARK(BM_UnlockArgon2id)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(10);

void BM_Argon2idOnly(benchmark::State& state) {
  const keys::KdfParams kdf = keys::KdfParams::Default();
  uint8_t salt[crypto_pwhash_SALTBYTES] = {};
  uint8_t out[32];
  for (auto _ : state) {
    if (crypto_pwhash(out, sizeof out, "246810", 6, salt, kdf.opslimit, kdf.memlimit_bytes,
                      crypto_pwhash_ALG_ARGON2ID13) != 0) {
      state.SkipWithError("out of memory");
      return;
    }
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_Argon2idOnly)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(10);

}  // namespace

BENCHMARK_MAIN();
