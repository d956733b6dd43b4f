// The media binding: what a picture, video or sound *is*, independent of its container and
// metadata. Per elementary stream, an RFC 6962 Merkle root over normalised content units
// (video/audio packets, JPEG tables and scans, PNG image data, WebP image chunks) and, for
// audio and video, its timing; beside them digests for metadata (EXIF/XMP/IPTC, container
// tags) and for rendering metadata (orientation, ICC profile), and the capture claims.
//
// Stripping or editing metadata and remuxing (MP4 -> MKV -> MPEG-TS ...) keep every content
// root and the timing; changing one frame changes exactly that frame's leaves, so compare() can
// name the packets and seconds; playing a stream faster or shifting it against another is a
// timing change. The exact rules are in man/hallmark-media.7.
//
// Thread-safety: all functions are thread-safe; values are plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hallmark/claims.h"
#include "hallmark/input_file.h"
#include "hallmark/sha256.h"
#include "hallmark/status.h"
#include "hallmark/timing.h"
#include "hallmark/worker_pool.h"

namespace hallmark::media {

// The version of the binding rules that sign uses (hallmark-media(7) says what each changed).
// A signed binding is always verified by the rules of its own version.
constexpr unsigned kMediaBindingVersion = 2;

struct MediaOptions {
  // Copy a GPS position into Claims::location. Off by default: a signed manifest is public,
  // and a location is personal data.
  bool include_location = false;
  // The rules to bind by, 1 or kMediaBindingVersion.
  unsigned version = kMediaBindingVersion;
  // Audio and video packets are hashed on this pool (not owned; must outlive the call) while
  // the calling thread demuxes, within the pool's budget. Null: a pool of `threads` is made
  // for the call (0: one per core, at most 9, which is what one demuxer can feed).
  WorkerPool* pool = nullptr;
  unsigned threads = 0;
};

enum class StreamKind { kVideo, kAudio, kImage };
// "video", "audio", "image".
std::string_view kind_name(StreamKind kind);

// One elementary stream (or the single picture of a still image).
struct StreamBinding {
  StreamKind kind = StreamKind::kVideo;
  int ordinal = 0;  // Among the bound streams of the same kind, in file order: video#0, audio#1.
  // The codec as the stream root names it: FFmpeg's codec name ("h264", "hevc", "aac",
  // "pcm_s16le"), "jpeg", "png", "webp"; from version 2 one name per family where containers
  // disagree on the name of the same bits ("mpeg-audio" for mp1/mp2/mp3; little-endian names
  // for PCM, whose big-endian samples are swapped).
  std::string codec;
  // stream_root(kind, codec, config, MTH(leaves)): what the manifest signs.
  Digest root{};
  uint64_t leaf_count = 0;
  // H.264/HEVC: digest of the deduplicated parameter sets (SPS/PPS/VPS, from extradata and
  // in-band). PCM: the sample rate and channel count. Absent for other codecs and for images.
  std::optional<Digest> config;
  // H.264/HEVC only: MTH over one aux leaf per packet (SEI and other non-VCL NAL units).
  // Signed beside the root, not inside it: an aux change is "bitstream side info changed".
  std::optional<Digest> aux_root;
  // Audio and video whose packets carry timestamps.
  std::optional<StreamTiming> timing;

  // The leaf table (travels in the bundle; authenticated by `root`): 32 bytes per leaf.
  std::vector<Digest> leaves;
  std::vector<Digest> aux_leaves;  // Same length as leaves when aux_root is set, else empty.
  // A/V: presentation time of each leaf in seconds from the file's start (NaN when the packet
  // had none); for PCM the start of the block. Images: empty.
  std::vector<double> times;
  // Images: a name per leaf ("DQT 0", "DHT AC1", "SOF0", "scan 0", "IHDR", "IDAT", "VP8").
  // A/V: empty.
  std::vector<std::string> unit_names;
  // Video: the leaves whose packets decode on their own (keyframes), in order.
  std::vector<uint64_t> keyframes;

  // Packets hidden by an edit list (AV_PKT_FLAG_DISCARD) are hashed like any other; the
  // visible window is the leaf range [visible_first, visible_end) from the first to the last
  // packet that is shown. Without hidden packets it is [0, leaf_count).
  uint64_t discarded = 0;
  uint64_t visible_first = 0;
  uint64_t visible_end = 0;

  // Version 2: leaf_info_digest() of the above, signed, so that the names, times and
  // keyframes a bundle carries beside the leaves are as authentic as the leaves.
  std::optional<Digest> leaf_info;

  // "video#0", "audio#1", "image#0".
  std::string label() const;
};

struct MediaBinding {
  unsigned version = kMediaBindingVersion;  // The rules it was bound by.
  // "jpeg", "png", "webp", or the container as recognised by content: "mp4", "mov", "3gp",
  // "matroska", "webm", "mpegts", "m2ts", "flv", "nut", "wav", "w64", "aiff", "ogg", "flac",
  // "mp3", ...
  std::string format;
  // Canonical order: video streams, then audio, then the image; each kind by ordinal. Streams
  // that are not content (cover art, subtitles, data, timecode) are listed in `ignored`.
  std::vector<StreamBinding> streams;
  // MTH over the leaves stream_root_i (leaf hash SHA-256(0x00 || stream root)), in that order.
  Digest content_root{};
  // EXIF/XMP/IPTC/COM blocks (images) or the container's non-artefact tags (A/V).
  Digest metadata_digest{};
  // What changes how the content is displayed: EXIF orientation, ICC profile, Adobe APP14
  // transform, PNG gAMA/cHRM/sRGB/cICP, video rotation.
  Digest rendering_digest{};
  // Rendering items other than the orientation (not signed; tells a profile removed from one
  // replaced).
  uint64_t rendering_items = 0;
  // Bytes after the end of the image (JPEG after EOI: MPF, Motion Photo, vendor trailers; PNG
  // after IEND; WebP after the RIFF chunk) or, from version 2, after the container of an audio
  // or video file (past the last ISO BMFF box, the RIFF/FORM chunk, the Matroska segment):
  // leaf hash SHA-256(0x00 || bytes) and size. Not part of content_root.
  std::optional<Digest> trailer;
  uint64_t trailer_size = 0;
  Claims claims;
  std::vector<std::string> ignored;   // "subtitle#0 hdmv_pgs_subtitle", "video mjpeg (cover art)"
  std::vector<std::string> warnings;  // Tolerated damage: "jpeg: no EOI (truncated)", ...
};

// Binds the media file `file`. Reads A/V files as a stream (memory grows only by the leaf
// tables); still images are read whole (up to 1 GiB). Only ever reads through `file`.
// kUnsupported: not a format this version binds (plain files, HEIC, GIF, ...): the caller
// falls back to the file binding alone. kCorrupt: recognised but too damaged to bind (message
// names the part). kIoError: the file could not be read. kInvalidArgument: a version this
// build does not know.
Result<MediaBinding> bind_media(const InputFile& file, const MediaOptions& options = {});

// The media format of `file`, recognised from its first bytes ("jpeg", "mp4", "heif", "gif",
// ...), including formats this version recognises but does not bind; empty if it is not
// media. kIoError if the file cannot be read.
Result<std::string> detect_media_format(const InputFile& file);

// The stream root signed for a stream: SHA-256(0x03 || kind || u8 len || codec || u8 has_config
// || [config] || packet_root), with packet_root = MTH(leaves). See hallmark-media(7).
Digest stream_root(StreamKind kind, std::string_view codec, const std::optional<Digest>& config,
                   const Digest& packet_root);
// MTH over the stream roots, as MediaBinding::content_root.
Digest content_root(const std::vector<StreamBinding>& streams);
// SHA-256(0x06 || the stream's times, unit names, keyframes and visible window), as
// hallmark-media(7) lays it out. Times count in whole microseconds, as bundles store them.
Digest leaf_info_digest(const StreamBinding& stream);

// OK if the stream's leaf tables authenticate against its signed root (and aux_root, and
// leaf_info where signed), so a verifier may use them to localise changes. kVerifyFailed
// naming the stream otherwise; kCorrupt if leaf_count, times or unit_names disagree with the
// number of leaves.
Status check_leaves(const StreamBinding& stream);

// One changed region of a stream.
struct ChangedRange {
  std::string stream;  // "video#0"
  // Leaves [first, first + count) of the signed stream were replaced by leaves
  // [actual_first, actual_first + actual_count) of the file being checked. count == 0: an
  // insertion (before signed leaf `first`); actual_count == 0: a deletion.
  uint64_t first = 0;
  uint64_t count = 0;
  uint64_t actual_first = 0;
  uint64_t actual_count = 0;
  // On the signed timeline (seconds from the signed file's start): the earliest and latest
  // presentation time of the changed signed leaves, or for an insertion the time of the
  // signed leaf it was inserted before (the end of the stream after the last).
  std::optional<double> start_seconds;
  std::optional<double> end_seconds;
  // What a viewer sees changed, on the signed timeline, for video: the pictures of the changed
  // packets and of every packet up to the next keyframe after them (which may reference them),
  // and the pictures shown before that keyframe which follow it in decoding order (open GOP).
  std::optional<double> visible_start_seconds;
  std::optional<double> visible_end_seconds;
  // The inserted or replacing packets' own times, as this file states them (its timeline).
  std::optional<double> actual_start_seconds;
  std::optional<double> actual_end_seconds;
  std::vector<std::string> units;  // Images: names of the changed units.
  std::string noun = "packet";     // What a leaf is here: "packet", "block" (PCM), "unit".
  bool aux_only = false;           // Only SEI/side info differs here; the picture data is equal.
  // "video#0 packets 100–124, 4.00–4.96 s", "audio#0 37 packets inserted at 8.74 s",
  // "image#0 unit 7 (scan 0)".
  std::string describe() const;
};

// A stream that plays otherwise than signed: faster or slower, shifted against the first
// stream, or with some packets moved in time.
struct TimingChange {
  enum class Kind { kSpeed, kShift, kRetimed };
  Kind kind = Kind::kSpeed;
  std::string stream;          // "audio#0"
  double signed_duration = 0;  // kSpeed: seconds, as signed and now.
  double duration = 0;
  double shift = 0;           // kShift: seconds later (+) or earlier (-) than signed...
  std::string against;        // ...against this stream ("video#0").
  double start = 0, end = 0;  // kRetimed: the signed times of the moved packets.
  // "video#0: timing changed: 9.92 s → 19.84 s (playback 0.5×)",
  // "audio#0 shifted +0.50 s against video#0", "video#0: timing changed at 4.00–6.00 s".
  std::string describe() const;
};

struct Comparison {
  bool content_equal = false;      // Same streams, every stream root equal: content is authentic.
  bool timing_equal = true;        // No timing change (only judged where the timing is signed).
  bool metadata_changed = false;   // The metadata digest differs.
  bool rendering_changed = false;  // The rendering digest differs...
  bool rendering_removed = false;  // ...because rendering items were removed, none changed.
  // The bytes after the image or container: none signed and some now (`trailer_added`), some
  // signed and none now (`trailer_removed`), or others than signed (`trailer_changed` covers
  // all three).
  bool trailer_changed = false;
  bool trailer_added = false;
  bool trailer_removed = false;
  uint64_t trailer_size = 0;                 // Of the file's trailer now.
  bool format_changed = false;               // Another container (a remux).
  std::vector<std::string> config_changed;   // Streams whose parameter sets (or PCM format) differ.
  std::vector<std::string> aux_changed;      // Streams whose aux root differs.
  std::vector<std::string> missing_streams;  // Signed, but not in the file.
  std::vector<std::string> extra_streams;    // In the file, not signed.
  std::vector<std::string> codec_changed;    // Same label, another codec.
  // Streams whose root differs but whose signed leaves are absent or do not authenticate, so
  // no range can be given.
  std::vector<std::string> unlocalised;
  std::vector<ChangedRange> changes;  // Content and aux changes, per stream in stream order.
  std::vector<TimingChange> timing;   // Timing changes (version 2), per stream.
  std::vector<ClaimChange> claims;    // Claims that differ from the signed ones.
};

// Compares the signed binding (roots from the manifest, leaf tables from the bundle) with the
// binding of the file at hand, bound by the same rules version. Streams pair up by label.
// Changed ranges come from aligning the signed and actual leaf sequences (a diff, so that two
// edits are two ranges even when the packet count changed). Leaves of `signed_binding` are used
// only if check_leaves() passes.
Comparison compare(const MediaBinding& signed_binding, const MediaBinding& actual);

}  // namespace hallmark::media
