// media::compare(): timing (version 2), what a viewer sees changed, and which timeline a time
// is on, on hand-built bindings.
#include "hallmark/media.h"
#include "hallmark/merkle.h"
#include "test_util.h"

namespace hallmark::media {
namespace {

Digest numbered(uint64_t i, int salt = 0) {
  return merkle::hash_leaf(as_bytes("leaf " + std::to_string(i) + "/" + std::to_string(salt)));
}

// `n` packets at `fps`, keyframes every `gop`, starting at `start` seconds, version 2.
StreamBinding stream(StreamKind kind, uint64_t n, double fps, uint64_t gop = 0, double start = 0) {
  StreamBinding s;
  s.kind = kind;
  s.ordinal = 0;
  s.codec = kind == StreamKind::kVideo ? "h264" : "aac";
  for (uint64_t i = 0; i < n; ++i) {
    s.leaves.push_back(numbered(i, int(kind)));
    s.times.push_back(start + double(i) / fps);
    if (gop != 0 && i % gop == 0) {
      s.keyframes.push_back(i);
    }
  }
  s.leaf_count = n;
  s.visible_end = n;
  s.root = stream_root(s.kind, s.codec, std::nullopt, merkle::root(s.leaves));
  s.timing = StreamTiming{{int64_t(start * 1000), 1000}, {int64_t(n * 1000 / fps), 1000}};
  s.leaf_info = leaf_info_digest(s);
  return s;
}

void refresh(StreamBinding& s) {
  s.leaf_count = s.leaves.size();
  s.root = stream_root(s.kind, s.codec, std::nullopt, merkle::root(s.leaves));
  s.leaf_info = leaf_info_digest(s);
}

MediaBinding binding(std::vector<StreamBinding> streams) {
  MediaBinding m;
  m.version = 2;
  m.format = "mp4";
  m.streams = std::move(streams);
  m.content_root = content_root(m.streams);
  return m;
}

TEST_CASE("media_compare: a remux that moves every stream alike keeps the timing") {
  const MediaBinding a =
      binding({stream(StreamKind::kVideo, 250, 25), stream(StreamKind::kAudio, 430, 43)});
  MediaBinding b = a;
  for (StreamBinding& s : b.streams) {
    for (double& t : s.times) {
      t += 1.4;  // MPEG-TS starts later...
    }
    s.times[3] += 0.023;  // ...and milliseconds move.
    s.timing->start = Rational{1400, 1000};
  }
  const Comparison c = compare(a, b);
  CHECK(c.content_equal);
  CHECK(c.timing_equal);
}

TEST_CASE("media_compare: playing slower, shifting a stream, moving packets are changes") {
  const StreamBinding v = stream(StreamKind::kVideo, 250, 25);
  const StreamBinding au = stream(StreamKind::kAudio, 430, 43);
  const MediaBinding signed_binding = binding({v, au});
  SUBCASE("half speed") {
    StreamBinding slow = v;
    for (double& t : slow.times) {
      t *= 2;
    }
    slow.timing->duration = Rational{20, 1};
    const Comparison c = compare(signed_binding, binding({slow, au}));
    CHECK(c.content_equal);
    REQUIRE(c.timing.size() == 1);
    CHECK(c.timing[0].describe() == "video#0: timing changed: 10.00 s → 20.00 s (playback 0.5×)");
  }
  SUBCASE("audio half a second late") {
    StreamBinding late = au;
    for (double& t : late.times) {
      t += 0.5;
    }
    const Comparison c = compare(signed_binding, binding({v, late}));
    REQUIRE(c.timing.size() == 1);
    CHECK(c.timing[0].describe() == "audio#0 shifted +0.50 s against video#0");
  }
  SUBCASE("two seconds of video moved") {
    StreamBinding moved = v;
    for (size_t i = 100; i < 150; ++i) {
      moved.times[i] += 0.3;
    }
    const Comparison c = compare(signed_binding, binding({moved, au}));
    REQUIRE(c.timing.size() == 1);
    CHECK(c.timing[0].describe() == "video#0: timing changed 4.00–5.96 s");
  }
  SUBCASE("a version-1 binding signs no timing") {
    MediaBinding v1 = signed_binding;
    v1.version = 1;
    StreamBinding slow = v;
    for (double& t : slow.times) {
      t *= 2;
    }
    CHECK(compare(v1, binding({slow, au})).timing.empty());
  }
}

TEST_CASE("media_compare: a changed packet is seen changed up to the next keyframe") {
  const StreamBinding v = stream(StreamKind::kVideo, 100, 25, 25);
  StreamBinding edited = v;
  edited.leaves[30] = numbered(999);
  refresh(edited);
  const Comparison c = compare(binding({v}), binding({edited}));
  REQUIRE(c.changes.size() == 1);
  CHECK(c.changes[0].describe() ==
        "video#0 packet 30, at 1.20 s (seen changed 1.20–1.96 s, to the next keyframe)");
}

TEST_CASE("media_compare: an insertion is placed on the signed timeline") {
  const StreamBinding a = stream(StreamKind::kAudio, 100, 10);
  StreamBinding b = a;
  b.leaves.insert(b.leaves.begin() + 50, {numbered(500), numbered(501)});
  b.times.insert(b.times.begin() + 50, {0.0, 0.1});  // FLAC-like: the inserted frames' own times.
  refresh(b);
  const Comparison c = compare(binding({a}), binding({b}));
  REQUIRE(c.changes.size() == 1);
  CHECK(c.changes[0].start_seconds == 5.0);
  CHECK(c.changes[0].describe() ==
        "audio#0 2 packets inserted before packet 50, at 5.00 s (0.00–0.10 s in this file)");
}

TEST_CASE("media_compare: leaf times or names that are not the signed ones are not used") {
  const StreamBinding v = stream(StreamKind::kVideo, 50, 25, 25);
  StreamBinding forged = v;
  forged.times[10] = 1e50;  // The bundle lies about a time; leaf_info still signs the truth.
  StreamBinding edited = v;
  edited.leaves[10] = numbered(777);
  refresh(edited);
  CHECK_FALSE(check_leaves(forged).ok());
  const Comparison c = compare(binding({forged}), binding({edited}));
  CHECK(c.changes.empty());
  CHECK(c.unlocalised == std::vector<std::string>{"video#0"});
}

}  // namespace
}  // namespace hallmark::media
