#include "qiaomen/core/domain/hazard_state.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace qiaomen::core::domain {
namespace {

// What "a hazard that is <status>" reads as in a refusal.
std::string_view StatusPhrase(HazardStatus status) {
  switch (status) {
    case HazardStatus::kFound:
      return "only found (no rectification order yet)";
    case HazardStatus::kOrdered:
      return "ordered to rectify";
    case HazardStatus::kRectified:
      return "rectified and waiting for reinspection";
    case HazardStatus::kReinspected:
      return "reinspected and passed";
    case HazardStatus::kClosed:
      return "closed";
  }
  return "in an unknown state";
}

Status Refuse(const HazardState& state, std::string_view action, std::string_view advice) {
  return FailedPrecondition("A hazard that is " + std::string(StatusPhrase(state.status)) +
                            " cannot " + std::string(action) + "; " + std::string(advice));
}

}  // namespace

Result<HazardState> Transition(const HazardState& state, const v1::HazardEvent& event) {
  const v1::HazardEventKind kind = event.kind();
  if (kind == v1::HAZARD_EVENT_KIND_UNSPECIFIED || !v1::HazardEventKind_IsValid(kind)) {
    return InvalidArgument(
        "A hazard event needs a kind (found, ordered, rectified, reinspected, closed, overdue, "
        "escalated, case opened, suspected major, major confirmed, major downgraded or fixed on "
        "the "
        "spot); choose one.");
  }
  if (state.event_count == 0 && kind != v1::FOUND) {
    return FailedPrecondition(
        "A hazard must be recorded as found before anything else happens to it; record the "
        "finding first.");
  }
  if (state.event_count > 0 && kind == v1::FOUND) {
    return FailedPrecondition(
        "This hazard was already found; to record the same problem again, open a new finding.");
  }
  if (state.status == HazardStatus::kClosed && state.event_count > 0) {
    std::string_view what = "change any more";
    switch (kind) {
      case v1::ORDERED:
        what = "be ordered to rectify again";
        break;
      case v1::RECTIFIED:
        what = "be rectified again";
        break;
      case v1::REINSPECTED:
        what = "be reinspected again";
        break;
      case v1::CLOSED:
        what = "be closed twice";
        break;
      case v1::FIXED_ON_SITE:
        what = "be fixed on the spot again";
        break;
      case v1::OVERDUE:
        what = "become overdue";
        break;
      case v1::ESCALATED:
        what = "be escalated";
        break;
      case v1::CASE_OPENED:
        what = "have a case opened";
        break;
      case v1::SUSPECTED_MAJOR:
      case v1::MAJOR_CONFIRMED:
      case v1::MAJOR_DOWNGRADED:
        what = "have its gravity judged";
        break;
      default:
        break;
    }
    return FailedPrecondition("A hazard that is closed cannot " + std::string(what) +
                              "; open a new finding instead.");
  }

  HazardState next = state;
  next.ignored.clear();
  switch (kind) {
    case v1::FOUND:
      next.status = HazardStatus::kFound;
      next.found_at_ms = event.at_ms();
      break;
    case v1::ORDERED:
      if (state.status != HazardStatus::kFound && state.status != HazardStatus::kOrdered) {
        return Refuse(state, "be ordered to rectify again",
                      state.status == HazardStatus::kRectified
                          ? "reinspect it first; a failed reinspection puts it back under order."
                          : "close it, or open a new finding if the problem came back.");
      }
      next.status = HazardStatus::kOrdered;
      break;
    case v1::RECTIFIED:
      if (state.status != HazardStatus::kOrdered) {
        return Refuse(state, "be marked rectified",
                      state.status == HazardStatus::kFound
                          ? "issue the rectification order first."
                          : "only a hazard under a rectification order can be rectified.");
      }
      next.status = HazardStatus::kRectified;
      break;
    case v1::REINSPECTED:
      if (state.status != HazardStatus::kRectified) {
        return Refuse(state, "be reinspected",
                      "a reinspection checks a rectification; record the rectification first.");
      }
      if (event.passed()) {
        next.status = HazardStatus::kReinspected;
      } else {
        next.status = HazardStatus::kOrdered;
        ++next.failed_reinspections;
      }
      break;
    case v1::CLOSED:
      if (state.status != HazardStatus::kReinspected) {
        return Refuse(state, "be closed",
                      "a hazard is closed only after a reinspection passed; reinspect it first.");
      }
      next.status = HazardStatus::kClosed;
      next.closed_at_ms = event.at_ms();
      break;
    case v1::FIXED_ON_SITE:
      // 当场整改: the worker saw it fixed and photographed it; no order, reinspection or closure
      // follows (they would be four events for what took a minute).
      if (event.photo_ids().empty()) {
        return InvalidArgument(
            "A hazard fixed on the spot (当场整改) needs an after-photo; photograph the fix.");
      }
      if (state.status != HazardStatus::kFound && state.status != HazardStatus::kOrdered) {
        return Refuse(state, "be fixed on the spot",
                      "only a hazard just found or under a rectification order can be; follow "
                      "its reinspection instead.");
      }
      next.status = HazardStatus::kClosed;
      next.fixed_on_site = true;
      next.closed_at_ms = event.at_ms();
      break;
    case v1::OVERDUE:
      next.overdue = true;
      break;
    case v1::ESCALATED:
      next.escalated = true;
      break;
    case v1::CASE_OPENED:
      next.case_opened = true;
      break;
    case v1::SUSPECTED_MAJOR:
      if (state.major_review == MajorReview::kConfirmed ||
          state.major_review == MajorReview::kDowngraded) {
        return FailedPrecondition(
            "This hazard's gravity was already judged by the county; to have it judged again, ask "
            "the county to record a new judgement.");
      }
      next.major_review = MajorReview::kSuspected;
      break;
    case v1::MAJOR_CONFIRMED:
    case v1::MAJOR_DOWNGRADED:
      if (state.major_review != MajorReview::kSuspected) {
        return FailedPrecondition(
            state.major_review == MajorReview::kNone
                ? "Only a hazard suspected to be major can be judged; mark it suspected major "
                  "first."
                : "This hazard's gravity was already judged; one judgement stands.");
      }
      next.major_review =
          kind == v1::MAJOR_CONFIRMED ? MajorReview::kConfirmed : MajorReview::kDowngraded;
      break;
    default:
      break;
  }
  ++next.event_count;
  next.last_event_at_ms = std::max(state.last_event_at_ms, event.at_ms());
  return next;
}

bool CountsAsMajor(v1::Severity severity, const HazardState& state) {
  switch (state.major_review) {
    case MajorReview::kConfirmed:
      return true;
    case MajorReview::kDowngraded:
      return false;
    default:
      return severity == v1::MAJOR;
  }
}

Result<HazardState> DeriveHazardState(std::vector<HazardLogEntry> log) {
  // FOUND first (a finding is what the rest is about), then by HLC, so each step comes after every
  // step its device had seen when it was recorded, and every replica walks the log in the same
  // order. Ids, then the serialized event, break the remaining ties, so two different events
  // sharing an id are met in the same order everywhere.
  struct Keyed {
    std::string bytes;
    HazardLogEntry entry;
  };
  std::vector<Keyed> keyed;
  keyed.reserve(log.size());
  for (HazardLogEntry& entry : log) {
    std::string bytes;
    entry.event.SerializeToString(&bytes);
    keyed.push_back({std::move(bytes), std::move(entry)});
  }
  std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
    const bool a_later = a.entry.event.kind() != v1::FOUND;
    const bool b_later = b.entry.event.kind() != v1::FOUND;
    return std::tie(a_later, a.entry.hlc, a.entry.event.id(), a.bytes) <
           std::tie(b_later, b.entry.hlc, b.entry.event.id(), b.bytes);
  });
  if (keyed.empty() || keyed.front().entry.event.kind() != v1::FOUND) {
    return InvalidArgument(
        "This hazard's event log has no finding; a hazard's history starts with the event that "
        "found it. Sync again to fetch it.");
  }
  HazardState state;
  std::vector<IgnoredHazardEvent> ignored;
  std::set<std::string> seen;
  for (const Keyed& k : keyed) {
    const v1::HazardEvent& event = k.entry.event;
    if (!event.id().empty() && !seen.insert(event.id()).second) continue;
    Result<HazardState> next = Transition(state, event);
    if (next.ok()) {
      state = std::move(next).value();
    } else {
      ignored.push_back({event.id(), event.kind(), next.status().message()});
    }
  }
  state.ignored = std::move(ignored);
  return state;
}

}  // namespace qiaomen::core::domain
