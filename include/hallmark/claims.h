// Capture claims: what a file's own metadata says about it -- camera, capture time, caption,
// thumbnail, orientation, location. The media binding reads them from the file (EXIF, IPTC,
// container tags); the manifest signs them; a verifier compares the signed claims with what
// the file says now. They are claims, not facts: a file says what its writer put there.
//
// claim_fields() is the one description of every claim: the manifest's writer and parser,
// `inspect` and the comparison all walk it, so a field cannot be known to one and not another.
// Values; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hallmark {

struct Claims {
  std::optional<std::string> make;      // EXIF Make, trimmed; QuickTime/Android make.
  std::optional<std::string> model;     // EXIF Model, trimmed.
  std::optional<std::string> software;  // EXIF Software.
  // EXIF DateTimeOriginal exactly as written ("2024:05:17 14:03:22"); no time zone invented.
  // Video: com.apple.quicktime.creationdate, else the container's creation_time tag.
  std::optional<std::string> captured;
  std::optional<std::string> captured_offset;  // EXIF OffsetTimeOriginal ("+02:00").
  std::optional<std::string> caption;          // IPTC Caption-Abstract (news photos).
  // EXIF ImageDescription; for audio and video the "description" tag, else "comment".
  std::optional<std::string> description;
  // EXIF Artist, else IPTC By-line; for audio and video the "artist" tag.
  std::optional<std::string> artist;
  // EXIF Copyright, else IPTC Copyright Notice; for audio and video the "copyright" tag.
  std::optional<std::string> copyright;
  // The EXIF thumbnail (IFD1) as "sha256:<hex>" of its bytes.
  std::optional<std::string> thumbnail;
  std::optional<uint64_t> orientation;  // EXIF Orientation, 1..8 (other values are not kept).
  // The file carries a position (EXIF GPS latitude/longitude, QuickTime/3GPP location).
  bool location_present = false;
  // "lat,lon" or "lat,lon,alt": decimal degrees (6 decimals, south/west negative) and metres.
  // Only when the signer asked for it (a signed manifest is public; a position is personal).
  std::optional<std::string> location;

  // The file had a position that was not copied: the manifest says "location_redacted".
  bool location_redacted() const { return location_present && !location; }
  bool empty() const;
  bool operator==(const Claims&) const = default;
};

// One claim, as the manifest names it and people read it.
struct ClaimField {
  enum class Type { kText, kOrientation };
  std::string_view name;   // Manifest member: "captured".
  std::string_view label;  // For people: "capture date".
  Type type = Type::kText;
  // The media binding version that first records it: a field absent from a manifest of an
  // older binding says nothing about the file.
  unsigned since = 1;
  std::optional<std::string> Claims::*text = nullptr;  // kText
  std::optional<uint64_t> Claims::*number = nullptr;   // kOrientation
  // Where the media binding reads it. Free text keeps its UTF-8 (a caption is rarely ASCII);
  // names and dates are kept as printable ASCII.
  bool free_text = false;
  enum class ExifIfd { kNone, kIfd0, kExif };
  ExifIfd exif_ifd = ExifIfd::kNone;  // kNone: not an EXIF tag (IPTC, the thumbnail).
  uint16_t exif_tag = 0;
  // Audio and video container tags, the first present wins ("com.apple.quicktime.make").
  std::vector<std::string_view> av_tags;
};

// Every claim except the location, which is special (its value is signed only when asked for,
// its presence always). In manifest order.
const std::vector<ClaimField>& claim_fields();

// The longest text a claim may hold, in bytes; longer values are cut (at a character
// boundary) when read from a file, and refused when parsed from a manifest.
constexpr size_t kMaxClaimText = 1024;

// True for "lat,lon" or "lat,lon,alt" with |lat| <= 90 and |lon| <= 180.
bool valid_location(std::string_view location);

// How one claim of a file differs from the signed one.
struct ClaimChange {
  enum class Kind {
    kRemoved,  // Signed, and no longer in the file (stripped: what platforms do).
    kAdded,    // Not in the file when it was signed, in it now.
    kAltered,  // In both, with another value.
  };
  Kind kind = Kind::kAltered;
  std::string field;                         // Manifest name: "captured", "make", "location", ...
  std::string label;                         // "capture date"
  std::optional<std::string> before, after;  // Values for people, when there are values.
  // "capture date 2010-12-12 12:00 → 2020-01-01 12:00", "caption added: \"...\"",
  // "EXIF thumbnail replaced", "orientation 1 → 6 (rotated 90°)".
  std::string describe() const;
};

// The claims of a file now against the signed ones, for a media binding of `version` (fields
// it did not record are skipped). A location is compared by presence, and by value only when
// both carry one. Make and model changed together are reported as one "camera" change.
std::vector<ClaimChange> compare_claims(const Claims& signed_claims, const Claims& now,
                                        unsigned version);

}  // namespace hallmark
