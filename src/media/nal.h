// The H.264/HEVC NAL normaliser: turns packets in either framing (length-prefixed avcC/hvcC
// or Annex-B start codes) into the container-independent leaves of hallmark-media(7). Pure
// (no FFmpeg); one object per stream. normalise() may be called from several threads at once
// (the parameter-set table is locked); the rest is not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "hallmark/bytes.h"
#include "hallmark/sha256.h"

namespace hallmark::media::internal {

enum class NalCodec { kH264, kHevc };

class NalNormaliser {
 public:
  // The framing is decided once, from the stream's extradata, never per packet (a 4-byte
  // length of 256..511 starts with 00 00 01): H.264 is length-prefixed iff extradata is an
  // avcC record (first byte 1); HEVC iff extradata is an hvcC record (does not start with a
  // start code), as FFmpeg's decoders decide. Parameter sets in extradata enter the config set.
  NalNormaliser(NalCodec codec, ByteView extradata);

  struct Packet {
    Digest leaf;             // SHA-256(0x00 || (u32be len || VCL NAL unit)*)
    Digest aux_leaf;         // SHA-256(0x00 || (u32be len || other NAL unit)*)
    size_t vcl = 0;          // VCL NAL units in the packet
    bool malformed = false;  // Framing broken: the unparsable rest went into `leaf` as one unit.
  };
  // Splits one packet. VCL units (H.264 1-5, 20, 21; HEVC 0-31) go to the leaf; parameter sets
  // (H.264 7, 8, 13, 15; HEVC 32-34) to the config set; AUD and filler (H.264 9, 12; HEVC 35,
  // 38) are dropped; everything else (SEI, end of sequence, ...) goes to the aux leaf unless it
  // is byte-identical to a NAL unit of the extradata.
  Packet normalise(ByteView packet);

  // SHA-256(0x02 || u32be n || sorted SHA-256 of each distinct parameter set).
  Digest config() const;

  bool length_prefixed() const { return length_size_ != 0; }
  int length_size() const { return length_size_; }
  size_t parameter_sets() const {
    std::lock_guard lock(mu_);
    return config_set_.size();
  }
  // Problems found in the extradata ("hvcC truncated"); the stream is still bound.
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  enum class Kind { kVcl, kParameterSet, kDrop, kOther };
  Kind classify(ByteView nal) const;
  void add_unit(ByteView nal, Packet& p);
  void parse_avcc(ByteView extradata);
  void parse_hvcc(ByteView extradata);
  void add_extradata_nal(ByteView nal);

  NalCodec codec_;
  int length_size_ = 0;    // 0: Annex-B
  mutable std::mutex mu_;  // Guards config_set_.
  std::set<Digest> config_set_;
  std::set<Digest> extradata_nals_;
  std::vector<std::string> warnings_;
};

// Splits Annex-B data at start codes (00 00 01, with any number of leading zeros) and calls
// unit(nal, false) for each NAL unit, trailing zero bytes removed. Bytes before the first start
// code that are not all zero are passed as unit(bytes, true), so they are hashed, not lost.
void split_annexb(ByteView data, const std::function<void(ByteView, bool garbage)>& unit);

}  // namespace hallmark::media::internal
