// libFuzzer target: any bytes as template JSON must load or be refused cleanly; a template that
// loads is evaluated with no answers and with a few derived from the input.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "qiaomen/core/forms/compiled_template.h"
#include "qiaomen/core/forms/evaluation.h"
#include "qiaomen/core/forms/form_session.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace qiaomen::core::forms;  // NOLINT: fuzz harness
  std::string_view json(reinterpret_cast<const char*>(data), size);
  auto loaded = LoadTemplateJson(json);
  if (!loaded.ok()) return 0;
  const CompiledTemplate& t = *loaded;
  auto session = FormSession::Create(t, EvalContext{"2026-01-10"});
  if (!session.ok()) __builtin_trap();  // a fixed valid date never fails
  size_t k = 0;
  for (const auto& section : t.proto().sections()) {
    for (const auto& item : section.items()) {
      qiaomen::v1::Answer a;
      a.set_item_id(item.id());
      const uint8_t b = size ? data[k++ % size] : 0;
      auto* v = a.mutable_value();
      switch (item.kind()) {
        case qiaomen::v1::YES_NO_NA:
          v->set_yes_no(static_cast<qiaomen::v1::YesNoNa>(b % 4));
          break;
        case qiaomen::v1::SINGLE_CHOICE:
          if (item.choices_size()) v->set_choice(item.choices(b % item.choices_size()).code());
          break;
        case qiaomen::v1::MULTI_CHOICE:
          if (item.choices_size())
            v->mutable_choices()->add_codes(item.choices(b % item.choices_size()).code());
          break;
        case qiaomen::v1::INTEGER:
          v->set_integer(static_cast<int8_t>(b));
          break;
        case qiaomen::v1::DECIMAL:
          v->set_decimal(b / 7.0);
          break;
        case qiaomen::v1::TEXT:
          // Up to 2040 characters: past the default limit, and long enough that a backtracking
          // pattern such as (a|a)*b would hang.
          v->set_text(std::string(size_t{b} * 8, static_cast<char>('a' + b % 3)));
          break;
        case qiaomen::v1::DATE:
          v->set_date(b % 2 ? "2025-12-31" : "2026-02-30");
          break;
        case qiaomen::v1::PHOTO:
        case qiaomen::v1::SIGNATURE:
          for (int i = 0; i < b % 4; ++i) v->mutable_photos()->add_photo_ids("0123456789abcdef");
          break;
        case qiaomen::v1::LOCATION:
          v->mutable_location()->set_latitude(b);
          break;
        default:
          break;
      }
      (void)(*session)->SetAnswer(a);
    }
  }
  (void)(*session)->Snapshot();
  return 0;
}
