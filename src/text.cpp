#include "text.h"

#include <cstdio>

#include "hallmark/escape.h"

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

// Code points shown as \u{...} even in UTF-8 output: C1 controls, bidirectional controls,
// line and paragraph separators, and the noncharacters XML 1.0 forbids.
bool invisible(int32_t cp) {
  return (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c || cp == 0x200e || cp == 0x200f ||
         (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0xfffe || cp == 0xffff;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
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

namespace hallmark {

std::string escape_text(std::string_view s, bool ascii) {
  std::string out;
  out.reserve(s.size());
  char buf[16];
  size_t i = 0;
  while (i < s.size()) {
    const size_t start = i;
    const int32_t cp = text::decode(s, i);
    if (cp < 0) {
      i = start + 1;
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(s[start]));
      out += buf;
    } else if (cp < 0x20 || cp == 0x7f) {
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(cp));
      out += buf;
    } else if (cp == '\\') {
      out += "\\\\";
    } else if (text::invisible(cp) || (ascii && cp > 0x7f)) {
      std::snprintf(buf, sizeof buf, "\\u{%x}", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

bool is_utf8(std::string_view s) {
  return text::valid_utf8(s);
}

std::optional<std::string> unescape_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out += s[i];
      continue;
    }
    if (++i == s.size()) {
      return std::nullopt;
    }
    if (s[i] == '\\') {
      out += '\\';
    } else if (s[i] == 'x') {
      const int hi = i + 1 < s.size() ? text::hex_value(s[i + 1]) : -1;
      const int lo = i + 2 < s.size() ? text::hex_value(s[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        return std::nullopt;
      }
      out += static_cast<char>(hi << 4 | lo);
      i += 2;
    } else if (s[i] == 'u' && i + 1 < s.size() && s[i + 1] == '{') {
      const size_t close = s.find('}', i + 2);
      if (close == std::string_view::npos || close == i + 2 || close - (i + 2) > 6) {
        return std::nullopt;
      }
      uint32_t cp = 0;
      for (size_t k = i + 2; k < close; ++k) {
        const int d = text::hex_value(s[k]);
        if (d < 0) {
          return std::nullopt;
        }
        cp = cp << 4 | static_cast<uint32_t>(d);
      }
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return std::nullopt;
      }
      text::append_utf8(out, cp);
      i = close;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

std::string escape_json_invisibles(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  char buf[16];
  size_t i = 0;
  while (i < json.size()) {
    const size_t start = i;
    const int32_t cp = text::decode(json, i);
    if (cp < 0) {  // Not expected (precondition); keep the byte rather than lose it.
      i = start + 1;
      out += json[start];
    } else if (text::invisible(cp)) {
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(json.substr(start, i - start));
    }
  }
  return out;
}

}  // namespace hallmark
