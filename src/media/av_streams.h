// Audio/video binding through libavformat (av_streams.cpp is the only FFmpeg user).
// Thread-safe: each call has its own demuxer; FFmpeg logging is captured per thread.
#pragma once

#include <string>

#include "hallmark/media.h"

namespace hallmark::media::internal {

// Binds every audio and video stream of `file`, which detect_format() recognised
// as the A/V format `format` ("mp4", "mpegts", ...). Packets are read one at a time in the
// demuxer's order; memory grows only by the leaf tables. kCorrupt if libavformat cannot open
// or read the file (with its message); kUnsupported if it has no audio or video stream.
Result<MediaBinding> bind_av(const InputFile& file, const std::string& format,
                             const MediaOptions& options);

}  // namespace hallmark::media::internal
