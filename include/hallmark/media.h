// The media binding: what a picture, video or sound *is*, independent of its container and
// metadata. Per elementary stream, an RFC 6962 Merkle root over normalised content units
// (video/audio packets, JPEG tables and scans, PNG image data, WebP image chunks), plus
// separate digests for metadata (EXIF/XMP/IPTC, container tags) and for rendering metadata
// (orientation, ICC profile), and the capture claims found in EXIF.
//
// Stripping or editing metadata and remuxing (MP4 -> MKV -> MPEG-TS ...) keep every content
// root; changing one frame changes exactly that frame's leaves, so compare() can name the
// packets and seconds. The exact hashing rules are in man/hallmark-media.7.
//
// Thread-safety: all functions are thread-safe; values are plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hallmark/input_file.h"
#include "hallmark/sha256.h"
#include "hallmark/status.h"

namespace hallmark::media {

struct MediaOptions {
  // Copy a GPS position into CaptureClaims::location. Off by default: a signed manifest is
  // public, and a location is personal data.
  bool include_location = false;
};

// Unauthenticated claims copied from the file's own metadata (EXIF for stills; QuickTime/MP4
// tags for video). Every field is what the file says, not what hallmark knows.
struct CaptureClaims {
  std::optional<std::string> make;      // EXIF Make, trailing spaces/NULs trimmed.
  std::optional<std::string> model;     // EXIF Model, trimmed.
  std::optional<std::string> software;  // EXIF Software, trimmed.
  // EXIF DateTimeOriginal exactly as written ("2024:05:17 14:03:22"); no time zone is invented.
  // For video: com.apple.quicktime.creationdate, else the container's creation_time tag.
  std::optional<std::string> captured;
  std::optional<std::string> captured_offset;  // EXIF OffsetTimeOriginal ("+02:00") if present.
  std::optional<uint64_t> orientation;         // EXIF Orientation as written (1..8 when valid).
  // The file carries a position (EXIF GPS latitude/longitude, or a QuickTime/3GPP location).
  bool location_present = false;
  // "lat,lon" or "lat,lon,alt": decimal degrees (6 decimals, south/west negative) and metres.
  // Only with MediaOptions::include_location and a usable position (not 0/0 placeholders).
  std::optional<std::string> location;
  // True when location_present but location was not copied: the manifest says so.
  bool location_redacted() const { return location_present && !location; }
  bool empty() const {
    return !make && !model && !software && !captured && !captured_offset && !orientation &&
           !location_present;
  }
};

enum class StreamKind { kVideo, kAudio, kImage };
// "video", "audio", "image".
std::string_view kind_name(StreamKind kind);

// One elementary stream (or the single picture of a still image).
struct StreamBinding {
  StreamKind kind = StreamKind::kVideo;
  int ordinal = 0;  // Among the bound streams of the same kind, in file order: video#0, audio#1.
  std::string
      codec;  // FFmpeg codec name ("h264", "hevc", "aac", "pcm_s16le"), "jpeg", "png", "webp".
  // stream_root(kind, codec, config, MTH(leaves)): what the manifest signs.
  Digest root{};
  uint64_t leaf_count = 0;
  // H.264/HEVC: digest of the deduplicated parameter sets (SPS/PPS/VPS, from extradata and
  // in-band). PCM: the sample rate and channel count. Absent for other codecs and for images.
  std::optional<Digest> config;
  // H.264/HEVC only: MTH over one aux leaf per packet (SEI and other non-VCL NAL units).
  // Signed beside the root, not inside it: an aux change is "bitstream side info changed".
  std::optional<Digest> aux_root;

  // The leaf table (travels in the bundle; authenticated by `root`): 32 bytes per leaf.
  std::vector<Digest> leaves;
  std::vector<Digest> aux_leaves;  // Same length as leaves when aux_root is set, else empty.
  // A/V: presentation time of each leaf in seconds from the file's start (reporting only; NaN
  // when the packet had none). Images: empty.
  std::vector<double> times;
  // Images: a name per leaf ("DQT 0", "DHT AC1", "SOF0", "scan 0", "IHDR", "IDAT", "VP8").
  // A/V: empty.
  std::vector<std::string> unit_names;

  // Packets hidden by an edit list (AV_PKT_FLAG_DISCARD) are hashed like any other; the
  // visible window is the leaf range [visible_first, visible_end) from the first to the last
  // packet that is shown. Without hidden packets it is [0, leaf_count).
  uint64_t discarded = 0;
  uint64_t visible_first = 0;
  uint64_t visible_end = 0;

  // "video#0", "audio#1", "image#0".
  std::string label() const;
};

struct MediaBinding {
  // "jpeg", "png", "webp", or the container as recognised by content: "mp4", "mov", "3gp",
  // "matroska", "webm", "mpegts", "m2ts", "flv", "nut", "wav", "aiff", "ogg", "flac", "mp3", ...
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
  // Bytes after the end of the image (JPEG after EOI: MPF, Motion Photo, vendor trailers; PNG
  // after IEND; WebP after the RIFF chunk): leaf hash SHA-256(0x00 || bytes) and size. Not part
  // of content_root; a change is reported as trailer-changed.
  std::optional<Digest> trailer;
  uint64_t trailer_size = 0;
  CaptureClaims claims;
  std::vector<std::string> ignored;   // "subtitle#0 hdmv_pgs_subtitle", "video mjpeg (cover art)"
  std::vector<std::string> warnings;  // Tolerated damage: "jpeg: no EOI (truncated)", ...
};

// Binds the media file `file`. Reads A/V files as a stream (memory grows only by the leaf
// tables); still images are read whole (up to 1 GiB). Only ever reads through `file`.
// kUnsupported: not a format this version binds (plain files, HEIC, GIF, ...): the caller
// falls back to the file binding alone. kCorrupt: recognised but too damaged to bind (message
// names the part). kNotFound / kIoError: the file could not be read.
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

// OK if the stream's leaf tables authenticate against its signed root (and aux_root), so a
// verifier may use them to localise changes. kVerifyFailed naming the stream otherwise;
// kCorrupt if leaf_count, times or unit_names disagree with the number of leaves.
Status check_leaves(const StreamBinding& stream);

// One changed region of a stream, in the signed stream's terms.
struct ChangedRange {
  std::string stream;  // "video#0"
  // Leaves [first, first + count) of the signed stream were replaced by leaves
  // [actual_first, actual_first + actual_count) of the file being checked. count == 0: an
  // insertion; actual_count == 0: a deletion.
  uint64_t first = 0;
  uint64_t count = 0;
  uint64_t actual_first = 0;
  uint64_t actual_count = 0;
  // Earliest and latest presentation time over the range (A/V only).
  std::optional<double> start_seconds;
  std::optional<double> end_seconds;
  std::vector<std::string> units;  // Images: names of the changed units.
  std::string noun = "packet";     // What a leaf is here: "packet", "block" (PCM), "unit".
  bool aux_only = false;           // Only SEI/side info differs here; the picture data is equal.
  // "video#0 packets 100–124, 4.00–4.96 s", "image#0 unit 7 (scan 0)".
  std::string describe() const;
};

struct Comparison {
  bool content_equal = false;  // Same streams, every stream root equal: content is authentic.
  bool metadata_changed = false;
  bool rendering_changed = false;
  bool trailer_changed = false;              // Added, removed or different.
  bool format_changed = false;               // Another container (a remux).
  std::vector<std::string> config_changed;   // Streams whose parameter sets differ.
  std::vector<std::string> aux_changed;      // Streams whose aux root differs.
  std::vector<std::string> missing_streams;  // Signed, but not in the file.
  std::vector<std::string> extra_streams;    // In the file, not signed.
  std::vector<std::string> codec_changed;    // Same label, another codec.
  // Streams whose root differs but whose signed leaves are absent or do not authenticate, so
  // no range can be given.
  std::vector<std::string> unlocalised;
  std::vector<ChangedRange> changes;  // Content and aux changes, per stream in stream order.
};

// Compares the signed binding (roots from the manifest, leaf tables from the bundle) with the
// binding of the file at hand. Streams pair up by label. Changed ranges are found from the
// leaves: position by position when the counts agree, else as the span between the longest
// common prefix and suffix. Leaves of `signed_binding` are used only if check_leaves() passes.
Comparison compare(const MediaBinding& signed_binding, const MediaBinding& actual);

}  // namespace hallmark::media
