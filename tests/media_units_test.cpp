// Unit tests of the media binding's parts on hand-built inputs: NAL normaliser, audio units,
// format detection, JPEG/PNG/WebP segmenters, EXIF claims, roots and compare(). Expected
// values are computed here from hallmark-media(7) with plain SHA-256 over literal bytes, not
// with the code under test. Media made by tools is in media_test.cpp.
#include <cmath>
#include <initializer_list>

#include "hallmark/media.h"
#include "hallmark/merkle.h"
#include "media/audio.h"
#include "media/detect.h"
#include "media/exif.h"
#include "media/images.h"
#include "media/nal.h"
#include "test_util.h"

namespace hallmark::media {
namespace {

using internal::Family;

Bytes bytes(std::initializer_list<int> values) {
  Bytes out;
  for (int v : values) {
    out.push_back(std::byte(v));
  }
  return out;
}

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) {
    out.insert(out.end(), p.begin(), p.end());
  }
  return out;
}

// A string literal's bytes, embedded NULs included ("MM\0*" is four bytes).
template <size_t N>
Bytes text(const char (&s)[N]) {
  return to_bytes(std::string_view(s, N - 1));
}
Bytes text(std::string_view s) {
  return to_bytes(s);
}

Bytes be(uint64_t v, int n) {
  Bytes out;
  for (int i = n - 1; i >= 0; --i) {
    out.push_back(std::byte(v >> (8 * i)));
  }
  return out;
}

Bytes le(uint64_t v, int n) {
  Bytes out;
  for (int i = 0; i < n; ++i) {
    out.push_back(std::byte(v >> (8 * i)));
  }
  return out;
}

Bytes filled(size_t n, int first, int step) {
  Bytes out(n);
  for (size_t i = 0; i < n; ++i) {
    out[i] = std::byte((first + int(i) * step) & 0xFF);
  }
  return out;
}

// SHA-256(prefix bytes || ...) straight from the spec text.
Digest H(std::initializer_list<Bytes> parts) {
  return sha256(cat(parts));
}

// ---------------------------------------------------------------------------------------------
// H.264 / HEVC

// H.264 units: an IDR slice of 300 bytes, so its 4-byte length (00 00 01 2C) looks like a start
// code to a sniffer, which is the pitfall the framing rule exists for.
const Bytes kSps = bytes({0x67, 0x42, 0x00, 0x1E, 0xAB, 0xCD});
const Bytes kPps = bytes({0x68, 0xCE, 0x3C, 0x80});
const Bytes kAud = bytes({0x09, 0xF0});
const Bytes kSei = bytes({0x06, 0x05, 0x02, 0x11, 0x22, 0x80});
const Bytes kFiller = bytes({0x0C, 0xFF, 0xFF, 0x80});
const Bytes kIdr = cat({bytes({0x65, 0x88}), filled(298, 7, 13)});
const Bytes kSlice = cat({bytes({0x41, 0x9A}), filled(40, 3, 5)});

Bytes avcc(int length_size) {
  return cat({bytes({0x01, 0x42, 0x00, 0x1E, 0xFC | (length_size - 1), 0xE1}), be(kSps.size(), 2),
              kSps, bytes({0x01}), be(kPps.size(), 2), kPps});
}

Bytes length_prefixed(std::initializer_list<Bytes> nals, int length_size = 4) {
  Bytes out;
  for (const Bytes& n : nals) {
    out = cat({out, be(n.size(), length_size), n});
  }
  return out;
}

const Bytes kStart4 = bytes({0, 0, 0, 1});
const Bytes kStart3 = bytes({0, 0, 1});

TEST_CASE("media: avcC and Annex-B framings of the same NAL units give the same leaves") {
  // MP4-style: parameter sets only in avcC; TS-style: AUD, in-band SPS/PPS, 3- and 4-byte
  // start codes, and a trailing zero byte.
  internal::NalNormaliser mp4(internal::NalCodec::kH264, avcc(4));
  internal::NalNormaliser ts(internal::NalCodec::kH264, cat({kStart4, kSps, kStart4, kPps}));
  CHECK(mp4.length_prefixed());
  CHECK(mp4.length_size() == 4);
  CHECK_FALSE(ts.length_prefixed());

  const auto a = mp4.normalise(length_prefixed({kSei, kIdr}));
  const auto b = ts.normalise(
      cat({kStart4, kAud, kStart4, kSps, kStart3, kPps, kStart3, kSei, kStart3, kIdr, {}}));
  const auto c = ts.normalise(cat({kStart4, kAud, kStart3, kSlice, bytes({0, 0})}));
  const auto d = mp4.normalise(length_prefixed({kSlice}));

  // leaf = SHA-256(0x00 || u32be len || VCL NAL); aux the same over the other NAL units.
  const Digest want_idr = H({bytes({0}), be(kIdr.size(), 4), kIdr});
  const Digest want_sei = H({bytes({0}), be(kSei.size(), 4), kSei});
  CHECK(a.leaf == want_idr);
  CHECK(b.leaf == want_idr);
  CHECK(a.aux_leaf == want_sei);
  CHECK(b.aux_leaf == want_sei);
  CHECK(c.leaf == H({bytes({0}), be(kSlice.size(), 4), kSlice}));
  CHECK(c.leaf == d.leaf);
  CHECK(c.aux_leaf == H({bytes({0})}));
  CHECK(a.vcl == 1);
  CHECK_FALSE(a.malformed);
  CHECK_FALSE(b.malformed);

  // config = SHA-256(0x02 || u32be n || sorted SHA-256 of each parameter set).
  std::vector<Digest> ps = {sha256(kSps), sha256(kPps)};
  std::sort(ps.begin(), ps.end());
  const Digest want_config = H({bytes({0x02}), be(2, 4), Bytes(ps[0].begin(), ps[0].end()),
                                Bytes(ps[1].begin(), ps[1].end())});
  CHECK(mp4.config() == want_config);
  CHECK(ts.config() == want_config);
  CHECK(ts.parameter_sets() == 2);
}

TEST_CASE("media: a 2-byte avcC length size is honoured and filler units are dropped") {
  internal::NalNormaliser two(internal::NalCodec::kH264, avcc(2));
  CHECK(two.length_size() == 2);
  const auto p = two.normalise(length_prefixed({kFiller, kSlice, kAud}, 2));
  CHECK(p.leaf == H({bytes({0}), be(kSlice.size(), 4), kSlice}));
  CHECK(p.aux_leaf == H({bytes({0})}));
}

TEST_CASE("media: a changed parameter set changes the config, a changed slice the leaf") {
  internal::NalNormaliser base(internal::NalCodec::kH264, avcc(4));
  internal::NalNormaliser other(internal::NalCodec::kH264, avcc(4));
  Bytes pps2 = kPps;
  pps2[1] ^= std::byte{0x40};
  (void)other.normalise(length_prefixed({pps2, kSlice}));  // An in-band PPS joins the set.
  CHECK(other.parameter_sets() == 3);
  CHECK(base.config() != other.config());
  Bytes slice2 = kSlice;
  slice2[20] ^= std::byte{0x01};
  CHECK(base.normalise(length_prefixed({kSlice})).leaf !=
        base.normalise(length_prefixed({slice2})).leaf);
}

TEST_CASE("media: broken length framing still binds every byte and is flagged") {
  internal::NalNormaliser n(internal::NalCodec::kH264, avcc(4));
  // A length that runs past the end: the rest of the packet (from the length field) is one
  // opaque unit of the leaf.
  const Bytes broken = cat({be(kSlice.size(), 4), kSlice, be(1000, 4), bytes({1, 2, 3})});
  const auto p = n.normalise(broken);
  CHECK(p.malformed);
  const Bytes rest = cat({be(1000, 4), bytes({1, 2, 3})});
  CHECK(p.leaf == H({bytes({0}), be(kSlice.size(), 4), kSlice, be(rest.size(), 4), rest}));
  Bytes flipped = broken;
  flipped.back() ^= std::byte{1};
  CHECK(n.normalise(flipped).leaf != p.leaf);
  // Two bytes cannot hold a 4-byte length.
  CHECK(n.normalise(bytes({0x00, 0x01})).malformed);
}

TEST_CASE("media: trailing zero bytes after a NAL unit do not matter (avcC writers keep one)") {
  // As in sony-a7m3.mts: the Annex-B PPS ends in trailing_zero_8bits, which FFmpeg's avcC
  // writer copied into the MKV's avcC.
  const Bytes pps_zero = cat({kPps, bytes({0})});
  const Bytes avcc_zero = cat({bytes({0x01, 0x42, 0x00, 0x1E, 0xFF, 0xE1}), be(kSps.size(), 2),
                               kSps, bytes({0x01}), be(pps_zero.size(), 2), pps_zero});
  internal::NalNormaliser mkv(internal::NalCodec::kH264, avcc_zero);
  internal::NalNormaliser mts(internal::NalCodec::kH264,
                              cat({kStart4, kSps, kStart4, kPps, bytes({0, 0})}));
  CHECK(mkv.config() == mts.config());
  CHECK(mkv.normalise(length_prefixed({cat({kSlice, bytes({0})})})).leaf ==
        mts.normalise(cat({kStart3, kSlice})).leaf);
}

TEST_CASE("media: HEVC units are classified by their 6-bit type, SEI in hvcC stays out of aux") {
  const Bytes vps = bytes({0x40, 0x01, 0x0C, 0x01, 0xFF});
  const Bytes sps = bytes({0x42, 0x01, 0x01, 0x01, 0x60});
  const Bytes pps = bytes({0x44, 0x01, 0xC1, 0x72});
  const Bytes aud = bytes({0x46, 0x01, 0x50});
  const Bytes sei = bytes({0x4E, 0x01, 0x05, 0x04, 0xAA, 0xBB, 0xCC, 0xDD, 0x80});
  const Bytes idr = cat({bytes({0x26, 0x01}), filled(280, 1, 3)});  // IDR_W_RADL (19)
  // hvcC: 22 bytes of profile fields, length size 4 at byte 21, then 4 arrays.
  Bytes hvcc = cat({bytes({0x01}), Bytes(20, std::byte{0}), bytes({0x03}), bytes({4})});
  for (const Bytes* n : {&vps, &sps, &pps, &sei}) {
    hvcc = cat({hvcc, bytes({0x80 | ((int(uint8_t((*n)[0])) >> 1) & 0x3F)}), be(1, 2),
                be(n->size(), 2), *n});
  }
  internal::NalNormaliser mp4(internal::NalCodec::kHevc, hvcc);
  internal::NalNormaliser ts(internal::NalCodec::kHevc,
                             cat({kStart4, vps, kStart4, sps, kStart4, pps}));
  CHECK(mp4.length_size() == 4);
  CHECK(mp4.parameter_sets() == 3);
  const auto a = mp4.normalise(length_prefixed({sei, idr}));
  const auto b = ts.normalise(
      cat({kStart4, aud, kStart4, vps, kStart4, sps, kStart4, pps, kStart4, sei, kStart4, idr}));
  CHECK(a.leaf == H({bytes({0}), be(idr.size(), 4), idr}));
  CHECK(a.leaf == b.leaf);
  CHECK(mp4.config() == ts.config());
  // The SEI equals one in hvcC: not side info in MP4. TS has no hvcC, so there it is aux
  // (x265 does this; hallmark-media(7) says aux may differ between MP4 and TS for HEVC).
  CHECK(a.aux_leaf == H({bytes({0})}));
  CHECK(b.aux_leaf == H({bytes({0}), be(sei.size(), 4), sei}));
}

TEST_CASE("media: Annex-B splitting keeps leading garbage and drops leading zeros") {
  std::vector<std::pair<Bytes, bool>> units;
  internal::split_annexb(
      cat({bytes({0, 0, 0}), kStart3, kSlice, bytes({0, 0, 0}), kStart3, kPps}),
      [&](ByteView u, bool g) { units.emplace_back(Bytes(u.begin(), u.end()), g); });
  REQUIRE(units.size() == 2);
  CHECK(units[0].first == kSlice);
  CHECK(units[1].first == kPps);
  units.clear();
  internal::split_annexb(cat({bytes({7, 7}), kStart3, kPps}), [&](ByteView u, bool g) {
    units.emplace_back(Bytes(u.begin(), u.end()), g);
  });
  REQUIRE(units.size() == 2);
  CHECK(units[0] == std::make_pair(bytes({7, 7}), true));
  CHECK(units[1] == std::make_pair(kPps, false));
}

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
// Roots and comparison

Digest numbered(uint64_t i, int salt = 0) {
  return merkle::hash_leaf(as_bytes("leaf " + std::to_string(i) + "/" + std::to_string(salt)));
}

StreamBinding video_stream(uint64_t n, double fps) {
  StreamBinding s;
  s.kind = StreamKind::kVideo;
  s.codec = "h264";
  s.config = sha256(as_bytes("config"));
  for (uint64_t i = 0; i < n; ++i) {
    s.leaves.push_back(numbered(i));
    s.aux_leaves.push_back(merkle::hash_leaf({}));
    s.times.push_back(double(i) / fps);
  }
  s.leaf_count = n;
  s.visible_end = n;
  s.aux_root = merkle::root(s.aux_leaves);
  s.root = stream_root(s.kind, s.codec, s.config, merkle::root(s.leaves));
  return s;
}

void reroot(StreamBinding& s) {
  s.leaf_count = s.leaves.size();
  s.root = stream_root(s.kind, s.codec, s.config, merkle::root(s.leaves));
  s.aux_root = merkle::root(s.aux_leaves);
}

MediaBinding binding_of(std::vector<StreamBinding> streams) {
  MediaBinding m;
  m.format = "mp4";
  m.streams = std::move(streams);
  m.content_root = content_root(m.streams);
  return m;
}

TEST_CASE("media: stream and content roots are the tagged hashes of hallmark-media(7)") {
  const Digest packets = sha256(as_bytes("packets"));
  const Digest config = sha256(as_bytes("config"));
  const Bytes pr(packets.begin(), packets.end()), cf(config.begin(), config.end());
  // SHA-256(0x03 || kind || u8 len || codec || u8 has_config || [config] || packet_root)
  CHECK(stream_root(StreamKind::kVideo, "h264", config, packets) ==
        H({bytes({0x03, 0x00, 4}), text("h264"), bytes({1}), cf, pr}));
  CHECK(stream_root(StreamKind::kAudio, "aac", std::nullopt, packets) ==
        H({bytes({0x03, 0x01, 3}), text("aac"), bytes({0}), pr}));
  CHECK(stream_root(StreamKind::kImage, "png", std::nullopt, packets) ==
        H({bytes({0x03, 0x02, 3}), text("png"), bytes({0}), pr}));
  // Content root: RFC 6962 tree over leaves SHA-256(0x00 || stream root).
  StreamBinding v = video_stream(3, 25), a = video_stream(2, 25);
  a.kind = StreamKind::kAudio;
  const Digest lv = H({bytes({0}), Bytes(v.root.begin(), v.root.end())});
  const Digest la = H({bytes({0}), Bytes(a.root.begin(), a.root.end())});
  CHECK(content_root({v, a}) ==
        H({bytes({1}), Bytes(lv.begin(), lv.end()), Bytes(la.begin(), la.end())}));
  CHECK(content_root({v}) == lv);
}

TEST_CASE("media: check_leaves accepts the signed table and refuses any change to it") {
  StreamBinding s = video_stream(10, 25);
  CHECK(check_leaves(s).ok());
  StreamBinding flipped = s;
  flipped.leaves[3][0] ^= std::byte{1};
  CHECK(check_leaves(flipped).code() == Code::kVerifyFailed);
  StreamBinding aux = s;
  aux.aux_leaves[0][5] ^= std::byte{1};
  CHECK(check_leaves(aux).code() == Code::kVerifyFailed);
  StreamBinding codec = s;
  codec.codec = "hevc";
  CHECK(check_leaves(codec).code() == Code::kVerifyFailed);
  StreamBinding short_times = s;
  short_times.times.pop_back();
  CHECK(check_leaves(short_times).code() == Code::kCorrupt);
  StreamBinding count = s;
  count.leaf_count = 11;
  CHECK(check_leaves(count).code() == Code::kCorrupt);
}

TEST_CASE("media: compare names the changed packets and seconds") {
  const MediaBinding original = binding_of({video_stream(250, 25)});
  StreamBinding v = original.streams[0];
  for (uint64_t i = 100; i < 125; ++i) {
    v.leaves[i] = numbered(i, 1);
  }
  v.aux_leaves[100] = numbered(100, 2);  // x264's SEI in the re-encoded part.
  reroot(v);
  const Comparison c = compare(original, binding_of({v}));
  CHECK_FALSE(c.content_equal);
  CHECK(c.aux_changed == std::vector<std::string>{"video#0"});
  REQUIRE(c.changes.size() == 1);  // The aux change lies inside the content change.
  CHECK(c.changes[0].first == 100);
  CHECK(c.changes[0].count == 25);
  CHECK(c.changes[0].describe() == "video#0 packets 100–124, 4.00–4.96 s");
  CHECK(compare(original, original).content_equal);
  CHECK(compare(original, original).changes.empty());
}

TEST_CASE("media: compare reports insertions, removals, aux-only and stream changes") {
  const MediaBinding original = binding_of({video_stream(10, 2)});
  SUBCASE("insertion") {
    StreamBinding v = original.streams[0];
    v.leaves.insert(v.leaves.begin() + 4, {numbered(99, 1), numbered(98, 1)});
    v.aux_leaves.insert(v.aux_leaves.begin() + 4, 2, merkle::hash_leaf({}));
    v.times.insert(v.times.begin() + 4, {1.75, 1.8});
    reroot(v);
    const Comparison c = compare(original, binding_of({v}));
    REQUIRE(c.changes.size() == 1);
    // Where on the signed timeline, and the inserted packets' own times, labelled.
    CHECK(c.changes[0].describe() ==
          "video#0 2 packets inserted before packet 4, at 2.00 s (1.75–1.80 s in this file)");
  }
  SUBCASE("removal at the end") {
    StreamBinding v = original.streams[0];
    v.leaves.resize(7);
    v.aux_leaves.resize(7);
    v.times.resize(7);
    reroot(v);
    const Comparison c = compare(original, binding_of({v}));
    REQUIRE(c.changes.size() == 1);
    CHECK(c.changes[0].describe() == "video#0 packets 7–9 removed, 3.50–4.50 s");
  }
  SUBCASE("aux only") {
    StreamBinding v = original.streams[0];
    v.aux_leaves[2] = numbered(2, 3);
    reroot(v);
    const Comparison c = compare(original, binding_of({v}));
    CHECK(c.content_equal);
    REQUIRE(c.changes.size() == 1);
    CHECK(c.changes[0].aux_only);
    CHECK(c.changes[0].describe() == "video#0 packet 2, at 1.00 s (side info only)");
  }
  SUBCASE("missing and extra streams, codec change") {
    StreamBinding audio = original.streams[0];
    audio.kind = StreamKind::kAudio;
    const Comparison c = compare(original, binding_of({audio}));
    CHECK_FALSE(c.content_equal);
    CHECK(c.missing_streams == std::vector<std::string>{"video#0"});
    CHECK(c.extra_streams == std::vector<std::string>{"audio#0"});
    StreamBinding hevc = original.streams[0];
    hevc.codec = "hevc";
    reroot(hevc);
    CHECK(compare(original, binding_of({hevc})).codec_changed ==
          std::vector<std::string>{"video#0"});
  }
  SUBCASE("a signed leaf table that does not authenticate is not used") {
    MediaBinding forged = original;
    forged.streams[0].leaves[5] = numbered(5, 9);  // The bundle lies about leaf 5.
    StreamBinding v = original.streams[0];
    v.leaves[1] = numbered(1, 1);
    reroot(v);
    const Comparison c = compare(forged, binding_of({v}));
    CHECK_FALSE(c.content_equal);
    CHECK(c.changes.empty());
    CHECK(c.unlocalised == std::vector<std::string>{"video#0"});
  }
}

TEST_CASE("media: image changes name the units") {
  StreamBinding img;
  img.kind = StreamKind::kImage;
  img.codec = "jpeg";
  img.unit_names = {"DQT 0", "SOF0", "DHT DC0", "scan 0"};
  for (uint64_t i = 0; i < 4; ++i) {
    img.leaves.push_back(numbered(i));
  }
  reroot(img);
  img.aux_root.reset();
  StreamBinding changed = img;
  changed.leaves[3] = numbered(3, 1);
  reroot(changed);
  changed.aux_root.reset();
  const Comparison c = compare(binding_of({img}), binding_of({changed}));
  REQUIRE(c.changes.size() == 1);
  CHECK(c.changes[0].units == std::vector<std::string>{"scan 0"});
  CHECK(c.changes[0].describe() == "image#0 unit 3 (scan 0)");
}

}  // namespace
}  // namespace hallmark::media
