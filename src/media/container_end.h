// Where the container of an audio or video file ends (media binding version 2), so that bytes
// appended after it are found: past the last top-level ISO BMFF box, the RIFF/RF64 chunk
// (WAV, AVI), the Wave64 riff chunk, the AIFF FORM chunk, or the last Matroska segment. Reads
// box and chunk headers only, through the one open file. Thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

#include "hallmark/input_file.h"

namespace hallmark::media::internal {

// The offset just past the container of `file` in format `format` ("mp4", "wav", ...): the
// file's size when the container runs to its end, when it is truncated, or for formats whose
// end cannot be told from headers (MPEG-TS, Ogg, FLAC, MP3, ...).
uint64_t container_end(const InputFile& file, std::string_view format);

}  // namespace hallmark::media::internal
