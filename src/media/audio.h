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

// Re-chunks a PCM byte stream into blocks of `block_bytes` (one second: rate x channels x bytes
// per sample), so leaves do not depend on how the demuxer cut packets. The last block may be
// short.
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

}  // namespace hallmark::media::internal
