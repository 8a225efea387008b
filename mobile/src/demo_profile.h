#pragma once
// A profile with demo data and no server: a town, two villages, three grids, nine households
// with tasks on the shipped winter checklist, one return visit due (nobody was home) and two open
// hazards (one due today, one overdue). It has no server settings, so no role: the app gives it
// one with WorkerConfig::role_without_server. For the screenshots (`qiaomen-app --screenshot-all`)
// and the Qt Quick tests. The PIN costs the cheapest Argon2id unless told otherwise: never a real
// profile.

#include <QString>
#include <optional>

#include "qiaomen/core/keys/profile_keys.h"
#include "qiaomen/core/status.h"

namespace qiaomen::mobile {

inline constexpr char kDemoPin[] = "246810";

// Where the demo's sync stands (the sync banner's states in the screenshot tour): never synced;
// synced 50 minutes ago; synced, with its last change refused by the county.
enum class DemoSync { kNever, kSynced, kRefused };

// Creates the profile in `data_dir` (which must not hold one) with its keys in `key_store_dir`,
// its PIN under `kdf` (default: the cheapest Argon2id; the UI-thread test passes the production
// cost). Errors of Profile::Create and the Store.
core::Status CreateDemoProfile(const QString& data_dir, const QString& key_store_dir,
                               std::optional<core::keys::KdfParams> kdf = std::nullopt,
                               DemoSync sync = DemoSync::kNever);

}  // namespace qiaomen::mobile
