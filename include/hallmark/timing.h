// Exact times for the media binding's timing (hallmark-media(7)): seconds as fractions, so that
// the time bases of MP4 (1/12800, 1/44100 ...), Matroska (1/1000) and MPEG-TS (1/90000) need no
// rounding. Values; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hallmark {

// num/den seconds with den > 0, in lowest terms.
struct Rational {
  int64_t num = 0;
  int64_t den = 1;
  double seconds() const { return double(num) / double(den); }
  // "248/25", "-1/40", "0/1".
  std::string to_string() const;
  // Exactly the form to_string() writes; nullopt for anything else (den 0, not in lowest
  // terms, a sign on the denominator, leading zeros, more than 18 digits).
  static std::optional<Rational> parse(std::string_view text);
  bool operator==(const Rational&) const = default;
};

// When a stream plays: the presentation time of its earliest packet, in the stream's own time
// (containers shift all streams of a file alike, so only the differences between the streams
// of one file mean something), and how long it plays, to the end of its last packet.
struct StreamTiming {
  Rational start;
  Rational duration;
  bool operator==(const StreamTiming&) const = default;
};

}  // namespace hallmark
