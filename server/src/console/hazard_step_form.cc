#include "console/hazard_step_form.h"

#include <array>

#include "qiaomen/base/text_encoding.h"
#include "qiaomen/core/domain/labels.h"

namespace qiaomen::server::console {
namespace {

using core::domain::HazardStatus;

constexpr std::array<HazardStepChoice, 5> kSteps = {{
    {"reinspect", v1::REINSPECTED, true},
    {"reinspect-failed", v1::REINSPECTED, false},
    {"close", v1::CLOSED, true},
    {"escalate", v1::ESCALATED, true},
    {"open-case", v1::CASE_OPENED, true},
}};

// The catalogue key of "这处隐患<phrase>，" as a refusal starts.
const char* StatusPhrase(HazardStatus status) {
  switch (status) {
    case HazardStatus::kFound:
      return "step.state_found";
    case HazardStatus::kOrdered:
      return "step.state_ordered";
    case HazardStatus::kRectified:
      return "step.state_rectified";
    case HazardStatus::kReinspected:
      return "step.state_reinspected";
    case HazardStatus::kClosed:
      return "step.state_closed";
  }
  return "step.state_unknown";
}

}  // namespace

std::optional<HazardStepChoice> HazardStepFromCode(std::string_view code) {
  for (const HazardStepChoice& step : kSteps) {
    if (step.code == code) return step;
  }
  return std::nullopt;
}

std::string HazardStepLabel(const HazardStepChoice& step, Language language) {
  if (step.kind == v1::REINSPECTED && !step.passed) {
    return std::string(Tr(language, "step.reinspect_failed"));
  }
  return std::string(core::domain::HazardEventLabel(step.kind, step.passed).In(language));
}

std::optional<std::string> HazardStepRefusal(const core::domain::HazardState& state,
                                             const HazardStepChoice& step, Language language) {
  v1::HazardEvent event;
  event.set_kind(step.kind);
  event.set_passed(step.passed);
  if (core::domain::Transition(state, event).ok()) return std::nullopt;
  const std::string head =
      TrFill(language, "step.cannot",
             {Tr(language, StatusPhrase(state.status)),
              step.kind == v1::REINSPECTED ? std::string(Tr(language, "step.reinspect"))
                                           : HazardStepLabel(step, language)});
  if (state.event_count == 0) return std::string(Tr(language, "step.not_arrived"));
  if (state.status == HazardStatus::kClosed) {
    return head + std::string(Tr(language, "step.after_close"));
  }
  switch (step.kind) {
    case v1::REINSPECTED:
      return head + std::string(Tr(language, "step.reinspect_needs_rectified"));
    case v1::CLOSED:
      return head + std::string(Tr(language, "step.close_needs_reinspect"));
    default:
      return head + std::string(Tr(language, "step.not_now"));
  }
}

void SetHazardStepForm(Data& data, const core::domain::HazardState& state,
                       const HazardStepForm& form, Language language) {
  Data out;
  Data choices{Data::type::list};
  for (const HazardStepChoice& step : kSteps) {
    if (HazardStepRefusal(state, step, language)) continue;
    // A flag raised already is not offered again (raising it twice is harmless, but says nothing).
    if ((step.kind == v1::ESCALATED && state.escalated) ||
        (step.kind == v1::CASE_OPENED && state.case_opened)) {
      continue;
    }
    Data choice;
    choice.set("value", std::string(step.code));
    choice.set("label", HazardStepLabel(step, language));
    choice.set("checked", form.step == step.code);
    choices.push_back(choice);
  }
  const bool any = !choices.is_empty_list();
  out.set("choices", choices);
  out.set("any", any);
  out.set("closed", state.status == HazardStatus::kClosed && state.event_count > 0);
  out.set("note", form.note);
  if (!form.error.empty()) out.set("error", form.error);
  if (auto done = HazardStepFromCode(form.done)) {
    out.set("done", TrFill(language, "step.done",
                           {HazardStepLabel(*done, language),
                            core::domain::HazardStatusName(state.status, language)}));
  }
  data.set("step_form", out);
}

std::optional<std::string> StepNoteProblem(std::string_view note, Language language) {
  if (!base::IsUtf8(note)) return std::string(Tr(language, "step.note_not_text"));
  size_t chars = 0;
  for (unsigned char c : note) chars += (c & 0xC0) != 0x80;
  if (chars > kMaxStepNoteChars) {
    return TrFill(language, "step.note_too_long",
                  {std::to_string(chars), std::to_string(kMaxStepNoteChars)});
  }
  return std::nullopt;
}

}  // namespace qiaomen::server::console
