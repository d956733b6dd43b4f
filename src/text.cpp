#include "text.h"

namespace hallmark::text {
namespace {

// Decodes the code point at s[i], advancing i; -1 if malformed.
int32_t decode(std::string_view s, size_t& i) {
  const auto b = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  const uint8_t c = b(i);
  if (c < 0x80) {
    ++i;
    return c;
  }
  size_t n;
  int32_t cp;
  int32_t min;
  if ((c & 0xe0) == 0xc0) {
    n = 1;
    cp = c & 0x1f;
    min = 0x80;
  } else if ((c & 0xf0) == 0xe0) {
    n = 2;
    cp = c & 0x0f;
    min = 0x800;
  } else if ((c & 0xf8) == 0xf0) {
    n = 3;
    cp = c & 0x07;
    min = 0x10000;
  } else {
    return -1;
  }
  for (size_t k = 1; k <= n; ++k) {
    if (i + k >= s.size() || (b(i + k) & 0xc0) != 0x80) {
      return -1;
    }
    cp = (cp << 6) | (b(i + k) & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
    return -1;
  }
  i += n + 1;
  return cp;
}

bool is_space(int32_t cp) {
  switch (cp) {
    case ' ':
    case 0x85:
    case 0xa0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202f:
    case 0x205f:
    case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200a;
  }
}

}  // namespace

bool valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (decode(s, i) < 0) {
      return false;
    }
  }
  return true;
}

std::string to_valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const size_t start = i;
    if (decode(s, i) < 0) {
      out += "\xEF\xBF\xBD";
      i = start + 1;
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

bool has_space_or_control(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const int32_t cp = decode(s, i);
    if (cp < 0 || cp < 0x20 || cp == 0x7f || is_space(cp)) {
      return true;
    }
  }
  return false;
}

std::optional<uint64_t> parse_decimal(std::string_view s) {
  if (s.empty() || s.size() > 19 || (s.size() > 1 && s[0] == '0')) {
    return std::nullopt;
  }
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  if (v > (uint64_t{1} << 63) - 1) {
    return std::nullopt;
  }
  return v;
}

}  // namespace hallmark::text
