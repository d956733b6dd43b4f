// Reads capture claims from an EXIF blob with libexif (the only libexif user). Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "hallmark/bytes.h"
#include "hallmark/claims.h"

namespace hallmark::media::internal {

struct ExifFacts {
  Claims claims;        // location filled only when asked for
  bool parsed = false;  // libexif found an EXIF structure
};

// `tiff` is EXIF data starting with the TIFF header ("II*\0" / "MM\0*"), as found after
// "Exif\0\0" in JPEG APP1, in a PNG eXIf chunk or a WebP EXIF chunk. libexif loads it with
// EXIF_DATA_OPTION_FOLLOW_SPECIFICATION and IGNORE_UNKNOWN_TAGS unset, so nothing is added or
// "fixed". Never fails: unreadable data gives parsed == false and empty claims.
ExifFacts read_exif(ByteView tiff, bool include_location);

// Text from a file's metadata as a claim: valid UTF-8 (other bytes become U+FFFD), trailing
// spaces and NULs trimmed, at most kMaxClaimText bytes (cut at a character boundary); nullopt
// when nothing is left.
std::optional<std::string> claim_text(std::string_view raw);

}  // namespace hallmark::media::internal
