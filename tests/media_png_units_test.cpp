// The PNG segmenter (src/media/png.cpp): IDAT, text, rendering chunks, damage.
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

// PNG

// CRC-32 bit by bit (the test's own, not the table-driven one in png.cpp).
uint32_t slow_crc32(ByteView data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (std::byte b : data) {
    crc ^= uint8_t(b);
    for (int k = 0; k < 8; ++k) {
      crc = (crc >> 1) ^ ((crc & 1) != 0 ? 0xEDB88320u : 0);
    }
  }
  return ~crc;
}

Bytes chunk(std::string_view type, const Bytes& data) {
  const Bytes body = cat({text(type), data});
  return cat({be(data.size(), 4), body, be(slow_crc32(body), 4)});
}

const Bytes kIhdr = cat({be(16, 4), be(8, 4), bytes({8, 2, 0, 0, 0})});
const Bytes kIdat = filled(100, 0x78, 3);

Bytes png(std::initializer_list<size_t> idat_cuts, const Bytes& extra, const Bytes& trailer = {}) {
  Bytes out = cat({text("\x89PNG\r\n\x1a\n"), chunk("IHDR", kIhdr), extra});
  size_t from = 0;
  for (size_t cut : idat_cuts) {
    out = cat({out, chunk("IDAT", Bytes(kIdat.begin() + long(from), kIdat.begin() + long(cut)))});
    from = cut;
  }
  out = cat({out, chunk("IDAT", Bytes(kIdat.begin() + long(from), kIdat.end())), chunk("IEND", {}),
             trailer});
  return out;
}

TEST_CASE("media: PNG IDAT is one unit however it is chunked; text chunks are metadata") {
  const auto one = internal::segment_png(png({}, {}));
  const auto many = internal::segment_png(
      png({1, 2, 50, 99}, cat({chunk("tEXt", text("Comment\0hi")), chunk("tIME", filled(7, 1, 1))}),
          text("after")));
  REQUIRE(one.ok());
  REQUIRE(many.ok());
  const std::vector<Digest> want = {H({bytes({0}), text("IHDR"), kIhdr}),
                                    H({bytes({0}), text("IDAT"), kIdat})};
  CHECK(one->leaves == want);
  CHECK(many->leaves == want);
  CHECK(one->unit_names == std::vector<std::string>{"IHDR", "IDAT"});
  CHECK(one->width == 16);
  CHECK(one->height == 8);
  CHECK(one->metadata != many->metadata);
  CHECK_FALSE(one->trailer);
  REQUIRE(many->trailer);
  CHECK(many->trailer_size == 5);
}

TEST_CASE("media: PNG rendering chunks and eXIf are collected, palettes are content") {
  const Bytes plte = filled(9, 10, 20);
  const Bytes file = png(  // The eXIf view points into it.
      {}, cat({chunk("gAMA", be(45455, 4)), chunk("PLTE", plte), chunk("eXIf", text("MM\0*"))}));
  const auto seg = internal::segment_png(file);
  REQUIRE(seg.ok());
  CHECK(seg->unit_names == std::vector<std::string>{"IHDR", "PLTE", "IDAT"});
  CHECK(seg->leaves[1] == H({bytes({0}), text("PLTE"), plte}));
  REQUIRE(seg->rendering.size() == 1);
  CHECK(seg->rendering[0] == std::make_pair(std::string("gAMA"), sha256(be(45455, 4))));
  REQUIRE(seg->exif.size() == 1);
  CHECK(as_chars(seg->exif[0]) == std::string_view("MM\0*", 4));
}

TEST_CASE("media: damaged PNGs are refused with the chunk and offset named") {
  Bytes bad_crc = png({}, {});
  bad_crc[8 + 8 + 3] ^= std::byte{1};  // A byte of IHDR's data.
  Bytes bad_type = png({}, {});
  bad_type[8 + 4] = std::byte{'1'};
  const Bytes good = png({}, {});
  struct Case {
    Bytes file;
    const char* message;
  } cases[] = {
      {text("\x89PNG\r\n\x1a\x0b"), "png: bad signature"},
      {bad_crc, "png: IHDR at offset 8: CRC mismatch"},
      {bad_type, "png: chunk at offset 8: bad chunk type"},
      {Bytes(good.begin(), good.begin() + 40), "png: chunk at offset 33: truncated"},
      {Bytes(good.begin(), good.begin() + 60),
       "png: IDAT at offset 33: truncated (100 bytes of "
       "data declared)"},
      {cat({text("\x89PNG\r\n\x1a\n"), chunk("IHDR", kIhdr), chunk("IEND", {})}),
       "png: no IDAT chunk"},
      {cat({text("\x89PNG\r\n\x1a\n"), chunk("IDAT", kIdat)}),
       "png: first chunk is IDAT, not IHDR"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.message);
    const auto r = internal::segment_png(c.file);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Code::kCorrupt);
    CHECK(r.status().message() == c.message);
  }
  // No IEND: bound, with a warning.
  const auto cut = internal::segment_png(ByteView(good).first(good.size() - 12));
  REQUIRE(cut.ok());
  CHECK(cut->warnings == std::vector<std::string>{"png: no IEND chunk (truncated)"});
}

}  // namespace
}  // namespace hallmark::media
