// Answers as people read them, under the checklist's own labels.
#include "qiaomen/core/forms/answer_text.h"

#include <gtest/gtest.h>

namespace qiaomen::core::forms {
namespace {

using domain::Language;

v1::Item ChoiceItem() {
  v1::Item item;
  item.set_id("fuel");
  item.set_kind(v1::MULTI_CHOICE);
  auto* coal = item.add_choices();
  coal->set_code("coal");
  coal->mutable_label()->set_zh("燃煤");
  coal->mutable_label()->set_en("Coal");
  auto* gas = item.add_choices();
  gas->set_code("gas");
  gas->mutable_label()->set_en("Gas");  // no Chinese: English stands in
  return item;
}

TEST(AnswerTextTest, YesNoReadsInEitherLanguage) {
  v1::Item item;
  item.set_kind(v1::YES_NO_NA);
  v1::AnswerValue v;
  v.set_yes_no(v1::NO);
  EXPECT_EQ(AnswerText(item, v), "否");
  EXPECT_EQ(AnswerText(item, v, Language::kEn), "No");
  v.set_yes_no(v1::NOT_APPLICABLE);
  EXPECT_EQ(AnswerText(item, v), "不适用");
}

TEST(AnswerTextTest, ChoicesReadAsTheirLabels) {
  v1::Item item = ChoiceItem();
  v1::AnswerValue v;
  v.mutable_choices()->add_codes("coal");
  v.mutable_choices()->add_codes("gas");
  v.mutable_choices()->add_codes("wood");
  EXPECT_EQ(AnswerText(item, v), "燃煤、Gas、wood") << "an unknown code shows as itself";
  EXPECT_EQ(AnswerText(item, v, Language::kEn), "Coal, Gas, wood");
  v.set_choice("coal");
  EXPECT_EQ(AnswerText(item, v), "燃煤");
}

TEST(AnswerTextTest, NumbersCarryTheirUnit) {
  v1::Item item;
  item.set_kind(v1::DECIMAL);
  item.set_unit("m");
  v1::AnswerValue v;
  v.set_decimal(2.5);
  EXPECT_EQ(AnswerText(item, v), "2.5 m");
  v.set_integer(3);
  EXPECT_EQ(AnswerText(item, v), "3 m");
}

TEST(AnswerTextTest, PhotosSignaturesAndPlaces) {
  v1::Item item;
  item.set_kind(v1::PHOTO);
  v1::AnswerValue v;
  v.mutable_photos()->add_photo_ids("0123456789abcdef");
  v.mutable_photos()->add_photo_ids("0123456789abcdeg");
  EXPECT_EQ(AnswerText(item, v), "2 张照片");
  EXPECT_EQ(AnswerText(item, v, Language::kEn), "2 photos");
  item.set_kind(v1::SIGNATURE);
  EXPECT_EQ(AnswerText(item, v), "已签名");
  v.mutable_location()->set_latitude(30.25);
  v.mutable_location()->set_longitude(120.5);
  EXPECT_EQ(AnswerText(item, v), "纬度 30.25，经度 120.5");
  EXPECT_EQ(AnswerText(item, v1::AnswerValue()), "") << "nothing set";
}

}  // namespace
}  // namespace qiaomen::core::forms
