// Format detection by content (src/media/detect.cpp).
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

// Detection

TEST_CASE("media: formats are recognised by content") {
  struct Case {
    Bytes head;
    Family family;
    const char* name;
  } cases[] = {
      {bytes({0xFF, 0xD8, 0xFF, 0xE0}), Family::kJpeg, "jpeg"},
      {cat({text("\x89PNG\r\n\x1a\n")}), Family::kPng, "png"},
      {cat({text("RIFF"), le(100, 4), text("WEBPVP8 ")}), Family::kWebp, "webp"},
      {cat({text("RIFF"), le(100, 4), text("WAVEfmt ")}), Family::kAv, "wav"},
      {cat({be(24, 4), text("ftypisom"), be(512, 4), text("isomiso2")}), Family::kAv, "mp4"},
      {cat({be(20, 4), text("ftypqt  "), be(0, 4), text("qt  ")}), Family::kAv, "mov"},
      {cat({be(24, 4), text("ftypheic"), be(0, 4), text("mif1heic")}), Family::kUnsupported,
       "heif"},
      {cat({be(24, 4), text("ftypavif"), be(0, 4), text("avifmif1")}), Family::kUnsupported,
       "avif"},
      {cat({bytes({0x1A, 0x45, 0xDF, 0xA3, 0x9F}), text("B\x82\x84webm")}), Family::kAv, "webm"},
      {cat({text("FLV\x01\x05")}), Family::kAv, "flv"},
      {cat({text("OggS")}), Family::kAv, "ogg"},
      {cat({text("ID3"), bytes({4, 0, 0, 0, 0, 0, 0})}), Family::kAv, "mp3"},
      {cat({kStart4, kSps}), Family::kAv, "h264"},
      {cat({text("GIF89a")}), Family::kUnsupported, "gif"},
      {cat({text("hello, world\n")}), Family::kUnknown, ""},
      {Bytes{}, Family::kUnknown, ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const internal::Detected d = internal::detect_format(c.head);
    CHECK(d.family == c.family);
    CHECK(d.name == c.name);
  }
  // MPEG-TS: sync bytes every 188 bytes; one missing one is not TS.
  Bytes ts(188 * 4, std::byte{0x11});
  for (size_t i = 0; i < ts.size(); i += 188) {
    ts[i] = std::byte{0x47};
  }
  CHECK(internal::detect_format(ts).name == "mpegts");
  ts[376] = std::byte{0};
  CHECK(internal::detect_format(ts).family == Family::kUnknown);
}

}  // namespace
}  // namespace hallmark::media
