// The NAL normaliser (src/media/nal.cpp): H.264 and HEVC framings, parameter sets, filler.
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

// H.264 / HEVC

// H.264 units (the SPS is kSps of media_unit_bytes.h): an IDR slice of 300 bytes, so its 4-byte
// length (00 00 01 2C) looks like a start code to a sniffer, which is the pitfall the framing rule
// exists for.
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

}  // namespace
}  // namespace hallmark::media
