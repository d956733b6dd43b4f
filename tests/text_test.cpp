#include "text.h"

#include <random>

#include "hallmark/escape.h"
#include "test_util.h"

namespace hallmark {
namespace {

TEST_CASE("text: escape_text makes controls, bidi overrides and bad bytes visible") {
  struct Case {
    std::string in, want;
  } cases[] = {
      {"photo.jpg", "photo.jpg"},
      {"Jos\xC3\xA9 \xE2\x80\x94 \xE2\x9C\x94", "Jos\xC3\xA9 \xE2\x80\x94 \xE2\x9C\x94"},
      {"a\\b", "a\\\\b"},
      {"\x1b[32m", "\\x1b[32m"},
      {"line\n\xE2\x9C\x94 verified\r", "line\\x0a\xE2\x9C\x94 verified\\x0d"},
      {std::string("nul\0tab\tdel\x7f", 12), "nul\\x00tab\\x09del\\x7f"},
      {"\xC2\x9B"
       "31m",
       "\\u{9b}31m"},  // C1 CSI, as UTF-8.
      {"\x9b"
       "31m",
       "\\x9b31m"},  // The same byte, not UTF-8.
      {"gpj.\xE2\x80\xAE"
       "exe",
       "gpj.\\u{202e}exe"},  // RIGHT-TO-LEFT OVERRIDE.
      {"\xE2\x81\xA6x\xE2\x81\xA9", "\\u{2066}x\\u{2069}"},
      {"\xE2\x80\x8E\xE2\x80\x8F\xD8\x9C", "\\u{200e}\\u{200f}\\u{61c}"},
      {"a\xE2\x80\xA8"
       "b",
       "a\\u{2028}b"},
      {"\xEF\xBF\xBE", "\\u{fffe}"},
      {"\xFF\xC3(", "\\xff\\xc3("},         // Invalid, and a truncated sequence.
      {"\xED\xA0\x80", "\\xed\\xa0\\x80"},  // A surrogate is not UTF-8.
      {"\xC0\xAF", "\\xc0\\xaf"},           // Overlong.
  };
  for (const Case& c : cases) {
    CAPTURE(c.in);
    CHECK(escape_text(c.in) == c.want);
    CHECK(unescape_text(c.want) == c.in);
  }
  CHECK(escape_text("Jos\xC3\xA9 \xE2\x9C\x94", /*ascii=*/true) == "Jos\\u{e9} \\u{2714}");
}

TEST_CASE("text: escape_text is reversible and its output is clean, for any bytes") {
  std::mt19937 rng(11);
  // Bytes drawn to hit the interesting ranges often: controls, backslash, UTF-8 lead bytes.
  const std::string alphabet = std::string("\x00\x1b\n\r\\ax\x7f", 8) +
                               "\x80\x9b\xbf\xc2\xc3\xd8\xe2\x80\xae\xed\xef\xf0\xf4\xff{}u";
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    const size_t n = rng() % 24;
    for (size_t k = 0; k < n; ++k) {
      s += alphabet[rng() % alphabet.size()];
    }
    CAPTURE(s);
    for (bool ascii : {false, true}) {
      const std::string e = escape_text(s, ascii);
      REQUIRE(text::valid_utf8(e));
      for (unsigned char c : e) {
        CHECK((c >= 0x20 && c != 0x7f));
        if (ascii) {
          CHECK(c < 0x80);
        }
      }
      CHECK(e.find("\xE2\x80\xAE") == std::string::npos);
      CHECK(e.find("\xC2\x9B") == std::string::npos);
      CHECK(unescape_text(e) == s);
    }
  }
}

TEST_CASE("text: unescape_text refuses what escape_text cannot produce") {
  for (const char* bad : {"\\", "\\q", "\\x", "\\x1", "\\xg0", "\\u", "\\u{", "\\u{}", "\\u{zz}",
                          "\\u{110000}", "\\u{d800}", "\\u{1234567}"}) {
    CAPTURE(bad);
    CHECK_FALSE(unescape_text(bad).has_value());
  }
}

TEST_CASE("text: escape_json_invisibles keeps the document and hides nothing") {
  const nlohmann::json j = {{"name",
                             "a\xE2\x80\xAE"
                             "b\xC2\x9B"
                             "c\xE2\x80\xA8"},
                            {"ok", "Jos\xC3\xA9"}};
  const std::string dumped = j.dump();
  const std::string safe = escape_json_invisibles(dumped);
  CHECK(safe == "{\"name\":\"a\\u202eb\\u009bc\\u2028\",\"ok\":\"Jos\xC3\xA9\"}");
  CHECK(nlohmann::json::parse(safe) == j);
}

}  // namespace
}  // namespace hallmark
