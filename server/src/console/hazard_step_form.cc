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

// "这处隐患<phrase>，" as a refusal starts.
std::string_view StatusPhrase(HazardStatus status) {
  switch (status) {
    case HazardStatus::kFound:
      return "刚发现，还没有下达整改";
    case HazardStatus::kOrdered:
      return "正在限期整改，还没有整改完";
    case HazardStatus::kRectified:
      return "已整改，等待复查";
    case HazardStatus::kReinspected:
      return "已复查通过，等待销号";
    case HazardStatus::kClosed:
      return "已销号";
  }
  return "状态不明";
}

}  // namespace

std::optional<HazardStepChoice> HazardStepFromCode(std::string_view code) {
  for (const HazardStepChoice& step : kSteps) {
    if (step.code == code) return step;
  }
  return std::nullopt;
}

std::string HazardStepLabel(const HazardStepChoice& step) {
  if (step.kind == v1::REINSPECTED && !step.passed) return "复查未通过（退回整改）";
  return std::string(core::domain::HazardEventLabel(step.kind, step.passed).zh);
}

std::optional<std::string> HazardStepRefusal(const core::domain::HazardState& state,
                                             const HazardStepChoice& step) {
  v1::HazardEvent event;
  event.set_kind(step.kind);
  event.set_passed(step.passed);
  if (core::domain::Transition(state, event).ok()) return std::nullopt;
  const std::string head =
      "这处隐患" + std::string(StatusPhrase(state.status)) + "，不能" +
      (step.kind == v1::REINSPECTED ? std::string("复查") : HazardStepLabel(step)) + "：";
  if (state.event_count == 0) {
    return "这处隐患的发现记录还没有传到县里，暂时不能处理；等网格员的手机同步后再试。";
  }
  if (state.status == HazardStatus::kClosed) {
    return head + "销号后不能再处理。如果问题又出现了，请网格员重新登记一处隐患。";
  }
  switch (step.kind) {
    case v1::REINSPECTED:
      return head + "复查是检查整改结果的，要等网格员在现场记录整改后再复查。";
    case v1::CLOSED:
      return head + "复查通过后才能销号，请先复查。";
    default:
      return head + "这一步现在不能记录。";
  }
}

void SetHazardStepForm(Data& data, const core::domain::HazardState& state,
                       const HazardStepForm& form) {
  Data out;
  Data choices{Data::type::list};
  for (const HazardStepChoice& step : kSteps) {
    if (HazardStepRefusal(state, step)) continue;
    // A flag raised already is not offered again (raising it twice is harmless, but says nothing).
    if ((step.kind == v1::ESCALATED && state.escalated) ||
        (step.kind == v1::CASE_OPENED && state.case_opened)) {
      continue;
    }
    Data choice;
    choice.set("value", std::string(step.code));
    choice.set("label", HazardStepLabel(step));
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
    out.set("done", "已记录“" + HazardStepLabel(*done) + "”，这处隐患现在" +
                        std::string(core::domain::HazardStatusName(state.status)) +
                        "。网格员的手机下次同步时会收到。");
  }
  data.set("step_form", out);
}

std::optional<std::string> StepNoteProblem(std::string_view note) {
  if (!base::IsUtf8(note)) return "说明里有无法识别的字符，请重新输入。";
  size_t chars = 0;
  for (unsigned char c : note) chars += (c & 0xC0) != 0x80;
  if (chars > kMaxStepNoteChars) {
    return "说明太长（" + std::to_string(chars) + " 字），请写在 " +
           std::to_string(kMaxStepNoteChars) + " 字以内。";
  }
  return std::nullopt;
}

}  // namespace qiaomen::server::console
