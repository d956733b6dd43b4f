// Audio units (src/media/audio.cpp): ADTS stripping, PCM blocks, trailing tags.
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

// Audio

// An ADTS header for a frame of `payload` bytes: MPEG-4 AAC LC, 44.1 kHz, stereo.
Bytes adts(size_t payload, bool crc) {
  const size_t len = payload + (crc ? 9 : 7);
  Bytes h = bytes({0xFF, crc ? 0xF0 : 0xF1, 0x50, int(0x80 | ((len >> 11) & 3)),
                   int((len >> 3) & 0xFF), int(((len & 7) << 5) | 0x1F), 0xFC});
  return crc ? cat({h, bytes({0x12, 0x34})}) : h;
}

TEST_CASE("media: ADTS headers (with and without CRC) are stripped, raw AAC is kept") {
  const Bytes p1 = filled(50, 9, 1), p2 = filled(20, 1, 7);
  auto joined = [](const std::vector<ByteView>& parts) {
    Bytes out;
    for (ByteView v : parts) {
      out.insert(out.end(), v.begin(), v.end());
    }
    return out;
  };
  CHECK(joined(internal::aac_payloads(cat({adts(p1.size(), false), p1}))) == p1);
  CHECK(joined(internal::aac_payloads(cat({adts(p1.size(), true), p1}))) == p1);
  CHECK(joined(internal::aac_payloads(
            cat({adts(p1.size(), false), p1, adts(p2.size(), true), p2}))) == cat({p1, p2}));
  CHECK(joined(internal::aac_payloads(p1)) == p1);  // MP4-style raw frame.
  // A header whose length runs past the packet is not a header: nothing is dropped.
  const Bytes bad = cat({adts(500, false), p1});
  CHECK(joined(internal::aac_payloads(bad)) == bad);
}

TEST_CASE("media: PCM leaves are 1-second blocks whatever the packet sizes") {
  const Bytes pcm = filled(10 * 4410 + 123, 5, 11);  // 10.03 "seconds" of 4410-byte blocks
  std::vector<Digest> want;
  for (size_t off = 0; off < pcm.size(); off += 4410) {
    const size_t n = std::min<size_t>(4410, pcm.size() - off);
    want.push_back(H({bytes({0}), Bytes(pcm.begin() + long(off), pcm.begin() + long(off + n))}));
  }
  for (size_t packet : {size_t(1), size_t(1000), size_t(4410), size_t(7777), pcm.size()}) {
    CAPTURE(packet);
    internal::PcmBlocker blocker(4410);
    std::vector<Digest> got;
    auto sink = [&](const Digest& d) { got.push_back(d); };
    for (size_t off = 0; off < pcm.size(); off += packet) {
      blocker.feed(ByteView(pcm).subspan(off, std::min(packet, pcm.size() - off)), sink);
    }
    blocker.finish(sink);
    CHECK(got == want);
  }
}

TEST_CASE("media: tags appended to MP3/AAC files are found from the end") {
  const Bytes audio = filled(3000, 0xFF, 0);
  const Bytes id3v1 = cat({text("TAG"), Bytes(125, std::byte{0x20})});
  const Bytes ape_items = filled(40, 'a', 0);
  // APEv2 with header: header (32) + items + footer (32); size field counts items + footer.
  const auto ape_block = [&](std::string_view magic) {
    return cat({text(magic), le(2000, 4), le(ape_items.size() + 32, 4), le(1, 4),
                le(0x80000000u, 4), Bytes(8, std::byte{0})});
  };
  const Bytes ape = cat({ape_block("APETAGEX"), ape_items, ape_block("APETAGEX")});
  const Bytes lyrics =
      cat({text("LYRICSBEGIN"), text("IND00003110"), text("000022"), text("LYRICS200")});
  const Bytes id3v2 = cat({text("ID3"), bytes({3, 0, 0}), bytes({0, 0, 0, 20}), filled(20, 1, 1)});
  const Bytes id3v2_footer =
      cat({text("ID3"), bytes({4, 0, 0x10}), bytes({0, 0, 0, 10}), filled(10, 2, 1), text("3DI"),
           bytes({4, 0, 0x10}), bytes({0, 0, 0, 10})});
  struct Case {
    const char* name;
    Bytes file;
  } cases[] = {
      {"none", audio},
      {"id3v1", cat({audio, id3v1})},
      {"apev2+id3v1", cat({audio, ape, id3v1})},
      {"lyrics3v2+id3v1", cat({audio, lyrics, id3v1})},
      {"id3v2 header at end", cat({audio, id3v2})},
      {"apev2+id3v2 footer", cat({audio, ape, id3v2_footer})},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(internal::trailing_tags_start(c.file, c.file.size()) == audio.size());
    // Only the tail is given for big files: offsets stay file offsets.
    const ByteView tail = ByteView(c.file).subspan(100);
    CHECK(internal::trailing_tags_start(tail, c.file.size()) == audio.size());
  }
}

}  // namespace
}  // namespace hallmark::media
