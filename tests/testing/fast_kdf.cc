#include "qiaomen/testing/fast_kdf.h"

#include <sodium.h>

namespace qiaomen::testing {

core::keys::KdfParams FastKdf() { return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

}  // namespace qiaomen::testing
