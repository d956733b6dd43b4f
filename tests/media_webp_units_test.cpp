// The WebP segmenter (src/media/webp.cpp): image chunks and metadata chunks.
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

// WebP

Bytes riff_chunk(std::string_view fourcc, const Bytes& data) {
  Bytes out = cat({text(fourcc), le(data.size(), 4), data});
  if (data.size() % 2 == 1) {
    out.push_back(std::byte{0});
  }
  return out;
}

Bytes webp(const Bytes& chunks) {
  return cat({text("RIFF"), le(chunks.size() + 4, 4), text("WEBP"), chunks});
}

TEST_CASE("media: WebP image chunks are the units; VP8X, EXIF and XMP are not") {
  // A VP8 key frame header for 320x240, odd-sized so the chunk is padded.
  const Bytes vp8 =
      cat({bytes({0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A}), le(320, 2), le(240, 2), filled(11, 3, 9)});
  const Bytes exif = cat({text("MM\0*"), be(8, 4), be(0, 2)});
  const auto plain = internal::segment_webp(webp(riff_chunk("VP8 ", vp8)));
  const Bytes extended_file = webp(  // The EXIF view points into it.
      cat({riff_chunk("VP8X", cat({bytes({0x08, 0, 0, 0}), le(319, 3), le(239, 3)})),
           riff_chunk("VP8 ", vp8), riff_chunk("EXIF", exif), riff_chunk("XMP ", text("<x/>"))}));
  const auto extended = internal::segment_webp(extended_file);
  REQUIRE(plain.ok());
  REQUIRE(extended.ok());
  CHECK(plain->leaves == std::vector<Digest>{H({bytes({0}), text("VP8 "), vp8})});
  CHECK(plain->unit_names == std::vector<std::string>{"VP8"});
  CHECK(extended->leaves == plain->leaves);
  CHECK(extended->metadata != plain->metadata);
  CHECK(plain->width == 320);
  CHECK(extended->height == 240);
  REQUIRE(extended->exif.size() == 1);
  CHECK(Bytes(extended->exif[0].begin(), extended->exif[0].end()) == exif);

  const Bytes good = webp(riff_chunk("VP8 ", vp8));
  const auto cut = internal::segment_webp(ByteView(good).first(good.size() - 5));
  REQUIRE_FALSE(cut.ok());
  CHECK(cut.status().message() == "webp: VP8  chunk at offset 12: truncated (21 bytes declared)");
  const auto none = internal::segment_webp(webp(riff_chunk("EXIF", exif)));
  REQUIRE_FALSE(none.ok());
  CHECK(none.status().message() == "webp: no image chunk (VP8, VP8L or ANMF)");
}

}  // namespace
}  // namespace hallmark::media
