// H.264/HEVC NAL normaliser (see nal.h).
#include "media/nal.h"

#include "media/hashing.h"

namespace hallmark::media::internal {
namespace {

// Offset of the next 00 00 01 at or after `from`, or data.size().
size_t find_start_code(ByteView d, size_t from) {
  size_t i = from;
  while (i + 2 < d.size()) {
    const uint8_t c = uint8_t(d[i + 2]);
    if (c > 1) {
      i += 3;
    } else if (c == 1 && d[i + 1] == std::byte{0} && d[i] == std::byte{0}) {
      return i;
    } else {
      ++i;
    }
  }
  return d.size();
}

bool all_zero(ByteView d) {
  for (std::byte b : d) {
    if (b != std::byte{0}) {
      return false;
    }
  }
  return true;
}

// Per-thread leaf hashers: normalise() is called once per packet, so the OpenSSL contexts are
// reused rather than created each time.
LeafHasher& vcl_hasher() {
  thread_local LeafHasher h;
  return h;
}
LeafHasher& aux_hasher() {
  thread_local LeafHasher h;
  return h;
}

// A NAL unit never ends in a zero byte (rbsp_trailing_bits end in a 1 bit; cabac_zero_words
// are 0x000003), so trailing zeros are the byte stream's trailing_zero_8bits, which muxers
// move between units differently (FFmpeg's avcC writer keeps one). Dropping them makes the
// unit the same in every container.
ByteView strip_trailing_zeros(ByteView nal) {
  size_t n = nal.size();
  while (n > 0 && nal[n - 1] == std::byte{0}) {
    --n;
  }
  return nal.first(n);
}

}  // namespace

void split_annexb(ByteView data, const std::function<void(ByteView, bool)>& unit) {
  size_t sc = find_start_code(data, 0);
  if (sc > 0 && !all_zero(data.first(sc))) {
    unit(data.first(sc), true);
  }
  while (sc < data.size()) {
    const size_t begin = sc + 3;
    const size_t next = find_start_code(data, begin);
    size_t end = next;
    while (end > begin && data[end - 1] == std::byte{0}) {
      --end;  // trailing_zero_8bits, or the first zero of a 4-byte start code
    }
    if (end > begin) {
      unit(data.subspan(begin, end - begin), false);
    }
    sc = next;
  }
}

NalNormaliser::NalNormaliser(NalCodec codec, ByteView extradata) : codec_(codec) {
  const auto u8 = [&](size_t i) { return uint8_t(extradata[i]); };
  if (codec == NalCodec::kH264 && extradata.size() >= 7 && u8(0) == 1) {
    parse_avcc(extradata);
  } else if (codec == NalCodec::kHevc && extradata.size() > 3 &&
             (u8(0) != 0 || u8(1) != 0 || u8(2) > 1)) {
    parse_hvcc(extradata);
  } else {
    split_annexb(extradata, [&](ByteView nal, bool garbage) {
      if (garbage) {
        add_warning(warnings_, "extradata: bytes before the first start code ignored");
      } else {
        add_extradata_nal(nal);
      }
    });
  }
}

void NalNormaliser::add_extradata_nal(ByteView raw) {
  const ByteView nal = strip_trailing_zeros(raw);
  if (nal.empty()) {
    return;
  }
  const Digest d = sha256(nal);
  extradata_nals_.insert(d);
  if (classify(nal) == Kind::kParameterSet) {
    config_set_.insert(d);
  }
}

void NalNormaliser::parse_avcc(ByteView e) {
  length_size_ = (uint8_t(e[4]) & 3) + 1;
  size_t i = 5;
  // Arrays: SPS (count in the low 5 bits), PPS, then for High profiles SPS extensions after
  // 4 bytes of chroma/bit-depth fields.
  int arrays = 0;
  const uint8_t profile = uint8_t(e[1]);
  const bool high = profile == 100 || profile == 110 || profile == 122 || profile == 144;
  while (i < e.size() && arrays < (high ? 3 : 2)) {
    if (arrays == 2) {
      if (i + 4 > e.size()) {
        break;  // No High-profile extension part: normal for Baseline/Main.
      }
      i += 3;
    }
    const size_t count = arrays == 0 ? (uint8_t(e[i]) & 0x1F) : uint8_t(e[i]);
    ++i;
    for (size_t k = 0; k < count; ++k) {
      if (i + 2 > e.size() || i + 2 + load_be16(&e[i]) > e.size()) {
        add_warning(warnings_, "extradata: avcC truncated");
        return;
      }
      const size_t len = load_be16(&e[i]);
      if (len > 0) {
        add_extradata_nal(e.subspan(i + 2, len));
      }
      i += 2 + len;
    }
    ++arrays;
  }
}

void NalNormaliser::parse_hvcc(ByteView e) {
  if (e.size() < 23) {
    length_size_ = 4;
    add_warning(warnings_, "extradata: hvcC truncated");
    return;
  }
  length_size_ = (uint8_t(e[21]) & 3) + 1;
  const size_t arrays = uint8_t(e[22]);
  size_t i = 23;
  for (size_t a = 0; a < arrays; ++a) {
    if (i + 3 > e.size()) {
      add_warning(warnings_, "extradata: hvcC truncated");
      return;
    }
    const size_t count = load_be16(&e[i + 1]);
    i += 3;
    for (size_t k = 0; k < count; ++k) {
      if (i + 2 > e.size() || i + 2 + load_be16(&e[i]) > e.size()) {
        add_warning(warnings_, "extradata: hvcC truncated");
        return;
      }
      const size_t len = load_be16(&e[i]);
      if (len > 0) {
        add_extradata_nal(e.subspan(i + 2, len));
      }
      i += 2 + len;
    }
  }
}

NalNormaliser::Kind NalNormaliser::classify(ByteView nal) const {
  if (codec_ == NalCodec::kH264) {
    const int t = uint8_t(nal[0]) & 0x1F;
    if ((t >= 1 && t <= 5) || t == 20 || t == 21) {
      return Kind::kVcl;
    }
    if (t == 7 || t == 8 || t == 13 || t == 15) {
      return Kind::kParameterSet;
    }
    if (t == 9 || t == 12) {
      return Kind::kDrop;
    }
    return Kind::kOther;
  }
  if (nal.size() < 2) {
    return Kind::kOther;
  }
  const int t = (uint8_t(nal[0]) >> 1) & 0x3F;
  if (t <= 31) {
    return Kind::kVcl;
  }
  if (t >= 32 && t <= 34) {
    return Kind::kParameterSet;
  }
  if (t == 35 || t == 38) {
    return Kind::kDrop;
  }
  return Kind::kOther;
}

void NalNormaliser::add_unit(ByteView raw, Packet& p) {
  const ByteView nal = strip_trailing_zeros(raw);
  if (nal.empty()) {
    return;
  }
  switch (classify(nal)) {
    case Kind::kVcl:
      vcl_hasher().add_u32be(uint32_t(nal.size())).add(nal);
      ++p.vcl;
      break;
    case Kind::kParameterSet: {
      const Digest d = sha256(nal);
      std::lock_guard lock(mu_);
      config_set_.insert(d);
      break;
    }
    case Kind::kDrop:
      break;
    case Kind::kOther:
      if (!extradata_nals_.contains(sha256(nal))) {
        aux_hasher().add_u32be(uint32_t(nal.size())).add(nal);
      }
      break;
  }
}

NalNormaliser::Packet NalNormaliser::normalise(ByteView packet) {
  Packet p;
  // Unparsable bytes are content: they go into the leaf as one length-prefixed unit.
  const auto garbage = [&](ByteView rest) {
    vcl_hasher().add_u32be(uint32_t(rest.size())).add(rest);
    p.malformed = true;
  };
  if (length_size_ != 0) {
    const size_t n = packet.size();
    const size_t l = size_t(length_size_);
    size_t i = 0;
    while (i < n) {
      if (n - i < l) {
        garbage(packet.subspan(i));
        break;
      }
      size_t len = 0;
      for (size_t k = 0; k < l; ++k) {
        len = len << 8 | uint8_t(packet[i + k]);
      }
      if (len > n - i - l) {
        garbage(packet.subspan(i));
        break;
      }
      i += l;
      if (len > 0) {
        add_unit(packet.subspan(i, len), p);
      }
      i += len;
    }
  } else {
    split_annexb(packet, [&](ByteView nal, bool is_garbage) {
      if (is_garbage) {
        garbage(nal);
      } else {
        add_unit(nal, p);
      }
    });
  }
  p.leaf = vcl_hasher().finish();
  p.aux_leaf = aux_hasher().finish();
  return p;
}

Digest NalNormaliser::config() const {
  std::lock_guard lock(mu_);
  Sha256 sha;
  const std::byte tag = kConfigTag;
  const uint32_t n = uint32_t(config_set_.size());
  const std::byte count[4] = {std::byte(n >> 24), std::byte(n >> 16), std::byte(n >> 8),
                              std::byte(n)};
  sha.update(ByteView(&tag, 1)).update(ByteView(count, 4));
  for (const Digest& d : config_set_) {
    sha.update(d);
  }
  return sha.finish();
}

}  // namespace hallmark::media::internal
