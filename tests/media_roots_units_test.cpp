// Stream and content roots, check_leaves and compare() on hand-built tables
// (src/media/media.cpp, src/media/compare.cpp).
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
