// Audio unit normalisation for the media binding (hallmark-media(7)): ADTS headers stripped
// from AAC, PCM cut into 1-second blocks, tags at the end of MP3/AAC files found. Pure (no
// FFmpeg); not thread-safe per object.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "hallmark/bytes.h"
#include "hallmark/sha256.h"
#include "media/hashing.h"

namespace hallmark::media::internal {

// The raw AAC payloads of a packet: if it starts with an ADTS sync word (0xFFF, layer 0), every
// whole ADTS frame in it loses its 7-byte header (9 with CRC); a packet without ADTS is one
// payload as is. Anything after the last whole frame is kept as a payload, so no byte is lost.
std::vector<ByteView> aac_payloads(ByteView packet);

// Where the tags appended to an elementary audio file (MP3, ADTS AAC, AC-3) begin: ID3v1
// "TAG", APEv2 "APETAGEX", Lyrics3v2, and ID3v2 found from its footer ("3DI") or from a header
// whose size ends exactly at the end of the file, in any order and number. `tail` is the last
// min(file_size, kTailSize) bytes of the file. Returns file_size when there are none. Demuxers
// glue such tags onto the last frame; the binder cuts packets at this offset.
inline constexpr size_t kTailSize = 1 << 20;
uint64_t trailing_tags_start(ByteView tail, uint64_t file_size);

// Media binding version 1: re-chunks a PCM byte stream into blocks of `block_bytes` (one
// second: rate x channels x bytes per sample), so leaves do not depend on how the demuxer cut
// packets. The last block may be short.
class PcmBlocker {
 public:
  explicit PcmBlocker(uint64_t block_bytes) : block_(block_bytes == 0 ? 1 : block_bytes) {}
  // Feeds bytes; calls leaf(digest) for each block completed.
  void feed(ByteView data, const std::function<void(const Digest&)>& leaf);
  // Emits the partial last block, if any.
  void finish(const std::function<void(const Digest&)>& leaf);

 private:
  uint64_t block_;
  uint64_t filled_ = 0;
  LeafHasher hasher_;
};

// Media binding version 2: cuts a PCM byte stream into content-defined blocks of half a
// second to a second, so that a sample inserted or dropped changes only the block around it; the
// blocks after it cut at the same samples again (hallmark-media(7) gives the rule). Big-endian
// samples are byte-swapped first, so WAV (little-endian) and AIFF (big-endian) copies of the
// same sound give the same blocks. Boundaries fall between whole frames (one sample of every
// channel); bytes of a partial frame at the end form the last block with the rest.
class PcmCdcBlocker {
 public:
  // `frame_bytes` = channels x bytes per sample; `bytes_per_second` = sample rate x frame_bytes;
  // `swap_bytes`: sample width to byte-swap (2, 3, 4, 8), or 0 for none.
  PcmCdcBlocker(uint64_t bytes_per_second, uint32_t frame_bytes, uint32_t swap_bytes);
  // Calls leaf(digest, offset) for each block completed: its leaf hash and the offset of its
  // first byte in the stream.
  void feed(ByteView data, const std::function<void(const Digest&, uint64_t)>& leaf);
  void finish(const std::function<void(const Digest&, uint64_t)>& leaf);

  uint64_t min_block() const { return min_; }
  uint64_t max_block() const { return max_; }

 private:
  void frame(const std::byte* f, const std::function<void(const Digest&, uint64_t)>& leaf);

  uint32_t frame_;
  uint32_t swap_;
  uint64_t min_, max_;
  unsigned shift_ = 64;
  uint64_t hash_ = 0;
  uint64_t filled_ = 0;  // Bytes in the current block.
  uint64_t offset_ = 0;  // Stream offset of the current block.
  Bytes partial_;        // A frame split across packets.
  Bytes swapped_;        // The frame being hashed, byte-swapped.
  LeafHasher hasher_;
};

}  // namespace hallmark::media::internal
