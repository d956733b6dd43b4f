// Segmenters for still images: split a JPEG, PNG or WebP file held in memory into the content
// units that the media binding hashes (hallmark-media(7)), and collect the metadata, the
// rendering metadata and the EXIF blobs. No decoding, no libexif here: pure parsing of bytes.
// Hostile input gives kCorrupt (or tolerated damage in `warnings`), never a crash; memory use
// is bounded by the unit table. Thread-safe (no shared state).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "hallmark/bytes.h"
#include "hallmark/sha256.h"
#include "hallmark/status.h"

namespace hallmark::media::internal {

struct ImageSegments {
  std::string codec;  // "jpeg", "png", "webp"
  uint32_t width = 0, height = 0;
  // Content units in file order: a name and its leaf hash SHA-256(0x00 || tag || bytes).
  std::vector<std::string> unit_names;
  std::vector<Digest> leaves;
  // Digest over every metadata block (APPn/COM, ancillary chunks, EXIF/XMP chunks), in order.
  Digest metadata{};
  // Rendering items other than orientation, in file order: ("icc", digest), ("adobe", ...),
  // ("gAMA", ...). The binder adds the EXIF orientation and hashes them.
  std::vector<std::pair<std::string, Digest>> rendering;
  // EXIF blobs as TIFF data (starting "II*\0" or "MM\0*"; an "Exif\0\0" prefix removed). Views
  // into the input: valid as long as it is.
  std::vector<ByteView> exif;
  // Photoshop image resource blocks (JPEG APP13 "Photoshop 3.0"), where IPTC IIM lives.
  std::vector<ByteView> photoshop;
  std::optional<Digest> trailer;  // Leaf hash of the bytes after the image, if any.
  uint64_t trailer_size = 0;
  std::vector<std::string> warnings;
};

// JPEG (ITU T.81): each DQT/DHT table definition is a unit (so splitting or merging table
// segments does not matter), then SOFn, DAC, DRI, DNL and each scan (SOS header + entropy-coded
// data including RSTn). APPn and COM are metadata; APP2 ICC_PROFILE and APP14 Adobe are also
// rendering. Bytes that are not a marker between segments are skipped as libjpeg does (a
// warning). Bytes after EOI are the trailer. kCorrupt: no SOI, a segment running past the end,
// no frame or no scan.
Result<ImageSegments> segment_jpeg(ByteView file);

// PNG: IHDR, PLTE, tRNS, the concatenated IDAT payload (one unit, so IDAT chunking does not
// matter) and, for APNG, acTL, each fcTL and each frame's concatenated fdAT payload (sequence
// numbers left out). gAMA/cHRM/sRGB/iCCP/cICP/mDCv/cLLi are rendering; other ancillary chunks
// metadata (eXIf also goes to `exif`). Bytes after IEND are the trailer. kCorrupt: bad
// signature, a chunk past the end, a CRC mismatch, no IHDR or no IDAT.
Result<ImageSegments> segment_png(ByteView file);

// WebP (RIFF): VP8, VP8L, ALPH, ANIM and ANMF chunks are units, in order. VP8X is skipped
// (webpmux drops it when stripping); ICCP is rendering; EXIF, XMP and unknown chunks metadata.
// Bytes after the RIFF chunk are the trailer. kCorrupt: no RIFF/WEBP header, a chunk past the
// end, no image chunk.
Result<ImageSegments> segment_webp(ByteView file);

}  // namespace hallmark::media::internal
