// Re-evaluation after one answer on a generated 200-item template (DESIGN.md budget: 0.2 ms).
// The template is shaped like the shipped ones: 20 sections of 10 items, each section gated by
// a choice in the first section, items gated by their neighbours, constraints, 2 computed
// values and 60 hazard rules.

#include <benchmark/benchmark.h>

#include <string>

#include "qiaomen/core/forms/compiled_template.h"
#include "qiaomen/core/forms/form_session.h"

namespace {

using namespace qiaomen::core::forms;  // NOLINT: benchmark

std::string Label(const std::string& s) {
  return R"({"zh": ")" + s + R"(", "en": ")" + s + R"("})";
}

std::string GenerateTemplate() {
  std::string sections;
  std::string rules;
  for (int s = 0; s < 20; ++s) {
    std::string items;
    for (int i = 0; i < 10; ++i) {
      const std::string id = "q" + std::to_string(s) + "_" + std::to_string(i);
      std::string item = R"({"id": ")" + id + R"(", "label": )" + Label(id) + ", ";
      if (i == 0) {
        item +=
            R"("kind": "SINGLE_CHOICE", "required": "true", "choices": [{"code": "a", "label": )" +
            Label("a") + R"(}, {"code": "b", "label": )" + Label("b") + "}]";
      } else if (i % 3 == 1) {
        item += R"("kind": "INTEGER", "min": 0, "max": 100, "required": "true",
                   "constraint": ")" +
                id + R"( <= 50 or q0_0 == 'b'", "constraintMessage": )" + Label("c");
      } else {
        const std::string prev = "q" + std::to_string(s) + "_0";
        item += R"("kind": "YES_NO_NA", "required": "true", "relevant": ")" + prev + R"( == 'a'")";
      }
      items += (i ? "," : "") + item + "}";
      if (i % 3 == 2) {
        rules +=
            std::string(rules.empty() ? "" : ",") + R"({"id": "h_)" + id + R"(", "when": ")" + id +
            R"( == 'no'", "category": "c", "severity": "GENERAL", "deadlineDays": 3, "title": )" +
            Label("h") + "}";
      }
    }
    std::string relevant = s == 0 ? "" : R"(, "relevant": "q0_0 == 'a' or q0_1 > 3")";
    sections += std::string(s ? "," : "") + R"({"id": "s)" + std::to_string(s) + R"(", "title": )" +
                Label("s") + relevant + R"(, "items": [)" + items + "]}";
  }
  return R"({"id": "bench", "version": 1, "title": )" + Label("bench") + R"(, "sections": [)" +
         sections + R"(], "computed": [{"id": "total", "label": )" + Label("t") +
         R"(, "expression": "q1_1 + q2_1 + q3_1"}, {"id": "high", "label": )" + Label("h") +
         R"(, "expression": "total > 100"}], "hazardRules": [)" + rules + "]}";
}

qiaomen::v1::Answer IntegerAnswer(const std::string& id, int64_t v) {
  qiaomen::v1::Answer a;
  a.set_item_id(id);
  a.mutable_value()->set_integer(v);
  return a;
}

qiaomen::v1::Answer Choice(const std::string& id, const std::string& code) {
  qiaomen::v1::Answer a;
  a.set_item_id(id);
  a.mutable_value()->set_choice(code);
  return a;
}

// One leaf answer (an integer read by its own checks and the computed total).
void BM_ReevaluateAfterOneAnswer(benchmark::State& state) {
  auto t = LoadTemplateJson(GenerateTemplate());
  if (!t.ok()) {
    state.SkipWithError(t.status().ToString().c_str());
    return;
  }
  if (t->item_count() != 200) state.SkipWithError("the template must have 200 items");
  auto session = FormSession::Create(*t, EvalContext{"2026-01-10"});
  (*session)->SetAnswer(Choice("q0_0", "a")).IgnoreError();
  int64_t v = 0;
  for (auto _ : state) {
    (*session)->SetAnswer(IntegerAnswer("q1_1", ++v % 60)).IgnoreError();
  }
  state.counters["nodes_per_answer"] = benchmark::Counter(
      static_cast<double>((*session)->node_evaluations()), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_ReevaluateAfterOneAnswer)->Unit(benchmark::kMicrosecond);

// The worst single answer: the gate every section and 130 items depend on flips.
void BM_ReevaluateAfterGateAnswer(benchmark::State& state) {
  auto t = LoadTemplateJson(GenerateTemplate());
  if (!t.ok()) {
    state.SkipWithError(t.status().ToString().c_str());
    return;
  }
  auto session = FormSession::Create(*t, EvalContext{"2026-01-10"});
  bool flip = false;
  for (auto _ : state) {
    (*session)->SetAnswer(Choice("q0_0", (flip = !flip) ? "a" : "b")).IgnoreError();
  }
  state.counters["nodes_per_answer"] = benchmark::Counter(
      static_cast<double>((*session)->node_evaluations()), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_ReevaluateAfterGateAnswer)->Unit(benchmark::kMicrosecond);

// For comparison: evaluating all 200 items from scratch.
void BM_FullEvaluation(benchmark::State& state) {
  auto t = LoadTemplateJson(GenerateTemplate());
  if (!t.ok()) {
    state.SkipWithError(t.status().ToString().c_str());
    return;
  }
  std::vector<qiaomen::v1::Answer> answers{Choice("q0_0", "a"), IntegerAnswer("q1_1", 7)};
  for (auto _ : state) {
    auto e = Evaluate(*t, answers, EvalContext{"2026-01-10"});
    benchmark::DoNotOptimize(e);
  }
}
BENCHMARK(BM_FullEvaluation)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
