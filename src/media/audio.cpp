// Audio unit normalisation (see audio.h).
#include "media/audio.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>

namespace hallmark::media::internal {
namespace {

// An ADTS header at `i`: header length (7 or 9) and frame length, or {0, 0}.
std::pair<size_t, size_t> adts_header(ByteView b, size_t i) {
  if (b.size() - i < 7 || uint8_t(b[i]) != 0xFF || (uint8_t(b[i + 1]) & 0xF6) != 0xF0) {
    return {0, 0};
  }
  const size_t header = (uint8_t(b[i + 1]) & 1) != 0 ? 7 : 9;
  const size_t frame = (size_t(uint8_t(b[i + 3]) & 3) << 11) | (size_t(uint8_t(b[i + 4])) << 3) |
                       (uint8_t(b[i + 5]) >> 5);
  if (frame < header || frame > b.size() - i) {
    return {0, 0};
  }
  return {header, frame};
}

}  // namespace

std::vector<ByteView> aac_payloads(ByteView packet) {
  std::vector<ByteView> out;
  size_t i = 0;
  while (i < packet.size()) {
    const auto [header, frame] = adts_header(packet, i);
    if (frame == 0) {
      break;
    }
    if (frame > header) {
      out.push_back(packet.subspan(i + header, frame - header));
    }
    i += frame;
  }
  if (i < packet.size()) {
    out.push_back(packet.subspan(i));
  }
  return out;
}

uint64_t trailing_tags_start(ByteView tail, uint64_t file_size) {
  // `end` is an offset into `tail`; the file offset is base + end.
  const uint64_t base = file_size - tail.size();
  size_t end = tail.size();
  const auto magic_at = [&](size_t at, std::string_view magic) {
    return at + magic.size() <= end && std::memcmp(&tail[at], magic.data(), magic.size()) == 0;
  };
  const auto syncsafe = [&](size_t at) {
    return size_t(uint8_t(tail[at]) & 0x7F) << 21 | size_t(uint8_t(tail[at + 1]) & 0x7F) << 14 |
           size_t(uint8_t(tail[at + 2]) & 0x7F) << 7 | size_t(uint8_t(tail[at + 3]) & 0x7F);
  };
  for (int round = 0; round < 8; ++round) {
    if (end >= 128 && magic_at(end - 128, "TAG")) {
      end -= 128;
      continue;
    }
    if (end >= 32 && magic_at(end - 32, "APETAGEX")) {
      // APEv2 footer: the size counts items and footer; a header, if flagged, comes first.
      const size_t size = load_le32(&tail[end - 32 + 12]);
      const bool header = (load_le32(&tail[end - 32 + 20]) & 0x80000000u) != 0;
      const size_t total = size + (header ? 32 : 0);
      if (size >= 32 && total <= end) {
        end -= total;
        continue;
      }
    }
    if (end >= 15 && magic_at(end - 9, "LYRICS200")) {
      size_t size = 0;
      bool digits = true;
      for (size_t i = end - 15; i < end - 9; ++i) {
        const char c = char(tail[i]);
        digits = digits && c >= '0' && c <= '9';
        size = size * 10 + size_t(c - '0');
      }
      if (digits && size + 15 <= end) {
        end -= size + 15;
        continue;
      }
    }
    if (end >= 20 && magic_at(end - 10, "3DI")) {
      const size_t total = syncsafe(end - 4) + 20;
      if (total <= end) {
        end -= total;
        continue;
      }
    }
    // An ID3v2 tag without footer whose header's size ends exactly here.
    bool found = false;
    for (size_t p = end >= 10 ? end - 10 : 0; p + 10 <= end && !found; --p) {
      if (magic_at(p, "ID3") && uint8_t(tail[p + 3]) >= 2 && uint8_t(tail[p + 3]) <= 4 &&
          p + 10 + syncsafe(p + 6) == end) {
        end = p;
        found = true;
      }
      if (p == 0) {
        break;
      }
    }
    if (!found) {
      break;
    }
  }
  return base + end;
}

void PcmBlocker::feed(ByteView data, const std::function<void(const Digest&)>& leaf) {
  while (!data.empty()) {
    const uint64_t take = std::min<uint64_t>(block_ - filled_, data.size());
    hasher_.add(data.first(size_t(take)));
    filled_ += take;
    data = data.subspan(size_t(take));
    if (filled_ == block_) {
      leaf(hasher_.finish());
      filled_ = 0;
    }
  }
}

void PcmBlocker::finish(const std::function<void(const Digest&)>& leaf) {
  if (filled_ > 0) {
    leaf(hasher_.finish());
    filled_ = 0;
  }
}

namespace {

// The rolling hash's table: 256 fixed pseudo-random words, SHA-256("hallmark/pcm-gear" || i).
const std::array<uint64_t, 256>& gear() {
  static const std::array<uint64_t, 256> table = [] {
    std::array<uint64_t, 256> t{};
    for (size_t i = 0; i < t.size(); ++i) {
      Sha256 sha;
      const std::byte b{static_cast<uint8_t>(i)};
      const Digest d = sha.update(as_bytes(std::string_view("hallmark/pcm-gear")))
                           .update(ByteView(&b, 1))
                           .finish();
      uint64_t w = 0;
      for (int k = 0; k < 8; ++k) {
        w = w << 8 | uint64_t(d[size_t(k)]);
      }
      t[i] = w;
    }
    return t;
  }();
  return table;
}

}  // namespace

PcmCdcBlocker::PcmCdcBlocker(uint64_t bytes_per_second, uint32_t frame_bytes, uint32_t swap_bytes)
    : frame_(frame_bytes == 0 ? 1 : frame_bytes), swap_(swap_bytes) {
  const uint64_t bps = std::max<uint64_t>(bytes_per_second, frame_);
  // A boundary is tried after every frame past a quarter second: where k bits of the hash are
  // zero, 2^k the largest power of two frames up to half a second. Blocks are then a
  // quarter second plus, on average, 0.25 to 0.5 s more; three seconds at most (forced cuts,
  // which do not resynchronise, are rarer than one block in 200).
  const uint64_t frames_per_second = std::max<uint64_t>(bps / frame_, 1);
  min_ = std::max<uint64_t>(frame_, frames_per_second / 4 * frame_);
  max_ = std::max<uint64_t>(min_, 3 * frames_per_second * frame_);
  uint64_t k = 0;
  while ((uint64_t(2) << k) <= frames_per_second / 2) {
    ++k;
  }
  // The top k bits: the low ones of this hash depend on the last few bytes only.
  shift_ = 64 - k;
  partial_.reserve(frame_);
  if (swap_ > 1) {
    swapped_.assign(frame_, std::byte{0});  // frame_ is a multiple of swap_ (channels x width).
  }
}

void PcmCdcBlocker::frame(const std::byte* f,
                          const std::function<void(const Digest&, uint64_t)>& leaf) {
  const std::byte* data = f;
  if (swap_ > 1) {
    for (uint32_t i = 0; i + swap_ <= frame_; i += swap_) {
      for (uint32_t j = 0; j < swap_; ++j) {
        swapped_[i + j] = f[i + swap_ - 1 - j];
      }
    }
    data = swapped_.data();
  }
  const std::array<uint64_t, 256>& g = gear();
  for (uint32_t i = 0; i < frame_; ++i) {
    hash_ = (hash_ << 1) + g[uint8_t(data[i])];
  }
  hasher_.add(ByteView(data, frame_));
  filled_ += frame_;
  if (filled_ >= max_ || (filled_ >= min_ && (hash_ >> shift_) == 0)) {
    leaf(hasher_.finish(), offset_);
    offset_ += filled_;
    filled_ = 0;
  }
}

void PcmCdcBlocker::feed(ByteView data, const std::function<void(const Digest&, uint64_t)>& leaf) {
  if (!partial_.empty()) {
    const size_t take = std::min<size_t>(frame_ - partial_.size(), data.size());
    partial_.insert(partial_.end(), data.begin(), data.begin() + long(take));
    data = data.subspan(take);
    if (partial_.size() < frame_) {
      return;
    }
    frame(partial_.data(), leaf);
    partial_.clear();
  }
  while (data.size() >= frame_) {
    frame(data.data(), leaf);
    data = data.subspan(frame_);
  }
  partial_.assign(data.begin(), data.end());
}

void PcmCdcBlocker::finish(const std::function<void(const Digest&, uint64_t)>& leaf) {
  if (!partial_.empty()) {
    hasher_.add(partial_);  // A partial frame: kept as it is, so no byte goes unbound.
    filled_ += partial_.size();
    partial_.clear();
  }
  if (filled_ > 0) {
    leaf(hasher_.finish(), offset_);
    offset_ += filled_;
    filled_ = 0;
  }
}

}  // namespace hallmark::media::internal
