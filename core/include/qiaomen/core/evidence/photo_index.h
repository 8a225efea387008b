#pragma once
// The seam between the photo vault (evidence/) and the store that owns the photo table and the
// change journal. The vault writes the encrypted file first and then asks the index to record the
// photo; the store implements this interface so that the photo row and its journal row are written
// together. Keeping it an interface lets the vault be tested without the store.

#include "qiaomen/core/status.h"
#include "qiaomen/core/uuid.h"
#include "qiaomen/v1/records.pb.h"

namespace qiaomen::core::evidence {

class PhotoIndex {
 public:
  virtual ~PhotoIndex() = default;

  // Records the photo `meta` (id, sha256 of the plaintext, size, taken_at, location, what it
  // proves) and its journal (outbox) row in ONE transaction: after a crash either both are visible
  // or neither is. Called only after the encrypted file is durably in place under its final name.
  // Errors: AlreadyExists when a photo with this id is recorded; any other error means nothing was
  // recorded (the vault then deletes the file).
  virtual Status RecordPhoto(const v1::Photo& meta) = 0;

  // Whether a photo row with this id exists. Used when the profile opens to collect files left by a
  // crash between the file and the row (a file whose id has no row is deleted).
  virtual Result<bool> HasPhoto(const Uuid& id) = 0;
};

}  // namespace qiaomen::core::evidence
