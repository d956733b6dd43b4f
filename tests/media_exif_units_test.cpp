// EXIF claims (src/media/exif.cpp): both byte orders, GPS, unreadable EXIF.
// Hand-built inputs; expected values from hallmark-media(7) (media_unit_bytes.h).
#include <cmath>
#include <initializer_list>

#include "hallmark/media.h"
#include "hallmark/merkle.h"
#include "media/audio.h"
#include "media/detect.h"
#include "media/exif.h"
#include "media/images.h"
#include "media/nal.h"
#include "media_unit_bytes.h"
#include "test_util.h"

namespace hallmark::media {
namespace {

using internal::Family;
using namespace unit_bytes;

// EXIF

// A minimal TIFF/EXIF writer for the tests: IFD0 (with pointers to the EXIF and GPS IFDs),
// values longer than 4 bytes in a data area after the IFDs.
class Tiff {
 public:
  explicit Tiff(bool big_endian) : big_(big_endian) {}
  struct Entry {
    uint16_t tag, type;
    uint32_t count;
    Bytes value;  // Already in the file's byte order.
  };
  Bytes u16(uint32_t v) const { return big_ ? be(v, 2) : le(v, 2); }
  Bytes u32(uint32_t v) const { return big_ ? be(v, 4) : le(v, 4); }
  Entry ascii(uint16_t tag, std::string_view s) const {
    Bytes v = cat({text(s), bytes({0})});
    return {tag, 2, uint32_t(v.size()), v};
  }
  Entry short_(uint16_t tag, uint16_t v) const { return {tag, 3, 1, u16(v)}; }
  Entry byte_(uint16_t tag, uint8_t v) const { return {tag, 1, 1, bytes({v})}; }
  Entry rationals(uint16_t tag, std::initializer_list<std::pair<uint32_t, uint32_t>> rs) const {
    Bytes v;
    for (const auto& [n, d] : rs) {
      v = cat({v, u32(n), u32(d)});
    }
    return {tag, 5, uint32_t(rs.size()), v};
  }

  Bytes build(std::vector<Entry> ifd0, const std::vector<Entry>& exif,
              const std::vector<Entry>& gps) const {
    // Layout: header (8), IFD0, EXIF IFD, GPS IFD, data.
    const auto ifd_size = [](size_t n) { return 2 + 12 * n + 4; };
    const size_t n0 = ifd0.size() + 2;
    const uint32_t exif_at = uint32_t(8 + ifd_size(n0));
    const uint32_t gps_at = uint32_t(exif_at + ifd_size(exif.size()));
    uint32_t data_at = uint32_t(gps_at + ifd_size(gps.size()));
    ifd0.push_back({0x8769, 4, 1, u32(exif_at)});
    ifd0.push_back({0x8825, 4, 1, u32(gps_at)});
    std::sort(ifd0.begin(), ifd0.end(), [](auto& a, auto& b) { return a.tag < b.tag; });
    Bytes data;
    const auto ifd = [&](const std::vector<Entry>& entries) {
      Bytes out = u16(uint32_t(entries.size()));
      for (const Entry& e : entries) {
        out = cat({out, u16(e.tag), u16(e.type), u32(e.count)});
        if (e.value.size() <= 4) {
          Bytes v = e.value;
          v.resize(4, std::byte{0});
          out = cat({out, v});
        } else {
          out = cat({out, u32(data_at + uint32_t(data.size()))});
          data = cat({data, e.value});
        }
      }
      return cat({out, u32(0)});
    };
    const Bytes a = ifd(ifd0), b = ifd(exif), c = ifd(gps);
    return cat({big_ ? text("MM\0*") : text("II*\0"), u32(8), a, b, c, data});
  }

 private:
  bool big_;
};

Bytes sample_exif(bool big_endian, bool zero_seconds) {
  const Tiff t(big_endian);
  return t.build(
      {t.ascii(0x010F, "OLYMPUS IMAGING CORP.   "), t.ascii(0x0110, "E-P3"), t.short_(0x0112, 6),
       t.ascii(0x0131, "Version 1.0")},
      {t.ascii(0x9003, "2011:06:30 13:45:07"), t.ascii(0x9011, "-05:00")},
      {t.ascii(0x0001, "S"),
       t.rationals(0x0002,
                   {{33, 1}, {51, 1}, {zero_seconds ? 0u : 3600u, zero_seconds ? 0u : 100u}}),
       t.ascii(0x0003, "W"), t.rationals(0x0004, {{151, 1}, {12, 1}, {30, 1}}), t.byte_(0x0005, 1),
       t.rationals(0x0006, {{125, 10}})});
}

TEST_CASE("media: EXIF claims are read as written, in both byte orders") {
  for (bool big : {true, false}) {
    CAPTURE(big);
    const Bytes blob = sample_exif(big, false);
    const internal::ExifFacts facts = internal::read_exif(blob, true);
    REQUIRE(facts.parsed);
    const Claims& c = facts.claims;
    CHECK(c.make == "OLYMPUS IMAGING CORP.");  // Padding trimmed.
    CHECK(c.model == "E-P3");
    CHECK(c.software == "Version 1.0");
    CHECK(c.captured == "2011:06:30 13:45:07");  // No time zone invented...
    CHECK(c.captured_offset == "-05:00");        // ...the written offset is kept apart.
    CHECK(c.orientation == 6u);
    CHECK(c.location_present);
    // 33 + 51/60 + 36/3600 = 33.86, south; 151 + 12/60 + 30/3600 = 151.208333, west; -12.5 m.
    CHECK(c.location == "-33.860000,-151.208333,-12.5");
    CHECK_FALSE(c.location_redacted());
  }
}

TEST_CASE("media: GPS is left out unless asked for; 0/0 seconds count as zero") {
  const internal::ExifFacts without = internal::read_exif(sample_exif(true, true), false);
  CHECK(without.claims.location_present);
  CHECK_FALSE(without.claims.location);
  CHECK(without.claims.location_redacted());
  const internal::ExifFacts with = internal::read_exif(sample_exif(true, true), true);
  CHECK(with.claims.location == "-33.850000,-151.208333,-12.5");
}

TEST_CASE("media: unreadable EXIF gives no claims and no failure") {
  for (const Bytes& blob : {Bytes{}, text("MM\0*"), text("garbage that is not tiff"),
                            cat({text("II*\0"), le(0xFFFFFF, 4), Bytes(20, std::byte{0xEE})})}) {
    const internal::ExifFacts facts = internal::read_exif(blob, true);
    CHECK_FALSE(facts.parsed);
    CHECK(facts.claims.empty());
  }
}

}  // namespace
}  // namespace hallmark::media
