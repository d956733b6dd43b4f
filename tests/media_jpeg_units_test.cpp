// The JPEG segmenter (src/media/jpeg.cpp): units, metadata segments, damage.
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

// JPEG

const Bytes kQ0 = cat({bytes({0x00}), filled(64, 1, 1)});
const Bytes kQ1 = cat({bytes({0x01}), filled(64, 2, 1)});
const Bytes kHuff = cat({bytes({0x00, 1}), Bytes(15, std::byte{0}), bytes({0x05})});  // DC0
const Bytes kSof = bytes({0x08, 0x00, 0x10, 0x00, 0x20, 0x01, 0x01, 0x11, 0x00});
const Bytes kSosHeader = bytes({0x01, 0x01, 0x00, 0x00, 0x3F, 0x00});
// Entropy-coded data with a stuffed 0xFF00 and a restart marker inside.
const Bytes kEcs = bytes({0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD0, 0x78, 0x9A});

Bytes segment(int marker, const Bytes& payload) {
  return cat({bytes({0xFF, marker}), be(payload.size() + 2, 2), payload});
}

Bytes jpeg(bool split_tables, const Bytes& extra_app, const Bytes& garbage, const Bytes& trailer) {
  const Bytes dqt =
      split_tables ? cat({segment(0xDB, kQ0), segment(0xDB, kQ1)}) : segment(0xDB, cat({kQ0, kQ1}));
  return cat({bytes({0xFF, 0xD8}), segment(0xE0, text("JFIF\0\x01\x01")), extra_app, garbage, dqt,
              segment(0xC0, kSof), segment(0xC4, kHuff), segment(0xDA, kSosHeader), kEcs,
              bytes({0xFF, 0xD9}), trailer});
}

std::vector<Digest> jpeg_leaves_by_spec() {
  return {H({bytes({0}), bytes({0xDB}), kQ0}), H({bytes({0}), bytes({0xDB}), kQ1}),
          H({bytes({0}), bytes({0xC0}), kSof}), H({bytes({0}), bytes({0xC4}), kHuff}),
          H({bytes({0}), bytes({0xDA}), kSosHeader, kEcs})};
}

TEST_CASE("media: JPEG units are the tables, frame and scan, whatever the segment layout") {
  const auto plain = internal::segment_jpeg(jpeg(false, {}, {}, {}));
  REQUIRE(plain.ok());
  CHECK(plain->leaves == jpeg_leaves_by_spec());
  CHECK(plain->unit_names ==
        std::vector<std::string>{"DQT 0", "DQT 1", "SOF0", "DHT DC0", "scan 0"});
  CHECK(plain->width == 32);
  CHECK(plain->height == 16);
  CHECK(plain->warnings.empty());
  CHECK_FALSE(plain->trailer);

  // Tables split into two segments, an extra APP1 and COM, stray bytes before a marker (as in
  // extraneous-bytes-before-marker.jpg) and a trailer: same units.
  const Bytes app1 = cat({segment(0xE1, text("http://ns.adobe.com/xap/1.0/\0<x/>")),
                          segment(0xFE, text("a comment"))});
  const auto other = internal::segment_jpeg(jpeg(true, app1, bytes({0x00, 0x11}), text("MPF!")));
  REQUIRE(other.ok());
  CHECK(other->leaves == plain->leaves);
  CHECK(other->metadata != plain->metadata);
  REQUIRE(other->warnings.size() == 1);
  CHECK(other->warnings[0] == "jpeg: 2 extraneous bytes before marker 0xdb at offset 65");
  REQUIRE(other->trailer);
  CHECK(*other->trailer == H({bytes({0}), text("MPF!")}));
  CHECK(other->trailer_size == 4);
}

TEST_CASE("media: JPEG EXIF, ICC and Adobe segments are found for claims and rendering") {
  const Bytes exif = cat({text("Exif"), bytes({0, 0}), text("MM\0*"), be(8, 4), be(0, 2)});
  const Bytes icc1 = cat({text("ICC_PROFILE"), bytes({0, 1, 2}), text("abc")});
  const Bytes icc2 = cat({text("ICC_PROFILE"), bytes({0, 2, 2}), text("def")});
  const Bytes adobe = cat({text("Adobe"), bytes({0, 100, 0, 0, 0, 0, 2})});
  const Bytes app =
      cat({segment(0xE1, exif), segment(0xE2, icc1), segment(0xE2, icc2), segment(0xEE, adobe)});
  const Bytes file = jpeg(false, app, {}, {});  // The EXIF views point into it.
  const auto seg = internal::segment_jpeg(file);
  REQUIRE(seg.ok());
  CHECK(seg->leaves == jpeg_leaves_by_spec());
  REQUIRE(seg->exif.size() == 1);
  CHECK(Bytes(seg->exif[0].begin(), seg->exif[0].end()) == Bytes(exif.begin() + 6, exif.end()));
  REQUIRE(seg->rendering.size() == 2);
  CHECK(seg->rendering[0] == std::make_pair(std::string("adobe"), sha256(adobe)));
  CHECK(seg->rendering[1] == std::make_pair(std::string("icc"), sha256(text("abcdef"))));
}

TEST_CASE("media: a JPEG bit flip in the scan changes only the scan unit") {
  Bytes file = jpeg(false, {}, {}, {});
  const auto before = internal::segment_jpeg(file);
  file[file.size() - 4] ^= std::byte{0x01};  // Inside the entropy-coded data.
  const auto after = internal::segment_jpeg(file);
  REQUIRE(before.ok());
  REQUIRE(after.ok());
  for (size_t i = 0; i + 1 < before->leaves.size(); ++i) {
    CHECK(before->leaves[i] == after->leaves[i]);
  }
  CHECK(before->leaves.back() != after->leaves.back());
}

TEST_CASE("media: damaged JPEGs are refused or bound with a warning, never misread") {
  const Bytes good = jpeg(false, {}, {}, {});
  // Truncated in the scan: bound, with a warning; the scan leaf covers what is there.
  const auto cut = internal::segment_jpeg(ByteView(good).first(good.size() - 3));
  REQUIRE(cut.ok());
  CHECK(cut->warnings == std::vector<std::string>{"jpeg: no EOI marker (truncated)"});
  CHECK(cut->leaves.back() ==
        H({bytes({0}), bytes({0xDA}), kSosHeader, Bytes(kEcs.begin(), kEcs.end() - 1)}));
  struct Case {
    Bytes file;
    const char* message;
  } cases[] = {
      {bytes({0xFF, 0xD9}), "jpeg: no SOI marker at the start"},
      {Bytes(good.begin(), good.begin() + 30),
       "jpeg: segment 0xdb at offset 13: length 132 runs "
       "past the end of the file"},
      {cat({bytes({0xFF, 0xD8}), segment(0xE0, text("JFIF")), bytes({0xFF, 0xD9})}),
       "jpeg: no frame header (SOFn)"},
      {cat({bytes({0xFF, 0xD8, 0xFF, 0xD8})}), "jpeg: second SOI marker at offset 2"},
      {cat({bytes({0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x01})}),
       "jpeg: segment 0xdb at offset 2: length 1 too small"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.message);
    const auto r = internal::segment_jpeg(c.file);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Code::kCorrupt);
    CHECK(r.status().message() == c.message);
  }
}

}  // namespace
}  // namespace hallmark::media
