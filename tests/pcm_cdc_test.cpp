// PcmCdcBlocker (binding version 2): content-defined PCM blocks that resynchronise after a
// sample is inserted or dropped, byte-swap big-endian samples, and ignore packet sizes.
#include <random>

#include "media/audio.h"
#include "test_util.h"

namespace hallmark::media::internal {
namespace {

// `seconds` of 16-bit stereo noise at 8 kHz (32,000 bytes a second).
Bytes noise(double seconds, uint32_t seed) {
  std::mt19937 rng(seed);
  Bytes out(size_t(seconds * 32000) / 4 * 4);
  for (std::byte& b : out) {
    b = std::byte(rng());
  }
  return out;
}

struct Blocks {
  std::vector<Digest> leaves;
  std::vector<uint64_t> offsets;
};

Blocks blocks(ByteView pcm, size_t packet, uint32_t swap = 0) {
  PcmCdcBlocker b(32000, 4, swap);
  Blocks out;
  auto sink = [&](const Digest& d, uint64_t off) {
    out.leaves.push_back(d);
    out.offsets.push_back(off);
  };
  for (size_t off = 0; off < pcm.size(); off += packet) {
    b.feed(pcm.subspan(off, std::min(packet, pcm.size() - off)), sink);
  }
  b.finish(sink);
  return out;
}

TEST_CASE("pcm_cdc: the blocks do not depend on how the demuxer cut packets") {
  const Bytes pcm = noise(20, 1);
  const Blocks whole = blocks(pcm, pcm.size());
  for (size_t packet : {size_t(1), size_t(3), size_t(1000), size_t(4096), size_t(77777)}) {
    CAPTURE(packet);
    const Blocks b = blocks(pcm, packet);
    CHECK(b.leaves == whole.leaves);
    CHECK(b.offsets == whole.offsets);
  }
  // Between a quarter second and three seconds each, the last one aside.
  for (size_t i = 1; i < whole.offsets.size(); ++i) {
    const uint64_t len = whole.offsets[i] - whole.offsets[i - 1];
    CHECK(len >= 8000);
    CHECK(len <= 96000);
    CHECK(len % 4 == 0);  // Whole frames.
  }
  CHECK(whole.offsets.size() > 20);
}

TEST_CASE("pcm_cdc: a sample dropped or inserted changes only the blocks around it") {
  const Bytes pcm = noise(30, 2);
  const Blocks original = blocks(pcm, 4096);
  for (int insert : {0, 1}) {
    CAPTURE(insert);
    Bytes edited = pcm;
    const size_t at = 15 * 32000;  // 15 s
    if (insert == 1) {
      edited.insert(edited.begin() + long(at),
                    {std::byte{1}, std::byte{2}, std::byte{3}, std::byte{4}});
    } else {
      edited.erase(edited.begin() + long(at), edited.begin() + long(at) + 4);
    }
    const Blocks b = blocks(edited, 4096);
    size_t differ = 0;
    for (const Digest& d : b.leaves) {
      differ +=
          std::find(original.leaves.begin(), original.leaves.end(), d) == original.leaves.end();
    }
    CHECK(differ >= 1);
    CHECK(differ <= 2);  // Not everything after the edit, as fixed blocks would.
  }
}

TEST_CASE("pcm_cdc: big-endian samples give the blocks of the little-endian ones") {
  const Bytes le = noise(5, 3);
  Bytes be = le;
  for (size_t i = 0; i + 1 < be.size(); i += 2) {
    std::swap(be[i], be[i + 1]);
  }
  CHECK(blocks(be, 1000, 2).leaves == blocks(le, 1000).leaves);
  CHECK(blocks(be, 1000).leaves != blocks(le, 1000).leaves);
}

TEST_CASE("pcm_cdc: silence and a partial last frame are bound, never lost") {
  const Bytes silence(4 * 32000 + 3, std::byte{0});
  const Blocks b = blocks(silence, 999);
  REQUIRE(!b.leaves.empty());
  CHECK(b.offsets.front() == 0);
  Bytes other = silence;
  other.back() = std::byte{1};  // In the partial frame at the end.
  CHECK(blocks(other, 999).leaves.back() != b.leaves.back());
}

}  // namespace
}  // namespace hallmark::media::internal
