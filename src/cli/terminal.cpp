#include "cli/terminal.h"

#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <iostream>
#include <utility>

#include "hallmark/escape.h"

namespace hallmark::cli {
namespace {

ColorMode g_color_mode = ColorMode::kAuto;

// hallmark's own symbols, in ASCII, for a locale that is not UTF-8.
constexpr std::pair<std::string_view, std::string_view> kAsciiSymbols[] = {
    {"\u2714", "OK"}, {"\u2718", "FAIL"}, {"\u2014", "-"},  {"\u2013", "-"},
    {"\u2192", "->"}, {"\u2026", "..."},  {"\u2260", "!="}, {"\u00b1", "+/-"},
    {"\u2502", "|"},  {"\u251c", "|"},    {"\u2514", "`"},  {"\u2500", "-"},
};

std::string ascii_symbols(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    bool replaced = false;
    if (static_cast<unsigned char>(s[i]) >= 0x80) {
      for (const auto& [from, to] : kAsciiSymbols) {
        if (s.substr(i, from.size()) == from) {
          out += to;
          i += from.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) {
      out += s[i++];
    }
  }
  return out;
}

// The length of `s` without a trailing, possibly incomplete UTF-8 sequence (at most 3 bytes
// that a later write may complete).
size_t complete_prefix(std::string_view s) {
  const size_t n = s.size();
  for (size_t back = 1; back <= 3 && back <= n; ++back) {
    const auto c = static_cast<unsigned char>(s[n - back]);
    if ((c & 0xc0) == 0x80) {
      continue;  // A continuation byte: look further back for the lead byte.
    }
    const size_t need = (c & 0xe0) == 0xc0   ? 2
                        : (c & 0xf0) == 0xe0 ? 3
                        : (c & 0xf8) == 0xf0 ? 4
                                             : 1;
    return need > back ? n - back : n;
  }
  return n;
}

}  // namespace

EscapingBuf::EscapingBuf(std::streambuf* dest, bool ascii) : dest_(dest), ascii_(ascii) {}

EscapingBuf::~EscapingBuf() {
  emit(true);
  dest_->pubsync();
}

void EscapingBuf::emit(bool all) {
  const size_t end = all ? pending_.size() : complete_prefix(pending_);
  if (end == 0) {
    return;
  }
  const std::string_view piece(pending_.data(), end);
  const std::string text =
      ascii_ ? escape_text(ascii_symbols(piece), true) : escape_text(piece, false);
  dest_->sputn(text.data(), static_cast<std::streamsize>(text.size()));
  pending_.erase(0, end);
}

void EscapingBuf::raw(std::string_view bytes) {
  emit(true);
  dest_->sputn(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

EscapingBuf::int_type EscapingBuf::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) {
    return traits_type::not_eof(c);
  }
  pending_ += traits_type::to_char_type(c);
  emit(false);
  return c;
}

std::streamsize EscapingBuf::xsputn(const char* s, std::streamsize n) {
  pending_.append(s, static_cast<size_t>(n));
  emit(false);
  return n;
}

int EscapingBuf::sync() {
  emit(false);
  return dest_->pubsync();
}

SafeTerminal::SafeTerminal()
    : out_(std::cout.rdbuf(), !utf8_locale()), err_(std::cerr.rdbuf(), !utf8_locale()) {
  std::cout.rdbuf(&out_);
  std::cerr.rdbuf(&err_);
}

SafeTerminal::~SafeTerminal() {
  std::cout.flush();
  std::cerr.flush();
  std::cout.rdbuf(out_.dest());
  std::cerr.rdbuf(err_.dest());
}

void write_raw(std::ostream& os, std::string_view bytes) {
  if (auto* escaping = dynamic_cast<EscapingBuf*>(os.rdbuf())) {
    escaping->raw(bytes);
  } else {
    os << bytes;
  }
}

std::ostream& nl(std::ostream& os) {
  write_raw(os, "\n");
  if (os.flags() & std::ios::unitbuf) {
    os.flush();
  }
  return os;
}

void write_lines(std::ostream& os, std::string_view text) {
  while (!text.empty()) {
    const size_t eol = text.find('\n');
    os << text.substr(0, eol);
    if (eol == std::string_view::npos) {
      break;
    }
    os << nl;
    text.remove_prefix(eol + 1);
  }
}

std::ostream& raw_stdout() {
  std::cout.flush();
  auto* escaping = dynamic_cast<EscapingBuf*>(std::cout.rdbuf());
  if (escaping == nullptr) {
    return std::cout;
  }
  static std::ostream raw(escaping->dest());
  return raw;
}

bool utf8_locale() {
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* v = std::getenv(name);
    if (v == nullptr || *v == '\0') {
      continue;
    }
    std::string s(v);
    for (char& c : s) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return s.find("utf-8") != std::string::npos || s.find("utf8") != std::string::npos;
  }
  return false;
}

void set_color_mode(ColorMode mode) {
  g_color_mode = mode;
}

bool use_color(int fd) {
  if (g_color_mode != ColorMode::kAuto) {
    return g_color_mode == ColorMode::kAlways;
  }
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return ::isatty(fd) && (no_color == nullptr || *no_color == '\0') &&
         !(term != nullptr && std::string_view(term) == "dumb");
}

}  // namespace hallmark::cli
