// What reaches the terminal. Everything the command line writes to stdout and stderr passes
// through escape_text() (hallmark/escape.h): text from a bundle, a manifest, a C2PA store, a
// log, EXIF, a policy or a file name cannot move the cursor, change colours, reorder the line
// or start a new one, so it cannot draw a fake "✔ verified". A newline written as text is
// escaped too: lines end with `nl` (or write_lines() for text made of lines), so a newline
// inside a name can never pass for the end of a line. Formats that escape within their own
// syntax (JSON, XML, DOT, shell code) are written through raw_stdout(); colour codes through
// write_raw().
// Not thread-safe: the command line writes from one thread.
#pragma once

#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

namespace hallmark::cli {

// Passes text on to `dest` escaped by escape_text(), newlines included. With `ascii` (a locale
// that is not UTF-8) hallmark's own symbols are first written in ASCII (✔ OK, ✘ FAIL,
// — -, → ->, … ..., tree lines) and every other code point above U+007F is escaped.
class EscapingBuf : public std::streambuf {
 public:
  EscapingBuf(std::streambuf* dest, bool ascii);
  ~EscapingBuf() override;  // Writes what is pending.
  EscapingBuf(const EscapingBuf&) = delete;
  EscapingBuf& operator=(const EscapingBuf&) = delete;

  // Writes `bytes` to dest unescaped, after the text written so far.
  void raw(std::string_view bytes);
  std::streambuf* dest() const { return dest_; }

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  // Escapes and writes pending_: all of it, or all but a UTF-8 sequence that the next write
  // may complete.
  void emit(bool all);

  std::streambuf* dest_;
  bool ascii_;
  std::string pending_;
};

// While it lives, std::cout and std::cerr are escaped (run() holds one for the whole run).
class SafeTerminal {
 public:
  SafeTerminal();
  ~SafeTerminal();
  SafeTerminal(const SafeTerminal&) = delete;
  SafeTerminal& operator=(const SafeTerminal&) = delete;

 private:
  EscapingBuf out_, err_;
};

// Writes `bytes` to `os` unescaped (colour codes), after what `os` was given before.
void write_raw(std::ostream& os, std::string_view bytes);

// Ends a line: `std::cout << "signed " << file << nl;`.
std::ostream& nl(std::ostream& os);

// Writes `text` line by line: each line escaped, its newlines kept (a signed note, a receipt).
void write_lines(std::ostream& os, std::string_view text);

// Standard output without the escaping, for JSON, XML, DOT and shell code. Flushes std::cout
// first, so lines stay in order.
std::ostream& raw_stdout();

// True if the locale (LC_ALL, else LC_CTYPE, else LANG) names UTF-8.
bool utf8_locale();

// --color: auto (a terminal, NO_COLOR unset or empty, TERM not "dumb"), always or never.
enum class ColorMode { kAuto, kAlways, kNever };
void set_color_mode(ColorMode mode);
// True when text written to `fd` should be coloured, under the --color mode.
bool use_color(int fd);

// ANSI colours for verdicts, and the reset.
inline constexpr std::string_view kGreen = "\033[32m";
inline constexpr std::string_view kRed = "\033[31m";
inline constexpr std::string_view kYellow = "\033[33m";
inline constexpr std::string_view kReset = "\033[0m";

}  // namespace hallmark::cli
