#include "hallmark/rfc3339.h"

#include <ctime>

#include "test_util.h"

namespace hallmark {
namespace {

TEST_CASE("rfc3339: known instants format and parse both ways") {
  struct Case {
    int64_t t;
    const char* text;
  } cases[] = {{0, "1970-01-01T00:00:00Z"},
               {951782400, "2000-02-29T00:00:00Z"},
               {1700000000, "2023-11-14T22:13:20Z"},
               {-1, "1969-12-31T23:59:59Z"},
               {253402300799, "9999-12-31T23:59:59Z"}};
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(format_rfc3339(c.t) == c.text);
    Result<int64_t> back = parse_rfc3339(c.text);
    REQUIRE(back.ok());
    CHECK(*back == c.t);
  }
}

TEST_CASE("rfc3339: agrees with the C library's timegm for a sweep of days") {
  for (int64_t t = -86400 * 400; t < 86400LL * 365 * 80; t += 86400 * 37 + 3607) {
    CAPTURE(t);
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    CHECK(format_rfc3339(t) == buf);
  }
}

TEST_CASE("rfc3339: malformed and impossible times are rejected") {
  for (const char* bad :
       {"", "2026-11-27", "2026-11-27T02:30:58", "2026-11-27 02:30:58Z", "2026-02-30T00:00:00Z",
        "2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-27T24:00:00Z",
        "2026-11-27T02:30:58+01:00", "2026-1-27T02:30:58Z"}) {
    CAPTURE(bad);
    CHECK(parse_rfc3339(bad).status().code() == Code::kCorrupt);
  }
  CHECK(*parse_date_or_time("2024-02-29") == 1709164800);
  CHECK(*parse_date_or_time("2024-02-29T00:00:01Z") == 1709164801);
  CHECK_FALSE(parse_date_or_time("2023-02-29").ok());
  CHECK_FALSE(parse_date_or_time("yesterday").ok());
}

}  // namespace
}  // namespace hallmark
