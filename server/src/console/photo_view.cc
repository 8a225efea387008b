#include "console/photo_view.h"

#include <map>
#include <set>

#include "admin/photo_evidence.h"
#include "admin/templates.h"
#include "console/pages.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/core/domain/labels.h"
#include "qiaomen/core/forms/answer_text.h"
#include "qiaomen/core/uuid.h"

namespace qiaomen::server::console {
namespace {

// What the bytes are, from their first bytes: the console serves images only as images.
std::string ImageType(const std::string& bytes) {
  if (bytes.rfind("\xFF\xD8\xFF", 0) == 0) return "image/jpeg";
  if (bytes.rfind("\x89PNG\r\n\x1A\n", 0) == 0) return "image/png";
  if (bytes.rfind("RIFF", 0) == 0 && bytes.size() > 12 && bytes.compare(8, 4, "WEBP") == 0) {
    return "image/webp";
  }
  return "";
}

// The photo ids each photo or signature answer of `visit` holds, with the item's label.
std::map<std::string, std::string> PhotoLabels(const v1::Visit& visit,
                                               const core::forms::CompiledTemplate* tpl,
                                               Language language) {
  std::map<std::string, std::string> labels;
  for (const auto& answer : visit.answers()) {
    if (!answer.value().has_photos()) continue;
    const v1::Item* item = tpl ? tpl->FindItem(answer.item_id()) : nullptr;
    const std::string label =
        item ? core::forms::TextIn(item->label(), language) : answer.item_id();
    for (const auto& id : answer.value().photos().photo_ids()) labels[id] = label;
  }
  if (!visit.signature_photo_id().empty()) {
    labels[visit.signature_photo_id()] = std::string(Tr(language, "photo.signature"));
  }
  return labels;
}

}  // namespace

core::Result<std::vector<EvidencePhoto>> VisitPhotos(SqlConnection& conn, const VisitRecord& visit,
                                                     const core::forms::CompiledTemplate* tpl,
                                                     Language language) {
  std::vector<std::string> ids;
  for (const auto& ref : visit.visit.photos()) ids.push_back(ref.photo_id());
  QM_ASSIGN_OR_RETURN(auto records, FindPhotoRecords(conn, visit.town_id, ids));
  std::map<std::string, v1::Photo> by_id;
  for (auto& r : records) by_id[r.id()] = std::move(r);
  auto labels = PhotoLabels(visit.visit, tpl, language);
  std::vector<EvidencePhoto> photos;
  for (const auto& ref : visit.visit.photos()) {
    EvidencePhoto photo;
    photo.photo_id = ref.photo_id();
    photo.sha256 = ref.sha256();
    photo.signed_hash = visit.signature_verified;
    auto label = labels.find(ref.photo_id());
    photo.label = label == labels.end() ? std::string(Tr(language, "photo.photo")) : label->second;
    if (auto it = by_id.find(ref.photo_id()); it != by_id.end()) photo.record = it->second;
    if (!visit.signature_verified) {
      photo.distrust = Tr(language, "photo.unsigned");
    } else if (photo.record && photo.record->sha256() != ref.sha256()) {
      photo.distrust = Tr(language, "photo.hash_contradicts");
    }
    photos.push_back(std::move(photo));
  }
  return photos;
}

core::Result<std::vector<EvidencePhoto>> HazardPhotos(SqlConnection& conn, const std::string& town,
                                                      const LedgerHazard& hazard,
                                                      Language language) {
  std::vector<EvidencePhoto> photos;
  std::set<std::string> seen;
  // The finding visit's photos for the rule's photo item: signed with the visit.
  auto visit_id = core::Uuid::Parse(hazard.visit_id);
  if (!hazard.visit_id.empty() && visit_id.ok()) {
    auto visit = FindVisitRecord(conn, town, visit_id->ToBytes());
    if (!visit.ok() && visit.status().code() != core::Code::kNotFound) return visit.status();
    if (visit.ok()) {
      auto tpl =
          LoadPublishedTemplate(conn, visit->visit.template_id(), visit->visit.template_version());
      std::string photo_item;
      if (tpl.ok()) {
        for (const auto& rule : tpl->proto().hazard_rules()) {
          if (rule.id() == hazard.rule_id) photo_item = rule.photo_item();
        }
      }
      std::set<std::string> proof;
      for (const auto& answer : visit->visit.answers()) {
        if (!photo_item.empty() && answer.item_id() == photo_item && answer.value().has_photos()) {
          for (const auto& id : answer.value().photos().photo_ids()) proof.insert(id);
        }
      }
      QM_ASSIGN_OR_RETURN(auto all,
                          VisitPhotos(conn, *visit, tpl.ok() ? &*tpl : nullptr, language));
      // A rule without a photo item (or whose item holds no photo) names no proof: the finding
      // visit's photos are then the evidence there is, grouped by the item that took them, in the
      // order the visit lists them (the signature proves the visit, not the hazard).
      const bool whole_visit = proof.empty();
      std::vector<std::string> order;
      std::map<std::string, std::vector<EvidencePhoto>> by_label;
      for (auto& p : all) {
        if (p.photo_id == visit->visit.signature_photo_id()) continue;
        if (!whole_visit && !proof.count(p.photo_id)) continue;
        if (!seen.insert(p.photo_id).second) continue;
        const std::string item = p.label;
        if (!by_label.count(item)) order.push_back(item);
        p.label = TrFill(language, whole_visit ? "photo.finding_visit" : "photo.finding", {item});
        by_label[item].push_back(std::move(p));
      }
      for (const auto& label : order) {
        for (auto& p : by_label[label]) photos.push_back(std::move(p));
      }
    }
  }
  // Photos of its steps (after-photos of a rectification, ...), hashed by their records.
  std::map<std::string, std::string> step_of;
  for (const auto& entry : hazard.log) {
    for (const auto& id : entry.event.photo_ids()) {
      step_of.emplace(
          id, std::string(core::domain::HazardEventLabel(entry.event.kind(), entry.event.passed())
                              .In(language)));
    }
  }
  QM_ASSIGN_OR_RETURN(auto records, FindHazardPhotoRecords(conn, town, hazard.id));
  std::vector<std::string> missing;
  for (const auto& [id, label] : step_of) {
    bool have = false;
    for (const auto& r : records) have = have || r.id() == id;
    if (!have) missing.push_back(id);
  }
  QM_ASSIGN_OR_RETURN(auto named, FindPhotoRecords(conn, town, missing));
  for (auto& r : named) records.push_back(std::move(r));
  std::map<std::string, v1::Photo> by_id;
  for (auto& r : records) by_id[r.id()] = std::move(r);
  for (const auto& [id, label] : step_of) by_id.try_emplace(id);  // a step's photo not arrived
  for (auto& [id, record] : by_id) {
    if (!seen.insert(id).second) continue;
    EvidencePhoto photo;
    photo.photo_id = id;
    auto step = step_of.find(id);
    photo.label = step == step_of.end() ? std::string(Tr(language, "photo.hazard")) : step->second;
    if (!record.id().empty()) {
      photo.sha256 = record.sha256();
      photo.record = std::move(record);
    }
    photos.push_back(std::move(photo));
  }
  return photos;
}

void SetPhotoItems(Data& data, BlobStore& blobs, const std::vector<EvidencePhoto>& photos,
                   const std::string& base_url, const base::TimeZone& zone, Language language) {
  Data items{Data::type::list};
  size_t failed = 0, pending = 0;
  for (const auto& photo : photos) {
    Data item;
    const std::string hex = base::HexEncode(photo.photo_id);
    item.set("label", photo.label);
    item.set("url", base_url + hex);
    item.set("thumb_url", base_url + hex + "/thumb");
    if (photo.record && photo.record->taken_at_ms() > 0) {
      item.set("taken_at", base::CountyDateTime(photo.record->taken_at_ms(), zone));
    }
    if (!photo.sha256.empty()) item.set("sha", base::HexEncode(photo.sha256).substr(0, 12));
    if (!photo.distrust.empty()) {
      item.set("failed", photo.distrust);
      ++failed;
    } else if (photo.sha256.empty()) {
      item.set("pending", true);
      ++pending;
    } else {
      auto check = CheckStoredPhoto(blobs, photo.sha256);
      if (!check.ok()) {
        item.set("failed", std::string(Tr(language, "photo.unreadable")));
        ++failed;
      } else if (*check == PhotoEvidence::kPending) {
        item.set("pending", true);
        ++pending;
      } else if (*check == PhotoEvidence::kFailed) {
        item.set("failed", std::string(Tr(language, "photo.hash_failed")));
        ++failed;
      } else {
        item.set("verified", true);
        item.set("signed", photo.signed_hash);
      }
    }
    items.push_back(item);
  }
  data.set("photos", items);
  data.set("photo_count", std::to_string(photos.size()));
  if (failed > 0) data.set("photos_failed", std::to_string(failed));
  if (pending > 0) data.set("photos_pending", std::to_string(pending));
}

std::optional<RecordPath> ParseRecordPath(const std::string& rest) {
  constexpr size_t kIdBytes = 16;
  const size_t slash = rest.find('/');
  auto id = base::HexDecode(rest.substr(0, slash));
  if (!id || id->size() != kIdBytes) return std::nullopt;
  RecordPath path;
  path.id = std::move(*id);
  if (slash == std::string::npos) return path;
  const std::string tail = rest.substr(slash + 1);
  if (tail.rfind("photos/", 0) != 0) return std::nullopt;
  path.photo = true;
  path.photo_hex = tail.substr(7);
  if (path.photo_hex.ends_with("/thumb")) {
    path.thumbnail = true;
    path.photo_hex.resize(path.photo_hex.size() - 6);
  }
  return path;
}

HttpResponse ServePhoto(ConsoleContext& context, const std::vector<EvidencePhoto>& photos,
                        const std::string& photo_hex, bool thumbnail, Language language) {
  auto say = [language](const char* key) { return std::string(Tr(language, key)); };
  auto id = base::HexDecode(photo_hex);
  const EvidencePhoto* photo = nullptr;
  for (const auto& p : photos) {
    if (id && p.photo_id == *id) photo = &p;
  }
  if (!photo) return MessagePage(context, language, 404, say("photo.none"));
  if (!photo->distrust.empty()) return MessagePage(context, language, 409, photo->distrust);
  if (photo->sha256.empty()) return MessagePage(context, language, 404, say("photo.not_uploaded"));
  std::string bytes;
  auto check = CheckStoredPhoto(context.blobs, photo->sha256, &bytes);
  if (!check.ok()) return MessagePage(context, language, 503, say("photo.unreadable"));
  if (*check == PhotoEvidence::kPending) {
    return MessagePage(context, language, 404, say("photo.not_uploaded"));
  }
  if (*check == PhotoEvidence::kFailed) {
    return MessagePage(context, language, 409, say("photo.this_hash_failed"));
  }
  // The device's thumbnail travels with the photo's record; it is shown only beside an original
  // that verified, and links to it.
  if (thumbnail && photo->record && !ImageType(photo->record->thumbnail()).empty()) {
    bytes = photo->record->thumbnail();
  }
  HttpResponse r;
  const std::string type = ImageType(bytes);
  r.Set("Content-Type", type.empty() ? "application/octet-stream" : type);
  if (type.empty()) r.Set("Content-Disposition", "attachment");
  r.body = std::move(bytes);
  r.Set("Cache-Control", "private, no-store");
  AddSecurityHeaders(r, context.tls);
  return r;
}

}  // namespace qiaomen::server::console
