#pragma once
// The county's steps on a hazard as its page offers them: 复查通过, 复查未通过, 销号, 挂牌督办,
// 立案查处, each with a form code, which of them the hazard's state allows now, and why the state
// machine refuses one, in the page's language. Pure: no SQL, no I/O.

#include <optional>
#include <string>
#include <string_view>

#include "console/render.h"
#include "qiaomen/core/domain/hazard_state.h"

namespace qiaomen::server::console {

struct HazardStepChoice {
  std::string_view code;  // the form's value: "reinspect", "reinspect-failed", "close", ...
  v1::HazardEventKind kind;
  bool passed;  // REINSPECTED only
};

// The step a form's `step` value names; nullopt for anything else.
std::optional<HazardStepChoice> HazardStepFromCode(std::string_view code);

// The step as people read it: 复查通过, 复查未通过（退回整改）, 销号, 挂牌督办, 立案查处.
std::string HazardStepLabel(const HazardStepChoice& step, Language language);

// Why a hazard in `state` cannot take `step`, in `language` and saying what to do instead;
// nullopt when the state machine allows it (core::domain::Transition decides).
std::optional<std::string> HazardStepRefusal(const core::domain::HazardState& state,
                                             const HazardStepChoice& step, Language language);

// What the hazard page's step form shows: a step chosen and a note typed (kept after a refusal),
// the refusal, or the step just recorded.
struct HazardStepForm {
  std::string step;
  std::string note;
  std::string error;
  std::string done;  // a step code: the flash after the redirect
};

// Sets `step_form` on `data` for a hazard in `state`: `choices` (the steps allowed now, the chosen
// one checked), `note`, `error`, `done` (the flash), and `closed` when nothing more can be done.
void SetHazardStepForm(Data& data, const core::domain::HazardState& state,
                       const HazardStepForm& form, Language language);

// The most characters a step's note may have.
inline constexpr size_t kMaxStepNoteChars = 500;

// Why `note` cannot be recorded (not UTF-8, too long), in `language`; nullopt when it can.
std::optional<std::string> StepNoteProblem(std::string_view note, Language language);

}  // namespace qiaomen::server::console
