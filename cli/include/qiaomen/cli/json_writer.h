#pragma once
// A small streaming JSON writer for the `--json` output of the field client: objects, arrays,
// strings (escaped, UTF-8 passed through), integers, doubles, booleans and null. Commas are placed
// for the caller. Not thread-safe.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qiaomen::cli {

class JsonWriter {
 public:
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  // The name of the next member of the current object.
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Double(double value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();

  // Key + value shorthands.
  JsonWriter& Field(std::string_view key, std::string_view value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, const char* value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, const std::string& value) {
    return Key(key).String(value);
  }
  JsonWriter& Field(std::string_view key, int64_t value) { return Key(key).Int(value); }
  JsonWriter& Field(std::string_view key, int value) { return Key(key).Int(value); }
  JsonWriter& Field(std::string_view key, bool value) { return Key(key).Bool(value); }
  JsonWriter& Field(std::string_view key, double value) { return Key(key).Double(value); }

  // The document so far, with a trailing newline once the outermost value is closed.
  std::string str() const;

 private:
  void BeforeValue();
  std::string out_;
  std::vector<bool> first_;  // per open container: no member written yet
  bool after_key_ = false;
};

// `text` as a quoted JSON string.
std::string JsonQuote(std::string_view text);

}  // namespace qiaomen::cli
