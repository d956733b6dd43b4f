#include "hallmark/canonical_json.h"

#include <bit>
#include <cstring>

#include "test_util.h"

namespace hallmark {
namespace {

double from_bits(uint64_t bits) {
  return std::bit_cast<double>(bits);
}

TEST_CASE("canonical_json: RFC 8785 appendix B number serialisation") {
  struct Case {
    uint64_t bits;
    const char* want;
  } cases[] = {
      {0x0000000000000000, "0"},
      {0x8000000000000000, "0"},
      {0x0000000000000001, "5e-324"},
      {0x8000000000000001, "-5e-324"},
      {0x7fefffffffffffff, "1.7976931348623157e+308"},
      {0xffefffffffffffff, "-1.7976931348623157e+308"},
      {0x4340000000000000, "9007199254740992"},
      {0xc340000000000000, "-9007199254740992"},
      {0x4430000000000000, "295147905179352830000"},
      {0x44b52d02c7e14af5, "9.999999999999997e+22"},
      {0x44b52d02c7e14af6, "1e+23"},
      {0x44b52d02c7e14af7, "1.0000000000000001e+23"},
      {0x444b1ae4d6e2ef4e, "999999999999999700000"},
      {0x444b1ae4d6e2ef4f, "999999999999999900000"},
      {0x444b1ae4d6e2ef50, "1e+21"},
      {0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"},
      {0x3eb0c6f7a0b5ed8d, "0.000001"},
      {0x41b3de4355555553, "333333333.3333332"},
      {0x41b3de4355555554, "333333333.33333325"},
      {0x41b3de4355555555, "333333333.3333333"},
      {0x41b3de4355555556, "333333333.3333334"},
      {0x41b3de4355555557, "333333333.33333343"},
      {0xbecbf647612f3696, "-0.0000033333333333333333"},
      {0x43143ff3c1cb0959, "1424953923781206.2"},  // Round to even.
  };
  for (const Case& c : cases) {
    CAPTURE(c.want);
    Result<std::string> got = es6_number(from_bits(c.bits));
    REQUIRE(got.ok());
    CHECK(*got == c.want);
  }
  CHECK_FALSE(es6_number(from_bits(0x7fffffffffffffff)).ok());  // NaN
  CHECK_FALSE(es6_number(from_bits(0x7ff0000000000000)).ok());  // Infinity
}

// The RFC author's test data (cyberphone/json-canonicalization testdata/), inputs and outputs.
TEST_CASE(
    "canonical_json: RFC 8785 examples (arrays, structures, values, french, unicode, weird)") {
  struct Case {
    const char* name;
    std::string input;
    std::string want;
  } cases[] = {
      {"arrays", "[\n  56,\n  {\n    \"d\": true,\n    \"10\": null,\n    \"1\": [ ]\n  }\n]",
       R"([56,{"1":[],"10":null,"d":true}])"},
      {"structures",
       "{\n  \"1\": {\"f\": {\"f\": \"hi\",\"F\": 5} ,\"\\n\": 56.0},\n  \"10\": { },\n  \"\": "
       "\"empty\",\n  \"a\": { },\n  \"111\": [ { } ],\n  \"A\": { }\n}",
       R"({"":"empty","1":{"\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}})"},
      {"values",
       "{\n  \"numbers\": [1E30, 4.50, 333333333.33333329, 2e-3, 0.000000000000000000000000001],\n"
       "  \"escaping\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
       "  \"literals\": [null, true, false]\n}",
       "{\"escaping\":\"\xe2\x82\xac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\",\"literals\":[null,true,"
       "false],\"numbers\":[1e+30,4.5,333333333.3333333,0.002,1e-27]}"},
      {"french",
       "{\n  \"peach\": \"This sorting order\",\n  \"p\xc3\xa9"
       "ch\xc3\xa9\": \"is wrong according to French\",\n  \"p\xc3\xaa"
       "che\": \"but canonicalization MUST\",\n  \"sin\":   \"ingnore locale\"\n}\n",
       "{\"peach\":\"This sorting order\",\"p\xc3\xa9"
       "ch\xc3\xa9\":\"is wrong according to French\",\"p\xc3\xaa"
       "che\":\"but canonicalization MUST\",\"sin\":\"ingnore locale\"}"},
      {"unicode", "{\n  \"Unnormalized Unicode\":\"\\u1e0d\\u0307\"\n}\n",
       "{\"Unnormalized Unicode\":\"\xe1\xb8\x8d\xcc\x87\"}"},
      {"weird",
       "{\n  \"\\u20ac\": \"Euro Sign\",\n  \"1\": \"One\",\n  \"\\u0080\": \"Control\\u007f\",\n"
       "  \"\\ud83d\\ude02\": \"Smiley\",\n  \"\\u00f6\": \"Latin Small Letter O With "
       "Diaeresis\",\n  \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n  \"</script>\": "
       "\"Browser Challenge\"\n}\n",
       "{\"1\":\"One\",\"</script>\":\"Browser Challenge\",\"\xc2\x80\":\"Control\x7f\","
       "\"\xc3\xb6\":\"Latin Small Letter O With Diaeresis\",\"\xe2\x82\xac\":\"Euro Sign\","
       "\"\xf0\x9f\x98\x82\":\"Smiley\",\"\xef\xac\xb3\":\"Hebrew Letter Dalet With Dagesh\"}"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    Result<std::string> got = canonicalize_json(c.input);
    REQUIRE(got.ok());
    CHECK(*got == c.want);
    // Canonicalising canonical output is the identity.
    CHECK(*canonicalize_json(*got) == *got);
  }
}

TEST_CASE("canonical_json: invalid documents are rejected with a reason") {
  struct Case {
    std::string text;
    const char* reason;
  } cases[] = {
      {R"({"a":1,"a":2})", "duplicate member \"a\""},
      {R"({"x":{"a":1,"b":{"a":3},"a":2}})", "duplicate member \"a\""},
      {std::string(70, '[') + std::string(70, ']'), "nested deeper than 64 levels"},
      {"{\"a\":\"\xff\"}", "not valid JSON"},
      {R"({"a":"\ud800"})", "not valid JSON"},
      {"{\"a\":1", "not valid JSON"},
      {"", "not valid JSON"},
      {"1e400", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    Result<std::string> got = canonicalize_json(c.text);
    REQUIRE_FALSE(got.ok());
    CHECK(got.status().code() == Code::kCorrupt);
    CHECK(got.status().message().find(c.reason) != std::string::npos);
  }
  // Same names in sibling objects are fine.
  CHECK(canonicalize_json(R"([{"a":1},{"a":2}])").ok());
}

}  // namespace
}  // namespace hallmark
