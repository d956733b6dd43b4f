// Reads capture claims from an EXIF blob with libexif (the only libexif user). Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "hallmark/bytes.h"
#include "hallmark/media.h"

namespace hallmark::media::internal {

struct ExifFacts {
  CaptureClaims claims;  // location filled only when asked for
  bool parsed = false;   // libexif found an EXIF structure
};

// `tiff` is EXIF data starting with the TIFF header ("II*\0" / "MM\0*"), as found after
// "Exif\0\0" in JPEG APP1, in a PNG eXIf chunk or a WebP EXIF chunk. libexif loads it with
// EXIF_DATA_OPTION_FOLLOW_SPECIFICATION and IGNORE_UNKNOWN_TAGS unset, so nothing is added or
// "fixed". Never fails: unreadable data gives parsed == false and empty claims.
ExifFacts read_exif(ByteView tiff, bool include_location);

}  // namespace hallmark::media::internal
