#include "hallmark/claims.h"

#include <cmath>
#include <cstdlib>

namespace hallmark {
namespace {

using Type = ClaimField::Type;

// "2010:12:12 12:00:00" (EXIF) as "2010-12-12 12:00", seconds kept when not zero; any other
// text as it is.
std::string date_for_people(const std::string& s) {
  const bool exif =
      s.size() == 19 && s[4] == ':' && s[7] == ':' && s[10] == ' ' && s[13] == ':' && s[16] == ':';
  if (!exif) {
    return s;
  }
  std::string out =
      s.substr(0, 4) + "-" + s.substr(5, 2) + "-" + s.substr(8, 2) + " " + s.substr(11, 5);
  if (s.substr(17, 2) != "00") {
    out += s.substr(16, 3);
  }
  return out;
}

std::string orientation_for_people(uint64_t o) {
  static const char* const kMeaning[] = {"",
                                         "as stored",
                                         "mirrored",
                                         "rotated 180°",
                                         "upside down and mirrored",
                                         "mirrored and rotated 270°",
                                         "rotated 90°",
                                         "mirrored and rotated 90°",
                                         "rotated 270°"};
  return std::to_string(o) + (o >= 1 && o <= 8 ? std::string(" (") + kMeaning[o] + ")" : "");
}

// Free text is quoted (and cut) when shown; names, dates and numbers are not.
bool quoted(std::string_view field) {
  return field == "caption" || field == "description" || field == "artist" ||
         field == "copyright" || field == "software";
}

std::string shown(std::string_view field, const std::string& value) {
  if (field == "captured") {
    return date_for_people(value);
  }
  if (field == "orientation") {
    return orientation_for_people(std::strtoull(value.c_str(), nullptr, 10));
  }
  if (!quoted(field)) {
    return value;
  }
  std::string v = value;
  if (v.size() > 80) {
    size_t cut = 77;
    while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) {
      --cut;  // Not inside a UTF-8 sequence.
    }
    v = v.substr(0, cut) + "…";
  }
  return "\"" + v + "\"";
}

std::optional<std::string> joined(const std::optional<std::string>& a,
                                  const std::optional<std::string>& b) {
  if (!a && !b) {
    return std::nullopt;
  }
  if (!a || !b) {
    return a ? a : b;
  }
  // Most cameras repeat the make in the model ("Canon" + "Canon EOS 5D").
  if (b->rfind(*a, 0) == 0) {
    return b;
  }
  return *a + " " + *b;
}

void add_change(std::vector<ClaimChange>& out, std::string field, std::string label,
                const std::optional<std::string>& before, const std::optional<std::string>& after) {
  if (before == after) {
    return;
  }
  ClaimChange c;
  c.field = std::move(field);
  c.label = std::move(label);
  c.kind = !before  ? ClaimChange::Kind::kAdded
           : !after ? ClaimChange::Kind::kRemoved
                    : ClaimChange::Kind::kAltered;
  c.before = before;
  c.after = after;
  out.push_back(std::move(c));
}

}  // namespace

const std::vector<ClaimField>& claim_fields() {
  using enum ClaimField::ExifIfd;
  using enum ClaimField::Type;
  // The EXIF tag numbers are TIFF/EXIF 2.32's; the container tags FFmpeg's names for them.
  static const std::vector<ClaimField> kFields = {
      {.name = "make",
       .label = "camera make",
       .text = &Claims::make,
       .exif_ifd = kIfd0,
       .exif_tag = 0x010F,
       .av_tags = {"com.apple.quicktime.make", "com.android.manufacturer", "make"}},
      {.name = "model",
       .label = "camera model",
       .text = &Claims::model,
       .exif_ifd = kIfd0,
       .exif_tag = 0x0110,
       .av_tags = {"com.apple.quicktime.model", "com.android.model", "model"}},
      {.name = "software",
       .label = "software",
       .text = &Claims::software,
       .exif_ifd = kIfd0,
       .exif_tag = 0x0131,
       .av_tags = {"com.apple.quicktime.software", "software"}},
      {.name = "captured",
       .label = "capture date",
       .text = &Claims::captured,
       .exif_ifd = kExif,
       .exif_tag = 0x9003,
       .av_tags = {"com.apple.quicktime.creationdate", "creation_time"}},
      // Documented from the start, but no version-1 signer wrote it.
      {.name = "captured_offset",
       .label = "capture time zone",
       .since = 2,
       .text = &Claims::captured_offset,
       .exif_ifd = kExif,
       .exif_tag = 0x9011,
       .av_tags = {}},
      // IPTC Caption-Abstract (src/media/iptc.cpp).
      {.name = "caption",
       .label = "caption",
       .since = 2,
       .text = &Claims::caption,
       .free_text = true,
       .av_tags = {}},
      {.name = "description",
       .label = "description",
       .since = 2,
       .text = &Claims::description,
       .free_text = true,
       .exif_ifd = kIfd0,
       .exif_tag = 0x010E,
       .av_tags = {"description", "comment"}},
      {.name = "artist",
       .label = "artist",
       .since = 2,
       .text = &Claims::artist,
       .free_text = true,
       .exif_ifd = kIfd0,
       .exif_tag = 0x013B,
       .av_tags = {"artist"}},
      {.name = "copyright",
       .label = "copyright",
       .since = 2,
       .text = &Claims::copyright,
       .free_text = true,
       .exif_ifd = kIfd0,
       .exif_tag = 0x8298,
       .av_tags = {"copyright"}},
      // The digest of the IFD1 thumbnail's bytes (src/media/exif.cpp).
      {.name = "thumbnail",
       .label = "EXIF thumbnail",
       .since = 2,
       .text = &Claims::thumbnail,
       .av_tags = {}},
      // A SHORT 1..8 (src/media/exif.cpp).
      {.name = "orientation",
       .label = "orientation",
       .type = kOrientation,
       .number = &Claims::orientation,
       .av_tags = {}},
  };
  return kFields;
}

bool Claims::empty() const {
  for (const ClaimField& f : claim_fields()) {
    if ((f.text != nullptr && this->*f.text) || (f.number != nullptr && this->*f.number)) {
      return false;
    }
  }
  return !location_present && !location;
}

bool valid_location(std::string_view s) {
  std::string text(s);
  const char* p = text.c_str();
  double v[3] = {};
  int n = 0;
  while (n < 3) {
    char* end = nullptr;
    v[n] = std::strtod(p, &end);
    if (end == p || !std::isfinite(v[n])) {
      return false;
    }
    ++n;
    p = end;
    if (*p == '\0') {
      break;
    }
    if (*p != ',') {
      return false;
    }
    ++p;
  }
  return *p == '\0' && n >= 2 && std::fabs(v[0]) <= 90 && std::fabs(v[1]) <= 180;
}

std::string ClaimChange::describe() const {
  if (field == "thumbnail") {
    return kind == Kind::kAdded     ? "EXIF thumbnail added"
           : kind == Kind::kRemoved ? "EXIF thumbnail removed"
                                    : "EXIF thumbnail replaced";
  }
  if (field == "location" && (!before || !after)) {
    return kind == Kind::kAdded ? "location added" : "location removed";
  }
  switch (kind) {
    case Kind::kAdded:
      return label + " added" + (after ? ": " + shown(field, *after) : "");
    case Kind::kRemoved:
      return label + " removed";
    case Kind::kAltered:
      break;
  }
  // The old orientation as a number: "orientation 1 → 6 (rotated 90°)".
  const std::string old_value =
      field == "orientation" ? before.value_or("") : shown(field, before.value_or(""));
  return label + " " + old_value + " → " + shown(field, after.value_or(""));
}

std::vector<ClaimChange> compare_claims(const Claims& s, const Claims& a, unsigned version) {
  std::vector<ClaimChange> out;
  if (s.make != a.make || s.model != a.model) {
    add_change(out, "camera", "camera", joined(s.make, s.model), joined(a.make, a.model));
  }
  for (const ClaimField& f : claim_fields()) {
    if (f.since > version || f.name == "make" || f.name == "model") {
      continue;
    }
    if (f.type == Type::kOrientation) {
      const auto text = [&](const Claims& c) -> std::optional<std::string> {
        const std::optional<uint64_t>& o = c.*f.number;
        return o ? std::optional<std::string>(std::to_string(*o)) : std::nullopt;
      };
      add_change(out, std::string(f.name), std::string(f.label), text(s), text(a));
      continue;
    }
    add_change(out, std::string(f.name), std::string(f.label), s.*f.text, a.*f.text);
  }
  if (s.location_present != a.location_present) {
    add_change(out, "location", "location",
               s.location_present ? std::optional<std::string>("") : std::nullopt,
               a.location_present ? std::optional<std::string>("") : std::nullopt);
    out.back().before.reset();
    out.back().after.reset();
  } else if (s.location && a.location && *s.location != *a.location) {
    add_change(out, "location", "location", s.location, a.location);
  }
  return out;
}

}  // namespace hallmark
