#include "qiaomen/cli/json_writer.h"

#include <gtest/gtest.h>

namespace qiaomen::cli {
namespace {

TEST(JsonWriterTest, NestsAndEscapes) {
  JsonWriter json;
  json.BeginObject().Field("a", 1).Field("s", "q\"\\\n\x01");
  json.Key("list").BeginArray().Int(1).String("x").Bool(true).Null().EndArray();
  json.Key("o").BeginObject().EndObject().Field("d", 2.5).EndObject();
  EXPECT_EQ(json.str(),
            "{\"a\":1,\"s\":\"q\\\"\\\\\\n\\u0001\",\"list\":[1,\"x\",true,null],\"o\":{},"
            "\"d\":2.5}\n");
}

}  // namespace
}  // namespace qiaomen::cli
