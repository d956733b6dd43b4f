// Audio unit normalisation (see audio.h).
#include "media/audio.h"

#include <cstring>

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

}  // namespace hallmark::media::internal
