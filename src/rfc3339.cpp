#include "hallmark/rfc3339.h"

#include <algorithm>
#include <chrono>

namespace hallmark {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

bool is_leap(int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned days_in_month(int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

bool digits(std::string_view text, size_t pos, size_t n, unsigned& out) {
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return false;
    }
    out = out * 10 + static_cast<unsigned>(text[i] - '0');
  }
  return true;
}

std::string pad(int64_t v, int width) {
  std::string s = std::to_string(v);
  return std::string(s.size() < static_cast<size_t>(width) ? width - s.size() : 0, '0') + s;
}

constexpr int64_t kMin = -62167219200;  // 0000-01-01T00:00:00Z
constexpr int64_t kMax = 253402300799;  // 9999-12-31T23:59:59Z

Result<int64_t> parse_date_part(std::string_view text) {
  unsigned y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits(text, 0, 4, y) ||
      !digits(text, 5, 2, m) || !digits(text, 8, 2, d) || m < 1 || m > 12 || d < 1 ||
      d > days_in_month(y, m)) {
    return corrupt("\"" + std::string(text) + "\" is not a date (YYYY-MM-DD)");
  }
  return days_from_civil(y, m, d) * 86400;
}

}  // namespace

int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string format_rfc3339(int64_t t) {
  t = std::clamp(t, kMin, kMax);
  int64_t days = t / 86400;
  int64_t secs = t % 86400;
  if (secs < 0) {
    secs += 86400;
    --days;
  }
  int64_t y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(days, y, m, d);
  return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T" + pad(secs / 3600, 2) + ":" +
         pad(secs / 60 % 60, 2) + ":" + pad(secs % 60, 2) + "Z";
}

std::string format_date(int64_t t) {
  return format_rfc3339(t).substr(0, 10);
}

Result<int64_t> parse_rfc3339(std::string_view text) {
  unsigned hh = 0, mm = 0, ss = 0;
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z' || !digits(text, 11, 2, hh) || !digits(text, 14, 2, mm) ||
      !digits(text, 17, 2, ss) || hh > 23 || mm > 59 || ss > 59) {
    return corrupt("\"" + std::string(text) + "\" is not a UTC time (YYYY-MM-DDTHH:MM:SSZ)");
  }
  Result<int64_t> day = parse_date_part(text.substr(0, 10));
  if (!day.ok()) {
    return corrupt("\"" + std::string(text) + "\" is not a UTC time (YYYY-MM-DDTHH:MM:SSZ)");
  }
  return *day + hh * 3600 + mm * 60 + ss;
}

Result<int64_t> parse_date_or_time(std::string_view text) {
  if (text.size() == 10) {
    return parse_date_part(text);
  }
  Result<int64_t> t = parse_rfc3339(text);
  if (!t.ok()) {
    return corrupt("\"" + std::string(text) +
                   "\" is not a date (YYYY-MM-DD) or UTC time (YYYY-MM-DDTHH:MM:SSZ)");
  }
  return t;
}

}  // namespace hallmark
