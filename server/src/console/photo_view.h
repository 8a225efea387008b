#pragma once
// Photo evidence on the console: the photos of a visit or a hazard, each with the SHA-256 it must
// hash to, shown only when it does (a warning otherwise), and served only to staff in scope with
// Cache-Control: private, no-store.

#include <optional>
#include <string>
#include <vector>

#include "admin/hazard_ledger.h"
#include "admin/visit_records.h"
#include "console/render.h"
#include "qiaomen/base/time_zone.h"
#include "qiaomen/core/forms/compiled_template.h"
#include "qiaomen/server/console.h"

namespace qiaomen::server::console {

struct EvidencePhoto {
  std::string photo_id;  // 16 bytes
  // What the bytes must hash to: the signed visit's when the photo is one of a visit's, else the
  // photo record's.
  std::string sha256;
  bool signed_hash = false;  // `sha256` comes from a visit whose device signature verified
  std::string label;         // what it proves: the checklist item's label, 签名, a hazard step
  std::optional<v1::Photo> record;  // its metadata (taken at, thumbnail), when it arrived
  // Why its hash cannot be trusted (a visit whose signature did not verify, a photo record that
  // contradicts the signed hash); "" when it can.
  std::string distrust;
};

// The photos visit `visit` lists (signed), labelled in `language` by the items of `tpl` (may be
// null) that hold them (the checklist's English label when it has one). Internal/Unavailable when
// the database cannot be read.
core::Result<std::vector<EvidencePhoto>> VisitPhotos(SqlConnection& conn, const VisitRecord& visit,
                                                     const core::forms::CompiledTemplate* tpl,
                                                     Language language);

// The photos of hazard `hazard` in `town` ("" any town): those its finding visit took for the
// rule's photo item, those its steps name and those whose record names the hazard.
// Labelled in `language`.
core::Result<std::vector<EvidencePhoto>> HazardPhotos(SqlConnection& conn, const std::string& town,
                                                      const LedgerHazard& hazard,
                                                      Language language);

// The page's list of photos, each under `base_url` + photo id hex (and "/thumb"): verified ones
// with their links, pending and failed ones as warnings. Sets `photos`, and `photos_failed` /
// `photos_pending` when any is, on `data`.
void SetPhotoItems(Data& data, BlobStore& blobs, const std::vector<EvidencePhoto>& photos,
                   const std::string& base_url, const base::TimeZone& zone, Language language);

// A record page's path after its list's prefix: "HEX" (the record), "HEX/photos/PHOTO_HEX" or
// "HEX/photos/PHOTO_HEX/thumb" (one of its photos).
struct RecordPath {
  std::string id;  // 16 bytes
  bool photo = false;
  std::string photo_hex;
  bool thumbnail = false;
};
// nullopt when `rest` has another shape or its id is not 32 hex digits.
std::optional<RecordPath> ParseRecordPath(const std::string& rest);

// The response to GET base_url/PHOTO_HEX[/thumb]: the photo's bytes, or its device-made thumbnail
// (the original when it has none), only when the bytes verify; 404 for a photo not among `photos`
// or not received yet, 409 for one whose bytes do not hash to its SHA-256.
HttpResponse ServePhoto(ConsoleContext& context, const std::vector<EvidencePhoto>& photos,
                        const std::string& photo_hex, bool thumbnail, Language language);

}  // namespace qiaomen::server::console
