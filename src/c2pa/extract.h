// Finding a C2PA manifest store in an asset: JPEG APP11 segments (reassembled by box instance
// and sequence number), PNG caBX chunks, the ISO BMFF 'uuid' box (MP4, MOV, HEIF, AVIF, M4A),
// a PDF stream holding the store, or a whole .c2pa file. A remote manifest reference in XMP
// (dcterms:provenance) is reported, never fetched. Thread-safety: pure over its FileSource.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "c2pa/source.h"
#include "hallmark/bytes.h"
#include "hallmark/status.h"

namespace hallmark::c2pa {

enum class Format { kUnknown, kJpeg, kPng, kBmff, kPdf, kC2pa, kRiff, kGif, kTiff, kMp3 };

// A top-level ISO BMFF box.
struct BmffBox {
  std::string type;
  uint64_t offset = 0;
  uint64_t size = 0;         // Whole box, header included.
  uint32_t header_size = 8;  // 8, or 16 with a 64-bit size.
  std::string uuid_hex;      // For 'uuid' boxes: the 16-byte extended type, lowercase hex.
};

struct Extracted {
  Format format = Format::kUnknown;
  std::shared_ptr<const Bytes> store;  // The JUMBF manifest store; null when none was found.
  // Where the store sits in the asset, which the data hash must exclude exactly (embedded).
  std::optional<Range> manifest_range;
  std::optional<std::string> remote_url;
  // Set when a C2PA container was present but no manifest could be read from it (c2pa-rs:
  // "C2PA box present without a readable manifest").
  std::string reader_error;
  std::vector<BmffBox> bmff_boxes;  // Top-level boxes, for c2pa.hash.bmff.
};

Format detect_format(const FileSource& src, const std::string& path);

// kCorrupt only for a file that claims a format and breaks it so badly that nothing can be
// located; a file without a manifest is OK with store == nullptr.
Result<Extracted> extract(const FileSource& src, Format format);

// Top-level boxes of a BMFF file (also used for fragments). kCorrupt on malformed sizes.
Result<std::vector<BmffBox>> bmff_top_level_boxes(const FileSource& src);

// Text from dcterms:provenance in an XMP packet, if any.
std::optional<std::string> xmp_provenance(std::string_view xmp);
// The same when it is an http(s) URL, i.e. a remote manifest (not a self#jumbf reference).
std::optional<std::string> remote_provenance(std::string_view xmp);

}  // namespace hallmark::c2pa
