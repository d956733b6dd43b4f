// Showing untrusted text safely. File names, bundle and manifest fields, C2PA strings, log
// entries, EXIF and policy text can hold any bytes; before they reach a terminal, a log viewer
// or an XML/JSON consumer, escape_text() makes every byte that could change how the text is
// shown visible, reversibly:
//   \\          a backslash
//   \xNN        a byte that is not part of well-formed UTF-8, or a C0 control or DEL
//               (U+0000-U+001F, U+007F: ESC is \x1b, a newline \x0a)
//   \u{HHHH}    a C1 control (U+0080-U+009F), a bidirectional control (U+061C, U+200E,
//               U+200F, U+202A-U+202E, U+2066-U+2069), a line or paragraph separator
//               (U+2028, U+2029) or a noncharacter XML 1.0 forbids (U+FFFE, U+FFFF); with
//               `ascii`, every code point above U+007F
// Hex digits are lowercase. The result is well-formed UTF-8 without control characters (pure
// ASCII with `ascii`), and unescape_text() gives back the original bytes. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hallmark {

std::string escape_text(std::string_view s, bool ascii = false);

// True if `s` is well-formed UTF-8 (then JSON can carry it exactly).
bool is_utf8(std::string_view s);

// The bytes escape_text() was given; nullopt for text it cannot have produced (an unknown
// escape, a bad hex digit, a code point that is not a Unicode scalar value).
std::optional<std::string> unescape_text(std::string_view s);

// JSON text (as nlohmann::json::dump writes it) with every C1, bidirectional and separator
// code point written as a \uXXXX escape: the same document, but one that cannot reorder or
// hide text when it is shown. Precondition: `json` is valid UTF-8.
std::string escape_json_invisibles(std::string_view json);

}  // namespace hallmark
