// Recognises a media format from a file's first bytes (never from its name). Pure; thread-safe.
#pragma once

#include <string>

#include "hallmark/bytes.h"

namespace hallmark::media::internal {

enum class Family {
  kUnknown,  // Not media hallmark recognises: bind the file only.
  kJpeg,
  kPng,
  kWebp,
  kAv,           // A container or elementary stream for libavformat.
  kUnsupported,  // Recognised media this version does not bind (HEIC/AVIF, GIF, TIFF, BMP, ...).
};

struct Detected {
  Family family = Family::kUnknown;
  // Short format name: "jpeg", "png", "webp", "mp4", "mov", "3gp", "matroska", "webm", "mpegts",
  // "m2ts", "flv", "nut", "wav", "aiff", "ogg", "flac", "mp3", "aac", "ac3", "h264", "hevc",
  // "mpeg-ps", "asf", "avi", "caf"; for kUnsupported "heif", "avif", "gif", "tiff", "bmp".
  std::string name;
};

// `head` is the start of the file; 64 KiB is enough for every signature used (MPEG-TS needs
// three 188/192-byte packets; MP3 may follow an ID3v2 tag whose size is read from the header).
Detected detect_format(ByteView head);

}  // namespace hallmark::media::internal
