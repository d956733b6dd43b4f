// The only libexif user: capture claims from EXIF (see exif.h).
#include "media/exif.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include <libexif/exif-data.h>
#include <libexif/exif-utils.h>

#include "hallmark/sha256.h"
#include "library_versions.h"
#include "text.h"

namespace hallmark::media::internal {
namespace {

// libexif's size argument is an unsigned int, and EXIF in JPEG is at most 64 KiB; PNG eXIf and
// WebP EXIF have no such limit, so larger blobs are not handed to libexif.
constexpr size_t kMaxExif = 4 << 20;
constexpr size_t kMaxText = 256;

struct ExifDataDeleter {
  void operator()(ExifData* d) const { exif_data_unref(d); }
};

ExifEntry* entry(ExifData* d, ExifIfd ifd, int tag) {
  return exif_content_get_entry(d->ifd[ifd], static_cast<ExifTag>(tag));
}

// An ASCII tag up to its first NUL, trailing spaces trimmed (Olympus pads Make with spaces).
// Bytes outside printable ASCII become '?', so the claim is always valid UTF-8 for JSON.
std::optional<std::string> text(ExifEntry* e) {
  if (e == nullptr || e->data == nullptr ||
      (e->format != EXIF_FORMAT_ASCII && e->format != EXIF_FORMAT_UNDEFINED)) {
    return std::nullopt;
  }
  std::string s;
  for (unsigned i = 0; i < e->size && e->data[i] != 0 && s.size() < kMaxText; ++i) {
    const unsigned char c = e->data[i];
    s.push_back(c >= 0x20 && c < 0x7F ? char(c) : '?');
  }
  while (!s.empty() && s.back() == ' ') {
    s.pop_back();
  }
  if (s.empty()) {
    return std::nullopt;
  }
  return s;
}

// Degrees from a GPS position: three RATIONALs (degrees, minutes, seconds). 0/0 counts as 0
// (Nikon writes 0/0 seconds); any other zero denominator makes the value unusable.
std::optional<double> degrees(ExifEntry* e, ExifByteOrder order) {
  if (e == nullptr || e->data == nullptr || e->format != EXIF_FORMAT_RATIONAL ||
      e->components < 3 || e->size < 24) {
    return std::nullopt;
  }
  double parts[3];
  for (int i = 0; i < 3; ++i) {
    const ExifRational r = exif_get_rational(e->data + 8 * i, order);
    if (r.denominator == 0) {
      if (r.numerator != 0) {
        return std::nullopt;
      }
      parts[i] = 0;
    } else {
      parts[i] = double(r.numerator) / double(r.denominator);
    }
  }
  return parts[0] + parts[1] / 60.0 + parts[2] / 3600.0;
}

char ref(ExifEntry* e) {
  if (e == nullptr || e->data == nullptr || e->size < 1) {
    return 0;
  }
  return char(e->data[0]);
}

// A free-text tag (caption, artist, copyright) as a claim: UTF-8 in practice, whatever the
// standard says.
std::optional<std::string> free_text(ExifEntry* e) {
  if (e == nullptr || e->data == nullptr ||
      (e->format != EXIF_FORMAT_ASCII && e->format != EXIF_FORMAT_UNDEFINED)) {
    return std::nullopt;
  }
  return claim_text(std::string_view(reinterpret_cast<const char*>(e->data), e->size));
}

void read_location(ExifData* d, ExifByteOrder order, bool include_location, Claims& c) {
  ExifEntry* lat_e = entry(d, EXIF_IFD_GPS, 0x0002);
  ExifEntry* lon_e = entry(d, EXIF_IFD_GPS, 0x0004);
  if (lat_e == nullptr || lon_e == nullptr) {
    return;
  }
  c.location_present = true;
  if (!include_location) {
    return;
  }
  std::optional<double> lat = degrees(lat_e, order);
  std::optional<double> lon = degrees(lon_e, order);
  if (!lat || !lon || *lat > 90 || *lon > 180 || (*lat == 0 && *lon == 0)) {
    return;  // Unusable, or the 0,0 placeholder some phones write without a fix.
  }
  if (ref(entry(d, EXIF_IFD_GPS, 0x0001)) == 'S') {
    *lat = -*lat;
  }
  if (ref(entry(d, EXIF_IFD_GPS, 0x0003)) == 'W') {
    *lon = -*lon;
  }
  char buf[96];
  std::snprintf(buf, sizeof buf, "%.6f,%.6f", *lat, *lon);
  std::string location = buf;
  ExifEntry* alt_e = entry(d, EXIF_IFD_GPS, 0x0006);
  if (alt_e != nullptr && alt_e->data != nullptr && alt_e->format == EXIF_FORMAT_RATIONAL &&
      alt_e->size >= 8) {
    const ExifRational r = exif_get_rational(alt_e->data, order);
    if (r.denominator != 0) {
      double alt = double(r.numerator) / double(r.denominator);
      ExifEntry* alt_ref = entry(d, EXIF_IFD_GPS, 0x0005);
      if (alt_ref != nullptr && alt_ref->data != nullptr && alt_ref->size >= 1 &&
          alt_ref->data[0] == 1) {
        alt = -alt;
      }
      std::snprintf(buf, sizeof buf, ",%.1f", alt);
      location += buf;
    }
  }
  c.location = std::move(location);
}

}  // namespace

ExifFacts read_exif(ByteView tiff, bool include_location) {
  ExifFacts facts;
  if (tiff.size() < 8 || tiff.size() > kMaxExif) {
    return facts;
  }
  // libexif wants the "Exif\0\0" header in front of the TIFF data.
  std::vector<unsigned char> blob(6 + tiff.size());
  std::memcpy(blob.data(), "Exif\0\0", 6);
  std::memcpy(blob.data() + 6, tiff.data(), tiff.size());

  std::unique_ptr<ExifData, ExifDataDeleter> d(exif_data_new());
  if (!d) {
    return facts;
  }
  // Read what is there: no tags added or "fixed" (FOLLOW_SPECIFICATION), none dropped.
  exif_data_unset_option(d.get(), EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
  exif_data_unset_option(d.get(), EXIF_DATA_OPTION_IGNORE_UNKNOWN_TAGS);
  exif_data_load_data(d.get(), blob.data(), static_cast<unsigned int>(blob.size()));
  for (int i = 0; i < EXIF_IFD_COUNT; ++i) {
    facts.parsed = facts.parsed || (d->ifd[i] != nullptr && d->ifd[i]->count > 0);
  }
  if (!facts.parsed) {
    return facts;
  }
  const ExifByteOrder order = exif_data_get_byte_order(d.get());
  Claims& c = facts.claims;
  for (const ClaimField& f : claim_fields()) {
    if (f.exif_ifd == ClaimField::ExifIfd::kNone || f.text == nullptr) {
      continue;
    }
    ExifEntry* e =
        entry(d.get(), f.exif_ifd == ClaimField::ExifIfd::kIfd0 ? EXIF_IFD_0 : EXIF_IFD_EXIF,
              static_cast<ExifTag>(f.exif_tag));
    c.*f.text = f.free_text ? free_text(e) : text(e);
  }
  if (ExifEntry* e = entry(d.get(), EXIF_IFD_0, EXIF_TAG_ORIENTATION);
      e != nullptr && e->data != nullptr && e->format == EXIF_FORMAT_SHORT && e->size >= 2) {
    const uint64_t o = exif_get_short(e->data, order);
    if (o >= 1 && o <= 8) {
      c.orientation = o;  // Viewers ignore other values, and so does the claim.
    }
  }
  if (d->data != nullptr && d->size > 0) {
    c.thumbnail = digest_id(sha256(ByteView(reinterpret_cast<const std::byte*>(d->data), d->size)));
  }
  read_location(d.get(), order, include_location, c);
  return facts;
}

std::optional<std::string> claim_text(std::string_view raw) {
  const size_t nul = raw.find('\0');
  if (nul != std::string_view::npos) {
    raw = raw.substr(0, nul);
  }
  std::string s = text::to_valid_utf8(raw);
  if (s.size() > kMaxClaimText) {
    size_t cut = kMaxClaimText;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) {
      --cut;
    }
    s.resize(cut);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) {
    s.pop_back();
  }
  if (s.empty()) {
    return std::nullopt;
  }
  return s;
}

std::string libexif_version() {
#ifdef HALLMARK_LIBEXIF_VERSION
  return HALLMARK_LIBEXIF_VERSION;
#else
  return "unknown";
#endif
}

}  // namespace hallmark::media::internal
