#include "media/detect.h"

#include <cstring>
#include <string_view>

namespace hallmark::media::internal {
namespace {

uint8_t at(ByteView b, size_t i) {
  return i < b.size() ? uint8_t(b[i]) : 0;
}

bool starts_with(ByteView b, size_t offset, std::string_view magic) {
  return b.size() >= offset + magic.size() &&
         std::memcmp(b.data() + offset, magic.data(), magic.size()) == 0;
}

// An MPEG audio frame header (layers I-III) at `i`: returns the frame length, or 0.
size_t mpa_frame_length(ByteView b, size_t i) {
  if (b.size() < i + 4) {
    return 0;
  }
  const uint8_t b1 = at(b, i + 1), b2 = at(b, i + 2);
  if (at(b, i) != 0xFF || (b1 & 0xE0) != 0xE0) {
    return 0;
  }
  const int version = (b1 >> 3) & 3;  // 0: MPEG-2.5, 1: reserved, 2: MPEG-2, 3: MPEG-1.
  const int layer = (b1 >> 1) & 3;    // 1: III, 2: II, 3: I, 0: reserved (ADTS uses 0).
  const int bitrate_index = b2 >> 4;
  const int rate_index = (b2 >> 2) & 3;
  if (version == 1 || layer == 0 || bitrate_index == 0 || bitrate_index == 15 || rate_index == 3) {
    return 0;
  }
  static constexpr int kBitrates[2][3][16] = {
      // MPEG-1: layer I, II, III.
      {{0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448, 0},
       {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 0},
       {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0}},
      // MPEG-2/2.5: layer I, II, III.
      {{0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256, 0},
       {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0},
       {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0}}};
  static constexpr int kRates[3] = {44100, 48000, 32000};
  const bool mpeg1 = version == 3;
  const int rate = kRates[rate_index] >> (mpeg1 ? 0 : (version == 2 ? 1 : 2));
  const int layer_index = 3 - layer;  // 0: I, 1: II, 2: III.
  const long bitrate = kBitrates[mpeg1 ? 0 : 1][layer_index][bitrate_index] * 1000L;
  const int padding = (b2 >> 1) & 1;
  if (layer_index == 0) {
    return size_t((12 * bitrate / rate + padding) * 4);
  }
  const long coefficient = (layer_index == 2 && !mpeg1) ? 72 : 144;
  return size_t(coefficient * bitrate / rate + padding);
}

// An ADTS (AAC) header at `i`: returns the frame length, or 0.
size_t adts_frame_length(ByteView b, size_t i) {
  if (b.size() < i + 7 || at(b, i) != 0xFF || (at(b, i + 1) & 0xF6) != 0xF0) {
    return 0;
  }
  const size_t len =
      (size_t(at(b, i + 3) & 3) << 11) | (size_t(at(b, i + 4)) << 3) | (at(b, i + 5) >> 5);
  return len >= 7 ? len : 0;
}

// Two consecutive frames (or one frame that runs past the end of `b`) make a stream.
bool framed_audio(ByteView b, size_t i, size_t (*frame_length)(ByteView, size_t)) {
  const size_t len = frame_length(b, i);
  if (len == 0) {
    return false;
  }
  return i + len + 4 > b.size() || frame_length(b, i + len) != 0;
}

bool ts_at(ByteView b, size_t offset, size_t stride) {
  int seen = 0;
  for (size_t i = offset; i < b.size() && seen < 4; i += stride, ++seen) {
    if (at(b, i) != 0x47) {
      return false;
    }
  }
  return seen >= 3;
}

Detected from_ftyp(ByteView b) {
  // Major brand at 8, compatible brands from 16 to the end of the ftyp box.
  const size_t box_size =
      size_t(at(b, 0)) << 24 | size_t(at(b, 1)) << 16 | size_t(at(b, 2)) << 8 | at(b, 3);
  auto brand_is = [&](size_t off, std::string_view brand) { return starts_with(b, off, brand); };
  bool heif = false, avif = false;
  for (size_t off = 8; off + 4 <= b.size() && off + 4 <= box_size; off += 4) {
    if (off == 12) {
      continue;  // minor_version
    }
    for (std::string_view h : {"heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"}) {
      heif = heif || (off == 8 && brand_is(off, h));
    }
    avif = avif || brand_is(off, "avif") || brand_is(off, "avis");
  }
  if (avif && (brand_is(8, "avif") || brand_is(8, "avis") || brand_is(8, "mif1"))) {
    return {Family::kUnsupported, "avif"};
  }
  if (heif) {
    return {Family::kUnsupported, "heif"};
  }
  if (brand_is(8, "qt  ")) {
    return {Family::kAv, "mov"};
  }
  if (brand_is(8, "3gp") || brand_is(8, "3g2")) {
    return {Family::kAv, "3gp"};
  }
  return {Family::kAv, "mp4"};
}

}  // namespace

Detected detect_format(ByteView b) {
  if (at(b, 0) == 0xFF && at(b, 1) == 0xD8 && at(b, 2) == 0xFF) {
    return {Family::kJpeg, "jpeg"};
  }
  if (starts_with(b, 0, "\x89PNG\r\n\x1a\n")) {
    return {Family::kPng, "png"};
  }
  if (starts_with(b, 0, "RIFF") || starts_with(b, 0, "RF64")) {
    if (starts_with(b, 8, "WEBP")) {
      return {Family::kWebp, "webp"};
    }
    if (starts_with(b, 8, "WAVE")) {
      return {Family::kAv, "wav"};
    }
    if (starts_with(b, 8, "AVI ")) {
      return {Family::kAv, "avi"};
    }
    return {};
  }
  // Sony Wave64: GUID-named chunks, "riff" and "wave" each followed by their GUID tails.
  if (starts_with(b, 0,
                  std::string_view("riff\x2e\x91\xcf\x11\xa5\xd6\x28\xdb\x04\xc1\x00\x00", 16)) &&
      starts_with(b, 24,
                  std::string_view("wave\xf3\xac\xd3\x11\x8c\xd1\x00\xc0\x4f\x8e\xdb\x8a", 16))) {
    return {Family::kAv, "w64"};
  }
  if (starts_with(b, 0, "FORM") && (starts_with(b, 8, "AIFF") || starts_with(b, 8, "AIFC"))) {
    return {Family::kAv, "aiff"};
  }
  if (starts_with(b, 4, "ftyp")) {
    return from_ftyp(b);
  }
  for (std::string_view box : {"moov", "mdat", "free", "skip", "wide", "pnot", "styp", "sidx"}) {
    if (starts_with(b, 4, box)) {
      return {Family::kAv, box == "styp" || box == "sidx" ? "mp4" : "mov"};
    }
  }
  if (starts_with(b, 0, "\x1a\x45\xdf\xa3")) {
    const std::string_view head = as_chars(b.first(std::min<size_t>(b.size(), 64)));
    return {Family::kAv, head.find("webm") != std::string_view::npos ? "webm" : "matroska"};
  }
  if (ts_at(b, 0, 188)) {
    return {Family::kAv, "mpegts"};
  }
  if (ts_at(b, 4, 192)) {
    return {Family::kAv, "m2ts"};
  }
  if (starts_with(b, 0, "FLV\x01")) {
    return {Family::kAv, "flv"};
  }
  if (starts_with(b, 0, "nut/multimedia container")) {
    return {Family::kAv, "nut"};
  }
  if (starts_with(b, 0, "OggS")) {
    return {Family::kAv, "ogg"};
  }
  if (starts_with(b, 0, "fLaC")) {
    return {Family::kAv, "flac"};
  }
  if (starts_with(b, 0, "caff")) {
    return {Family::kAv, "caf"};
  }
  if (starts_with(b, 0, "#!AMR")) {
    return {Family::kAv, "amr"};
  }
  if (starts_with(b, 0, "MAC ")) {
    return {Family::kAv, "ape"};
  }
  if (starts_with(b, 0, "MPCK") || starts_with(b, 0, "MP+")) {
    return {Family::kAv, "mpc"};
  }
  if (starts_with(b, 0, "wvpk")) {
    return {Family::kAv, "wv"};
  }
  if (starts_with(b, 0, ".snd")) {
    return {Family::kAv, "au"};
  }
  if (starts_with(b, 0, "\x30\x26\xb2\x75\x8e\x66\xcf\x11")) {
    return {Family::kAv, "asf"};
  }
  if (starts_with(b, 0, std::string_view("\x00\x00\x01\xba", 4))) {
    return {Family::kAv, "mpeg-ps"};
  }
  if (starts_with(b, 0, "ID3") && b.size() >= 10) {
    // ID3v2 tag: a syncsafe size, then the audio (MP3 mostly; also AAC or FLAC).
    const size_t size = (size_t(at(b, 6) & 0x7F) << 21) | (size_t(at(b, 7) & 0x7F) << 14) |
                        (size_t(at(b, 8) & 0x7F) << 7) | (at(b, 9) & 0x7F);
    const size_t after = 10 + size + ((at(b, 5) & 0x10) ? 10 : 0);
    if (after < b.size()) {
      if (starts_with(b, after, "fLaC")) {
        return {Family::kAv, "flac"};
      }
      if (adts_frame_length(b, after) != 0) {
        return {Family::kAv, "aac"};
      }
    }
    return {Family::kAv, "mp3"};
  }
  if (framed_audio(b, 0, adts_frame_length)) {
    return {Family::kAv, "aac"};
  }
  if (framed_audio(b, 0, mpa_frame_length)) {
    return {Family::kAv, "mp3"};
  }
  if (at(b, 0) == 0x0B && at(b, 1) == 0x77) {
    return {Family::kAv, "ac3"};
  }
  // Annex-B elementary video: a start code, then an H.264 SPS/AUD/SEI or an HEVC VPS/SPS/AUD.
  const size_t sc = starts_with(b, 0, std::string_view("\x00\x00\x00\x01", 4)) ? 4
                    : starts_with(b, 0, std::string_view("\x00\x00\x01", 3))   ? 3
                                                                               : 0;
  if (sc != 0) {
    const uint8_t nal = at(b, sc);
    if ((nal & 0x80) == 0 && ((nal >> 1) == 32 || (nal >> 1) == 33 || (nal >> 1) == 35) &&
        at(b, sc + 1) == 0x01) {
      return {Family::kAv, "hevc"};
    }
    if ((nal & 0x80) == 0 && ((nal & 0x1F) == 7 || (nal & 0x1F) == 9 || (nal & 0x1F) == 6)) {
      return {Family::kAv, "h264"};
    }
  }
  if (starts_with(b, 0, "GIF87a") || starts_with(b, 0, "GIF89a")) {
    return {Family::kUnsupported, "gif"};
  }
  if (starts_with(b, 0, std::string_view("II*\x00", 4)) ||
      starts_with(b, 0, std::string_view("MM\x00*", 4))) {
    return {Family::kUnsupported, "tiff"};
  }
  if (starts_with(b, 0, "BM") && b.size() >= 26 && at(b, 6) == 0 && at(b, 7) == 0 &&
      at(b, 8) == 0 && at(b, 9) == 0) {
    return {Family::kUnsupported, "bmp"};
  }
  if (starts_with(b, 0, std::string_view("\x00\x00\x00\x0cjP  \r\n\x87\n", 12)) ||
      starts_with(b, 0, std::string_view("\xff\x4f\xff\x51", 4))) {
    return {Family::kUnsupported, "jpeg2000"};
  }
  if (starts_with(b, 0, std::string_view("\xff\x0a", 2)) ||
      starts_with(b, 0, std::string_view("\x00\x00\x00\x0cJXL \r\n\x87\n", 12))) {
    return {Family::kUnsupported, "jpegxl"};
  }
  return {};
}

}  // namespace hallmark::media::internal
